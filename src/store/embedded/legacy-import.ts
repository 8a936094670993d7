import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AdHocRequest } from '../../domain/ad-hoc.js';
import type { Agency } from '../../domain/agency.js';
import type { AuditEntry } from '../../domain/audit.js';
import { chatKey, type ChatBinding } from '../../domain/chat-binding.js';
import type { Contact } from '../../domain/contact.js';
import type { Delegation } from '../../domain/delegation.js';
import type { Invite } from '../../domain/invite.js';
import type { AccountId, Platform, Role, RoleGrant } from '../../domain/roles.js';
import type { Submission } from '../../domain/submission.js';
import { AUDIT_CAP, type StoreLogger } from '../records.js';
import { StoreRefusedError } from '../store-refused.js';

/**
 * A read-only parser of the embedded store's old format (before SQLite): `snapshot.json` (the
 * whole state at some log sequence number) and `log.jsonl` (one `{"seq":n,"entry":change}` line per
 * write since). It rebuilds the state exactly as the old store did on start-up, so that it can be
 * imported once; it never writes, and the files stay as they were until the importer moves them
 * to `legacy-<date>/`.
 *
 * Unlike the old store, it refuses damage instead of stopping at the first unreadable line: only a
 * last line without its newline (a write cut short by a crash, never acknowledged) is left out.
 */

/** The old store's files; LOCK held its owner's pid. */
export const LEGACY_FILES = ['snapshot.json', 'log.jsonl', 'snapshot.json.tmp', 'LOCK'] as const;
/** Old snapshot formats this parser reads: 1 (agencies to meta), 2 (+ invites … audit), 3 (+ ad-hoc). */
const NEWEST_FORMAT = 3;

/** The old files present in `dataDir`. */
export function legacyFilesIn(dataDir: string): string[] {
  return LEGACY_FILES.filter((name) => existsSync(path.join(dataDir, name)));
}

interface Expiring {
  expiresAt: number;
}

/** Everything the old store held, as it held it (expiry times are absolute, by the injected clock). */
export interface LegacyData {
  agencies: Map<string, Agency>;
  grants: Map<string, RoleGrant>;
  /** `periodId|agencyId` → revisions, oldest first. */
  submissions: Map<string, Submission[]>;
  conversations: Map<string, Expiring & { json: string }>;
  leases: Map<string, Expiring & { owner: string }>;
  done: Map<string, Expiring & { detail: string }>;
  meta: Map<string, string>;
  /** `expiresAt` here is when the store forgets the invite. */
  invites: Map<string, Expiring & { invite: Invite }>;
  chats: Map<string, ChatBinding>;
  delegations: Map<string, Delegation>;
  adHoc: Map<string, AdHocRequest>;
  contacts: Map<string, Contact>;
  /** Oldest first. */
  audit: AuditEntry[];
  /** Log lines applied after the snapshot, and characters of a torn last line left out. */
  logEntries: number;
  ignoredChars: number;
}

type Mutation =
  | { op: 'put-agencies'; agencies: Agency[] }
  | { op: 'grant'; grant: RoleGrant }
  | { op: 'revoke'; account: AccountId; role: Role; agencyId?: string }
  | { op: 'add-submission'; submission: Submission }
  | { op: 'put-conversation'; key: string; json: string; expiresAt: number }
  | { op: 'delete-conversation'; key: string }
  | { op: 'claim-lease'; key: string; owner: string; expiresAt: number }
  | { op: 'release-lease'; key: string }
  | { op: 'mark-done'; key: string; detail: string; expiresAt: number }
  | { op: 'set-meta'; key: string; value: string }
  | { op: 'put-invite'; invite: Invite; forgetAt: number }
  | { op: 'bind-chat'; binding: ChatBinding }
  | { op: 'unbind-chat'; platform: Platform; chatId: string }
  | { op: 'set-delegation'; delegation: Delegation }
  | { op: 'clear-delegation'; agencyId: string }
  | { op: 'put-adhoc'; request: AdHocRequest }
  | { op: 'put-contact'; contact: Contact }
  | { op: 'append-audit'; entry: AuditEntry };

interface Snapshot {
  agencies: Agency[];
  grants: RoleGrant[];
  submissions: Submission[];
  conversations: [string, Expiring & { json: string }][];
  leases: [string, Expiring & { owner: string }][];
  done: [string, Expiring & { detail: string }][];
  meta: [string, string][];
  invites?: (Expiring & { invite: Invite })[];
  chats?: ChatBinding[];
  delegations?: Delegation[];
  contacts?: Contact[];
  audit?: AuditEntry[];
  adHoc?: AdHocRequest[];
}

const grantId = (account: string, role: string, agencyId: string | undefined) => `${account}|${role}|${agencyId ?? ''}`;

