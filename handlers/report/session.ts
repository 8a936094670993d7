import type { Campaign } from '../../src/domain/campaign.js';
import { endOfLocalDay } from '../../src/domain/vietnam-time.js';
import { findCampaign } from '../../src/domain/plan.js';
import type { ReportConversation } from '../../src/domain/report/conversation.js';
import { draftMarkerKey, type DraftMarker } from '../../src/domain/report/draft-marker.js';
import type { Incoming } from '../../src/messaging/incoming.js';
import type { Services } from '../services.js';

/**
 * Where a report conversation lives: in the store, so a restart or another instance carries on.
 *
 *   report:<platform>:<chat id>:<account>          the state (ReportConversation)
 *   report-lapsed:<platform>:<chat id>:<account>   a tombstone, 12 h longer
 *   report-draft:<period>:<agency>:<account>       a draft marker for the reminders (draft-marker.ts)
 *
 * One conversation per person per chat: in a group each member's is separate, and a person's DM
 * conversation is separate from theirs in the agency's group. A head called away mid-report finds
 * the draft again: it is kept until the end of the period's deadline day, and at least 24 hours
 * from the last answer. After a pause of more than `IDLE_MS` the next message is not taken as an
 * answer but offers "tiếp tục" / "làm lại" (the person may no longer remember the question).
 * The state also carries `expiresAt` by the bot's clock, which is what decides: the store's TTL
 * runs on Redis's own clock in production, and a virtual clock (tests, playground) must see the
 * same lapse. When a conversation lapses its tombstone remains, so the next message from that
 * person is answered with "your draft lapsed" rather than a puzzled "I did not understand"; the
 * tombstone is removed once that is said, or when the conversation ends (confirmed or cancelled).
 */
/** A pause longer than this makes the next message offer "tiếp tục" / "làm lại". */
export const IDLE_MS = 30 * 60_000;
/** An unfinished conversation is kept at least this long after its last answer. */
export const DRAFT_KEEP_MS = 24 * 3_600_000;
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
  { kind: 'open'; key: string; state: ReportConversation } | { kind: 'lapsed'; key: string; until: number } | { kind: 'none'; key: string };

/** The conversation this message belongs to, if any: open, lapsed (say so once), or none. */
export async function findConversation(services: Services, incoming: Incoming): Promise<ConversationLookup> {
  const key = conversationKey(incoming);
  // Both read at once (one round trip): the tombstone matters only when the state is gone.
  const [state, tombstone] = await Promise.all([
    services.store.conversations.get<ReportConversation>(key),
    services.store.conversations.get<Tombstone>(tombstoneKey(key)),
  ]);
  const now = services.clock.now();
  if (state && state.v === 1 && state.expiresAt > now) return { kind: 'open', key, state };
  if (state) return { kind: 'lapsed', key, until: state.expiresAt };
  if (tombstone && tombstone.v === 1 && tombstone.expiresAt <= now && now < tombstone.expiresAt + LAPSED_NOTICE_MS)
    return { kind: 'lapsed', key, until: tombstone.expiresAt };
  return { kind: 'none', key };
}

/** How long a conversation is kept from now: to the end of its deadline day, at least 24 hours. */
export async function keepUntil(services: Services, state: Pick<ReportConversation, 'periodId'>): Promise<number> {
  const now = services.clock.now();
  const period = state.periodId ? await services.periods.find(state.periodId) : undefined;
  return Math.max(now + DRAFT_KEEP_MS, period ? endOfLocalDay(period.deadline) : 0);
}

/** Saves the state, kept until `keepUntil`; `active`: the person answered now (not a pause). */
export async function saveConversation(
  services: Services,
  key: string,
  state: ReportConversation,
  active = true,
): Promise<ReportConversation> {
  const now = services.clock.now();
  const expiresAt = await keepUntil(services, state);
  const saved: ReportConversation = { ...state, expiresAt, ...(active ? { lastActiveAt: now } : {}) };
  const ttl = expiresAt - now;
  const writes = [
    services.store.conversations.put(key, saved, ttl),
    services.store.conversations.put<Tombstone>(tombstoneKey(key), { v: 1, expiresAt }, ttl + LAPSED_NOTICE_MS),
  ];
  if (saved.periodId && saved.agencyId && (saved.phase === 'items' || saved.phase === 'review')) {
    const { campaign } = await campaignOf(services, saved.periodId);
    const marker: DraftMarker = {
      v: 1,
      answered: saved.answers.length,
      total: campaign?.items.length ?? saved.answers.length + saved.pending.length,
      at: saved.lastActiveAt ?? now,
    };
    writes.push(services.store.conversations.put(draftMarkerKey(saved.account, saved.periodId, saved.agencyId), marker, ttl));
  }
  // Written together (one round trip on Redis): each stands alone, none needs another written first.
  await Promise.all(writes);
  return saved;
}

async function campaignOf(services: Services, periodId: string): Promise<{ campaign?: Campaign }> {
  const period = await services.periods.find(periodId);
  const campaign = period ? findCampaign(services.plan, period.campaignId) : undefined;
  return campaign ? { campaign } : {};
}

/** Whether the person paused long enough that their next message should not be taken as an answer. */
export function wasIdle(services: Services, state: ReportConversation): boolean {
  return state.lastActiveAt !== undefined && services.clock.now() - state.lastActiveAt > IDLE_MS;
}

/**
 * Ends a conversation (confirmed, cancelled, or its lapse explained). The tombstone goes first: if
 * the process dies in between, the conversation is still there to finish or cancel, never a
 * finished one reported as lapsed.
 */
export async function endConversation(services: Services, key: string): Promise<void> {
  const state = await services.store.conversations.get<ReportConversation>(key);
  if (state?.periodId && state.agencyId)
    await services.store.conversations.delete(draftMarkerKey(state.account, state.periodId, state.agencyId));
  await services.store.conversations.delete(tombstoneKey(key));
  await services.store.conversations.delete(key);
}
