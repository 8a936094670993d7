import type { AccountId, Platform } from '../domain/roles.js';
import type { ReplyTarget } from './reply.js';

/**
 * The private chat with a person. On Telegram and Zalo a private chat's id is the user's id; the
 * playground names chats by the whole account.
 */
export function privateChatOf(account: AccountId): ReplyTarget & { platform: Platform } {
  const [platform, id] = account.split(/:(.*)/s) as [Platform, string];
  return { platform, chatId: platform === 'playground' ? account : id };
}
