import type { AccountId } from './roles.js';

/**
 * Whether the bot can write to a person first. Telegram bots cannot message someone who never
 * opened a chat with them, and a person may block the bot: coordinators are told who is out of reach.
 */
export interface Contact {
  account: AccountId;
  name: string;
  /** True once the person has written to the bot in private; false after a delivery was refused. */
  reachable: boolean;
  lastSeenAt?: number;
  /** Why the last private message could not be delivered, e.g. "blocked". */
  unreachableReason?: string;
  unreachableSince?: number;
}
