import type { AccountId, Role } from '../../domain/roles.js';

/**
 * Every Redis key (and hash field) the store uses, built in one place so the layout can be read at
 * a glance and a prefix can never be forgotten:
 *
 *   <prefix>agencies                      hash   agencyId → Agency JSON
 *   <prefix>{roles}:account:<account>     hash   "<role>|<agencyId>" → RoleGrant JSON
 *   <prefix>{roles}:agency:<agencyId>     hash   "<account>|<role>" → RoleGrant JSON (head, deputy)
 *   <prefix>{roles}:role:<role>           hash   "<account>|<agencyId>" → RoleGrant JSON
 *   <prefix>{roles}:state                 string a random token replaced by every grant and revocation (what cached grants were read at)
 *   <prefix>sub:{<periodId>}:<agencyId>   list   every revision's Submission JSON, oldest first
 *   <prefix>sublatest:{<periodId>}        hash   agencyId → latest Submission JSON
 *   <prefix>subver:{<periodId>}           string counter bumped by every new revision of the period
 *   <prefix>subchg:{<periodId>}           list   "<version>|<agencyId>" of the latest 1,000 revisions (what changed)
 *   <prefix>conv:<key>                    string conversation state JSON, with PX
 *   <prefix>convidx:<kind>                zset   conversation key → expiry (ms), for counting open ones (<kind> = key up to its first ':')
 *   <prefix>lease:<key>                   string owner, with PX
 *   <prefix>done:<key>                    string detail, with EX (the sent ledger)
 *   <prefix>lease:{<slot of done:<key>>}:<key>  string owner, with PX: a delivery's lease, in its ledger entry's slot
 *   <prefix>meta                          hash   key → value
 *   <prefix>{invites}:invite:<id>         string Invite JSON, with PX (lifetime + 30 days, from storing)
 *   <prefix>{invites}:open                zset   id scored by createdAt: invites neither used nor revoked
 *   <prefix>chats                         hash   "<platform>:<chatId>" → ChatBinding JSON
 *   <prefix>delegations                   hash   agencyId → Delegation JSON
 *   <prefix>adhoc                         hash   period id → AdHocRequest JSON
 *   <prefix>contacts                      hash   account → Contact JSON
 *   <prefix>audit                         list   AuditEntry JSON, newest first, the latest AUDIT_CAP
 *   <prefix>audit:archive{<prefix>audit}  list   older AuditEntry JSON moved out of `audit`, newest first (never trimmed)
 *   <prefix>hits:<key>                    string hit counter, with PX set by the window's first hit
 *
 * Braces are Redis Cluster hash tags: keys written together by one MULTI or script must share a
 * slot, so all role indexes share `{roles}`, a period's keys share `{<periodId>}`, and every invite
 * shares `{invites}` with the open-invite index its scripts update.
 */
export interface RedisKeys {
  readonly prefix: string;
  agencies(): string;
  grantsOfAccount(account: AccountId): string;
  grantsOfAgency(agencyId: string): string;
  grantsOfRole(role: Role): string;
  grantsState(): string;
  submissionRevisions(periodId: string, agencyId: string): string;
  latestSubmissions(periodId: string): string;
  submissionsVersion(periodId: string): string;
  submissionChanges(periodId: string): string;
  conversation(key: string): string;
  conversationIndex(kind: string): string;
  lease(key: string): string;
  done(key: string): string;
  /**
   * The lease name (for `lease()`) of the delivery recorded at `done(key)`: hash-tagged so both
   * land in one slot, where one script checks the ledger and takes the lease.
   */
  deliveryLeaseName(key: string): string;
  meta(): string;
  invite(id: string): string;
  openInvites(): string;
  chatBindings(): string;
  delegations(): string;
  adHocRequests(): string;
  contacts(): string;
  audit(): string;
  /** Hash-tagged with the audit key's own name, so that one script moves entries between the two in a Cluster. */
  auditArchive(): string;
  hits(key: string): string;
}

/** Field names inside the role index hashes; `|` cannot occur in an account id or a role. */
export const grantFields = {
  inAccountIndex: (role: Role, agencyId: string | undefined): string => `${role}|${agencyId ?? ''}`,
  inAgencyIndex: (account: AccountId, role: Role): string => `${account}|${role}`,
  inRoleIndex: (account: AccountId, agencyId: string | undefined): string => `${account}|${agencyId ?? ''}`,
};

/** Builds the key layout under `prefix`, e.g. `dondoc:` in production or `dondoc-test:<random>:` in tests. */
export function redisKeys(prefix: string): RedisKeys {
  // A brace in the prefix would become the hash tag of every key and defeat the slot layout.
  if (/[{}]/.test(prefix)) throw new RangeError(`Redis key prefix must not contain braces: ${prefix}`);
  const periodTag = (periodId: string): string => {
    // An empty tag `{}` does not count as a hash tag, which would scatter a period over slots.
    if (periodId === '') throw new RangeError('period id must not be empty');
    return `{${periodId}}`;
  };
  return {
    prefix,
    agencies: () => `${prefix}agencies`,
    grantsOfAccount: (account) => `${prefix}{roles}:account:${account}`,
    grantsOfAgency: (agencyId) => `${prefix}{roles}:agency:${agencyId}`,
    grantsOfRole: (role) => `${prefix}{roles}:role:${role}`,
    grantsState: () => `${prefix}{roles}:state`,
    submissionRevisions: (periodId, agencyId) => `${prefix}sub:${periodTag(periodId)}:${agencyId}`,
    latestSubmissions: (periodId) => `${prefix}sublatest:${periodTag(periodId)}`,
    submissionsVersion: (periodId) => `${prefix}subver:${periodTag(periodId)}`,
    submissionChanges: (periodId) => `${prefix}subchg:${periodTag(periodId)}`,
    conversation: (key) => `${prefix}conv:${key}`,
    conversationIndex: (kind) => `${prefix}convidx:${kind}`,
    lease: (key) => `${prefix}lease:${key}`,
    done: (key) => `${prefix}done:${key}`,
    deliveryLeaseName: (key) => `{${hashTagOf(`${prefix}done:${key}`)}}:${key}`,
    meta: () => `${prefix}meta`,
    invite: (id) => `${prefix}{invites}:invite:${id}`,
    openInvites: () => `${prefix}{invites}:open`,
    chatBindings: () => `${prefix}chats`,
    delegations: () => `${prefix}delegations`,
    adHocRequests: () => `${prefix}adhoc`,
    contacts: () => `${prefix}contacts`,
    audit: () => `${prefix}audit`,
    auditArchive: () => `${prefix}audit:archive{${prefix}audit}`,
    hits: (key) => `${prefix}hits:${key}`,
  };
}

/** What Redis Cluster hashes a key by: its first non-empty `{…}`, else the whole key. */
function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  const close = open === -1 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}
