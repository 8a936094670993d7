import type { AccountId, Platform } from './roles.js';

/** A group chat the bot posts to: an agency's own group, or the coordinators' chat. */
export interface ChatBinding {
  platform: Platform;
  chatId: string;
  title?: string;
  /** `agency` groups get the agency's reminders; the `coordinator` chat gets summaries and escalations. */
  target: { kind: 'agency'; agencyId: string } | { kind: 'coordinator' };
  boundBy: AccountId;
  boundAt: number;
}

/** `telegram:-100123`: how a chat is named in keys and logs. */
export function chatKey(platform: Platform, chatId: string): string {
  return `${platform}:${chatId}`;
}