/** Reads the old files in `dataDir`; throws a StoreRefusedError, naming the file, on damage. */
export function readLegacyDataDir(dataDir: string, logger?: StoreLogger): LegacyData {
  const data: LegacyData = {
    agencies: new Map(),
    grants: new Map(),
    submissions: new Map(),
    conversations: new Map(),
    leases: new Map(),
    done: new Map(),
    meta: new Map(),
    invites: new Map(),
    chats: new Map(),
    delegations: new Map(),
    adHoc: new Map(),
    contacts: new Map(),
    audit: [],
    logEntries: 0,
    ignoredChars: 0,
  };
  const apply = (m: Mutation): void => applyMutation(data, m);

  const snapshotFile = path.join(dataDir, 'snapshot.json');
  let seq = 0;
  if (existsSync(snapshotFile)) {
    const parsed = parseJson(readFileSync(snapshotFile, 'utf8'), snapshotFile) as { format?: unknown; seq?: unknown; state?: Snapshot };
    const { format, state } = parsed;
    if (typeof format !== 'number' || format < 1 || format > NEWEST_FORMAT || !Number.isSafeInteger(parsed.seq) || !state) {
      throw damaged(snapshotFile, 'not a snapshot of a known format (1–3)');
    }
    seq = parsed.seq as number;
    apply({ op: 'put-agencies', agencies: state.agencies });
    for (const grant of state.grants) apply({ op: 'grant', grant });
    for (const submission of state.submissions) apply({ op: 'add-submission', submission });
    for (const [key, c] of state.conversations) apply({ op: 'put-conversation', key, ...c });
    for (const [key, l] of state.leases) apply({ op: 'claim-lease', key, ...l });
    for (const [key, d] of state.done) apply({ op: 'mark-done', key, ...d });
    for (const [key, value] of state.meta) apply({ op: 'set-meta', key, value });
    for (const { invite, expiresAt } of state.invites ?? []) apply({ op: 'put-invite', invite, forgetAt: expiresAt });
    for (const binding of state.chats ?? []) apply({ op: 'bind-chat', binding });
    for (const delegation of state.delegations ?? []) apply({ op: 'set-delegation', delegation });
    for (const request of state.adHoc ?? []) apply({ op: 'put-adhoc', request });
    for (const contact of state.contacts ?? []) apply({ op: 'put-contact', contact });
    for (const entry of state.audit ?? []) apply({ op: 'append-audit', entry });
  }

  const logFile = path.join(dataDir, 'log.jsonl');
  if (existsSync(logFile)) {
    const text = readFileSync(logFile, 'utf8');
    const lines = text.split('\n');
    // The text after the last newline was never completely written, so never acknowledged.
    const torn = lines.pop() ?? '';
    data.ignoredChars = torn.length;
    if (torn.length > 0)
      logger?.warn(
        { file: logFile, ignoredChars: torn.length },
        'left out the unfinished last line of the old store log (never acknowledged)',
      );
    lines.forEach((line, index) => {
      const where = `${logFile}:${index + 1}`;
      const parsed = parseJson(line, where) as { seq?: unknown; entry?: Mutation };
      if (!Number.isSafeInteger(parsed.seq) || typeof parsed.entry !== 'object' || parsed.entry === null)
        throw damaged(where, 'not a log entry');
      const lineSeq = parsed.seq as number;
      if (lineSeq <= seq && data.logEntries === 0) return; // already in the snapshot (a crash mid-compaction)
      if (lineSeq !== seq + 1) throw damaged(where, `entry ${lineSeq} follows entry ${seq}: entries are missing`);
      seq = lineSeq;
      try {
        apply(parsed.entry);
      } catch (err) {
        throw damaged(where, (err as Error).message);
      }
      data.logEntries += 1;
    });
  }
  return data;
}

function applyMutation(data: LegacyData, m: Mutation): void {
  switch (m.op) {
    case 'put-agencies':
      for (const agency of m.agencies) data.agencies.set(agency.id, agency);
      return;
    case 'grant':
      data.grants.set(grantId(m.grant.account, m.grant.role, m.grant.agencyId), m.grant);
      return;
    case 'revoke':
      data.grants.delete(grantId(m.account, m.role, m.agencyId));
      return;
    case 'add-submission': {
      const key = `${m.submission.periodId}|${m.submission.agencyId}`;
      const revisions = data.submissions.get(key) ?? [];
      revisions.push(m.submission);
      data.submissions.set(key, revisions);
      return;
    }
    case 'put-conversation':
      data.conversations.set(m.key, { json: m.json, expiresAt: m.expiresAt });
      return;
    case 'delete-conversation':
      data.conversations.delete(m.key);
      return;
    case 'claim-lease':
      data.leases.set(m.key, { owner: m.owner, expiresAt: m.expiresAt });
      return;
    case 'release-lease':
      data.leases.delete(m.key);
      return;
    case 'mark-done':
      data.done.set(m.key, { detail: m.detail, expiresAt: m.expiresAt });
      return;
    case 'set-meta':
      data.meta.set(m.key, m.value);
      return;
    case 'put-invite':
      data.invites.set(m.invite.id, { invite: m.invite, expiresAt: m.forgetAt });
      return;
    case 'bind-chat':
      data.chats.set(chatKey(m.binding.platform, m.binding.chatId), m.binding);
      return;
    case 'unbind-chat':
      data.chats.delete(chatKey(m.platform, m.chatId));
      return;
    case 'set-delegation':
      data.delegations.set(m.delegation.agencyId, m.delegation);
      return;
    case 'clear-delegation':
      data.delegations.delete(m.agencyId);
      return;
    case 'put-adhoc':
      data.adHoc.set(m.request.period.id, m.request);
      return;
    case 'put-contact':
      data.contacts.set(m.contact.account, m.contact);
      return;
    case 'append-audit':
      data.audit.push(m.entry);
      if (data.audit.length > AUDIT_CAP) data.audit.splice(0, data.audit.length - AUDIT_CAP);
      return;
    default:
      throw new Error(`unknown change ${JSON.stringify(m)}`);
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw damaged(where, (err as Error).message);
  }
}

function damaged(where: string, finding: string): StoreRefusedError {
  return new StoreRefusedError(
    `Dữ liệu kiểu cũ ở ${where} bị hỏng nên không thể chuyển sang cơ sở dữ liệu mới; các tệp được giữ nguyên. Hãy khôi phục từ bản sao lưu.\n` +
      `The old-format data at ${where} is damaged and cannot be imported; the files are left as they were. Restore them from a backup.\n` +
      `Finding: ${finding}`,
  );
}
