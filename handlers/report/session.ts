import type { ReportConversation } from '../../src/domain/report/conversation.js';
import type { Incoming } from '../../src/messaging/incoming.js';
import type { Services } from '../services.js';

/**
 * Where a report conversation lives: in the store, so a restart or another instance carries on.
 *
 *   report:<platform>:<chat id>:<account>          the state (ReportConversation), TTL 30 min
 *   report-lapsed:<platform>:<chat id>:<account>   a tombstone, TTL 30 min + 12 h
 *
 * One conversation per person per chat: in a group each member's is separate, and a person's DM
 * conversation is separate from theirs in the agency's group. Both keys are rewritten at every
 * step (the TTL is refreshed). The state also carries `expiresAt` by the bot's clock, which is what
 * decides: the store's TTL runs on Redis's own clock in production, and a virtual clock (tests,
 * playground) must see the same lapse. When a conversation lapses its tombstone remains, so the
 * next message from that person is answered with "your session lapsed" rather than a puzzled
 * "I did not understand"; the tombstone is removed once that is said, or when the conversation
 * ends normally (confirmed or cancelled).
 */
export const CONVERSATION_TTL_MS = 30 * 60_000;
export const LAPSED_NOTICE_MS = 12 * 3_600_000;

interface Tombstone {
  v: 1;
  /** When the conversation it stands for lapses (or lapsed). */
  expiresAt: number;
}

export function conversationKey(incoming: Pick<Incoming, 'platform' | 'chat' | 'sender'>): string {
  return `report:${incoming.platform}:${incoming.chat.id}:${incoming.sender.account}`;
}

function tombstoneKey(key: string): string {
  return `report-lapsed:${key.slice('report:'.length)}`;
}

export type ConversationLookup =
  | { kind: 'open'; key: string; state: ReportConversation }
  | { kind: 'lapsed'; key: string }
  | { kind: 'none'; key: string };

/** The conversation this message belongs to, if any: open, lapsed (say so once), or none. */
export async function findConversation(services: Services, incoming: Incoming): Promise<ConversationLookup> {
  const key = conversationKey(incoming);
  const now = services.clock.now();
  const state = await services.store.getConversation<ReportConversation>(key);
  if (state && state.v === 1 && state.expiresAt > now) return { kind: 'open', key, state };
  if (state) return { kind: 'lapsed', key };
  const tombstone = await services.store.getConversation<Tombstone>(tombstoneKey(key));
  if (tombstone && tombstone.v === 1 && tombstone.expiresAt <= now && now < tombstone.expiresAt + LAPSED_NOTICE_MS) return { kind: 'lapsed', key };
  return { kind: 'none', key };
}

/** Saves the state with a fresh time to live; returns it as saved. */
export async function saveConversation(services: Services, key: string, state: ReportConversation): Promise<ReportConversation> {
  const expiresAt = services.clock.now() + CONVERSATION_TTL_MS;
  const saved: ReportConversation = { ...state, expiresAt };
  await services.store.putConversation(key, saved, CONVERSATION_TTL_MS);
  await services.store.putConversation<Tombstone>(tombstoneKey(key), { v: 1, expiresAt }, CONVERSATION_TTL_MS + LAPSED_NOTICE_MS);
  return saved;
}

/**
 * Ends a conversation (confirmed, cancelled, or its lapse explained). The tombstone goes first: if
 * the process dies in between, the conversation is still there to finish or cancel, never a
 * finished one reported as lapsed.
 */
export async function endConversation(services: Services, key: string): Promise<void> {
  await services.store.deleteConversation(tombstoneKey(key));
  await services.store.deleteConversation(key);
}
