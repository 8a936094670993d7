import type { AdHocRequests } from './ports/ad-hoc-requests.js';
import type { Agencies } from './ports/agencies.js';
import type { AuditLog } from './ports/audit-log.js';
import type { ChatBindings } from './ports/chats.js';
import type { Contacts } from './ports/contacts.js';
import type { Conversations } from './ports/conversations.js';
import type { Delegations } from './ports/delegations.js';
import type { Deliveries } from './ports/deliveries.js';
import type { FirstClaims } from './ports/first-claims.js';
import type { HitCounters } from './ports/hit-counters.js';
import type { Invites } from './ports/invites.js';
import type { Leases } from './ports/leases.js';
import type { People } from './ports/people.js';
import type { Reports } from './ports/reports.js';
import type { SharedSendRates } from './ports/send-rate.js';
import type { Settings } from './ports/settings.js';

export type { AdHocRequests } from './ports/ad-hoc-requests.js';
export type { Agencies, AgencySyncResult } from './ports/agencies.js';
export type { AuditLog } from './ports/audit-log.js';
export type { ChatBindings } from './ports/chats.js';
export type { Contacts } from './ports/contacts.js';
export type { Conversations } from './ports/conversations.js';
export type { Delegations } from './ports/delegations.js';
export type { Deliveries, DeliveryClaim } from './ports/deliveries.js';
export type { FirstClaims } from './ports/first-claims.js';
export type { HitCounters } from './ports/hit-counters.js';
export type { Invites } from './ports/invites.js';
export type { Leases } from './ports/leases.js';
export type { People } from './ports/people.js';
export type { Reports } from './ports/reports.js';
export type { RateGate, SharedSendRates } from './ports/send-rate.js';
export type { Settings } from './ports/settings.js';

/**
 * Everything Đôn Đốc keeps at run time, as small ports (one file each in `ports/`) that a caller
 * can take one or two of. Two implementations (`redis/`, `embedded/`) pass one contract suite
 * (`test/store/contract.ts`, a section per port); callers never know which one they hold.
 *
 * Every call is atomic on its own: a crash never leaves half of one call written, and a call
 * that resolved is durable (the embedded store fsyncs before resolving). For Redis, "durable" is
 * only as good as the server's persistence: run it with `appendonly yes` and `appendfsync always`
 * (nothing acknowledged is lost) or `everysec` (up to a second of writes lost on a power cut);
 * without AOF a Redis restart loses everything since the last RDB snapshot.
 *
 * Time: everything that expires by itself (conversations, leases, first claims, the delivery
 * ledger, kept invites, hit counters) expires on Redis's own real-time clock in the Redis store, and on the injected
 * `Clock` in the embedded store. Times passed in as arguments (`at`, `expiresAt`, `grantedAt`, …) are
 * stored and compared with one another, never with the store's clock: an invite is expired when
 * redeemed at or after its `expiresAt`, whatever either clock says.
 *
 * Bad input (a role that does not fit its agency, an invite that is not new, a TTL ≤ 0, …) is
 * rejected with a RangeError (a TypeError for conversation state JSON cannot hold) before anything
 * is written. Every call made after `close()` rejects.
 */
export interface Store {
  /** Which implementation this is, for logs and /healthz. */
  readonly kind: 'redis' | 'embedded';
  /** The plan's agencies as last written from it. */
  readonly agencies: Agencies;
  /** Who holds which role. */
  readonly people: People;
  /** The agencies' reports, every revision kept. */
  readonly reports: Reports;
  readonly invites: Invites;
  readonly delegations: Delegations;
  /** Group chats the bot posts to. */
  readonly chats: ChatBindings;
  readonly contacts: Contacts;
  readonly audit: AuditLog;
  readonly adHocRequests: AdHocRequests;
  /** Short-lived state that expires by itself. */
  readonly conversations: Conversations;
  /** Renewable leases (one holder at a time). */
  readonly leases: Leases;
  /** "Only the first one counts" for things that may arrive twice. */
  readonly firstClaims: FirstClaims;
  /** The outbox's ledger of what was delivered. */
  readonly deliveries: Deliveries;
  readonly hitCounters: HitCounters;
  readonly settings: Settings;
  /** A bot's send rate shared by all instances; absent where one process sends alone (embedded). */
  readonly sharedSendRates?: SharedSendRates;

  /** Round-trip time in ms; throws when the store cannot be reached. */
  ping(): Promise<number>;
  /** Flushes and closes; safe to call twice. Every other call made afterwards rejects. */
  close(): Promise<void>;
}
