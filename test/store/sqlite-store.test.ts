import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVirtualClock, systemClock } from '../../src/domain/clock.js';
import { INVITE_TTL_MS } from '../../src/domain/invite.js';
import type { NewSubmission } from '../../src/domain/submission.js';
import { createStore } from '../../src/store/create-store.js';
import { INVITE_RETENTION_MS } from '../../src/store/records.js';
import { DATABASE_FILE, openSqliteStore } from '../../src/store/embedded/open-embedded-store.js';
import type { Store } from '../../src/store/store.js';
import { invite, storeContract } from './contract.js';
import { legacyContents } from './legacy-contents.js';

import { ensureCompiled, root } from '../helpers/compiled.js';

async function freshDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'dondoc-sqlite-'));
}

// Every write is its own transaction, fsynced before it resolves (no group commit): the contract's
// 10,007 audit appends take 10–30 s on a busy shared disk, more than the default timeout.
vi.setConfig({ testTimeout: 90_000 });

storeContract('embedded', async () => {
  const dataDir = await freshDir();
  const store = await openSqliteStore({ dataDir, clock: systemClock });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

function report(agencyId: string, note = 'Đã hoàn thành ✅'): NewSubmission {
  return {
    campaignId: 'ci-09',
    periodId: '2025-h1',
    agencyId,
    answers: [{ itemNo: 1, status: 'done', percent: 100, note }],
    submittedBy: { account: 'telegram:1001', name: 'Nguyễn Văn An', role: 'head' },
    submittedAt: 1_750_000_000_000,
    late: false,
  };
}

/** As the expected file holds it: through JSON, so an absent value reads as null. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

describe('the embedded store on SQLite, specifically', () => {
  let dataDir: string;
  const opened: Store[] = [];
  const open = async (dir = dataDir, clock = systemClock): Promise<Store> => {
    const store = await openSqliteStore({ dataDir: dir, clock });
    opened.push(store);
    return store;
  };

  beforeAll(() => {
    // The PID-namespace test runs the compiled store in a child process.
    expect(
      ensureCompiled('src/store/embedded/open-embedded-store.ts'),
      'the compiled store in dist/ is missing or older than its sources',
    ).toBe(true);
  }, 120_000);

  beforeEach(async () => {
    dataDir = await freshDir();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps its data in DATA_DIR/don-doc.sqlite, in WAL mode with synchronous=FULL and foreign keys on', async () => {
    const store = await open();
    await store.reports.add(report('so-y-te'));
    await store.close();
    expect(await readdir(dataDir)).toContain(DATABASE_FILE);
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT count(*) AS n FROM submissions').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    // Per connection settings: read back through a reopened store's own connection is not possible
    // from outside, so check the source keeps them (a cheap guard against a refactor dropping one).
    const source = await readFile(path.join(root, 'src/store/embedded/open-embedded-store.ts'), 'utf8');
    expect(source).toContain("db.pragma('synchronous = FULL')");
    expect(source).toContain("db.pragma('foreign_keys = ON')");
  });

  it('keeps everything across close and reopen, numbering revisions on', async () => {
    const first = await open();
    for (let i = 0; i < 3; i++) await first.reports.add(report('so-y-te', `lần ${i + 1}`));
    await first.settings.set('k', 'giá trị');
    await first.close();
    const second = await open();
    expect((await second.reports.history('2025-h1', 'so-y-te')).map((s) => s.answers[0]?.note)).toEqual(['lần 1', 'lần 2', 'lần 3']);
    expect(await second.settings.get('k')).toBe('giá trị');
    expect((await second.reports.add(report('so-y-te'))).revision).toBe(4);
  });

  it('creates a data dir that does not exist yet', async () => {
    const nested = path.join(dataDir, 'a', 'b', 'data');
    const store = await open(nested);
    await store.settings.set('k', 'v');
    await store.close();
    expect(await (await open(nested)).settings.get('k')).toBe('v');
  });

  it('refuses a second open of a data dir that is already open, in this process, in Vietnamese and English', async () => {
    await open();
    const second = openSqliteStore({ dataDir, clock: systemClock });
    await expect(second).rejects.toMatchObject({ name: 'StoreRefusedError' });
    await expect(openSqliteStore({ dataDir, clock: systemClock })).rejects.toThrow(
      /đang được một tiến trình Đôn Đốc khác sử dụng[\s\S]*already open in another/,
    );
  });

  it('lets the data dir be opened again once the holder closed it', async () => {
    const first = await open();
    await first.close();
    const second = await open();
    expect(await second.ping()).toBeGreaterThanOrEqual(0);
  });

  it('refuses a second process in another PID namespace (another container on the same volume), and frees the dir when the holder is killed', async () => {
    const holder = await open();
    await holder.settings.set('k', 'v');
    // A process in a fresh PID namespace, as a second container would be: the old pid-file lock
    // checked its pid in the wrong namespace and let it in.
    const script = `import('${path.join(root, 'dist/src/store/embedded/open-embedded-store.js')}').then(async (m) => { try { const s = await m.openSqliteStore({ dataDir: process.argv[1], clock: { now: Date.now } }); console.log('opened', await s.settings.get('k')); await s.close(); } catch (e) { console.log('refused', e.name, e.message.split('\\n')[1]); } })`;
    const other = await runIsolated(script, dataDir);
    expect(other.stdout).toMatch(/^refused StoreRefusedError The data dir .* is already open in another Đôn Đốc process/);
    await holder.close();
    opened.length = 0;
    const after = await runIsolated(script, dataDir);
    expect(after.stdout.trim()).toBe('opened v');
  }, 30_000);

  it("refuses a damaged database (a b-tree page header overwritten mid-file), with the check's finding, leaving the file byte for byte", async () => {
    const store = await open();
    for (let i = 0; i < 400; i++) await store.reports.add(report(`agency-${i % 40}`, `Báo cáo số ${i} — ${'nội dung '.repeat(20)}`));
    await store.close(); // checkpoints: every page is in the database file
    opened.length = 0;
    const file = path.join(dataDir, DATABASE_FILE);
    const bytes = await readFile(file);
    const pageSize = bytes.readUInt16BE(16);
    const pages = bytes.length / pageSize;
    // The first b-tree page (interior or leaf, of a table or an index) at or after the middle.
    let page = Math.floor(pages / 2);
    while (![2, 5, 10, 13].includes(bytes[(page - 1) * pageSize]!)) page++;
    const header = (page - 1) * pageSize;
    bytes.fill(0xff, header, header + 8);
    await writeFile(file, bytes);
    const before = await sha256(file);
    const attempt = openSqliteStore({ dataDir, clock: systemClock });
    await expect(attempt).rejects.toMatchObject({ name: 'StoreRefusedError' });
    await expect(openSqliteStore({ dataDir, clock: systemClock })).rejects.toThrow(
      /bị hỏng[\s\S]*is damaged; Đôn Đốc will not start rather than lose data[\s\S]*PRAGMA quick_check: .*(page|Page|malformed|corrupt)/,
    );
    expect(await sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`) ? (await readFile(`${file}-wal`)).length : 0).toBe(0);
  });

  it('refuses a file that is not a database at all, leaving it as it was', async () => {
    const file = path.join(dataDir, DATABASE_FILE);
    await writeFile(file, 'Đây không phải là cơ sở dữ liệu. '.repeat(200));
    const before = await sha256(file);
    await expect(openSqliteStore({ dataDir, clock: systemClock })).rejects.toThrow(/PRAGMA quick_check: SQLITE_NOTADB/);
    expect(await sha256(file)).toBe(before);
  });

  it('refuses a database written by a newer version', async () => {
    const store = await open();
    await store.close();
    opened.length = 0;
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    db.pragma('user_version = 99');
    db.close();
    await expect(openSqliteStore({ dataDir, clock: systemClock })).rejects.toThrow(/newer Đôn Đốc \(schema 99/);
  });

  it('skips a corrupt row instead of failing, refuses to redeem or revoke a corrupt invite, and says so in the log', async () => {
    const first = await open();
    const good = await first.reports.add(report('so-y-te'));
    const other = await first.reports.add(report('so-gd-dt'));
    await first.agencies.sync([{ id: 'so-y-te', name: 'Sở Y tế', kind: 'so' }]);
    const goodInvite = invite('good-code-000000000001');
    await first.invites.create(goodInvite);
    await first.close();
    // Rows damaged behind the store's back (an operator's `sqlite3`, a bad restore).
    const torn = invite('torn-code-000000000001');
    const noExpiry = invite('noexpiry-code-00000001');
    const forgetAt = Date.now() + 86_400_000;
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    try {
      const insert = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);
      insert('INSERT INTO submissions (period_id, agency_id, revision, record) VALUES (?, ?, ?, ?)', '2025-h1', 'so-y-te', 2, 'not json');
      insert(
        'INSERT INTO submissions (period_id, agency_id, revision, record) VALUES (?, ?, ?, ?)',
        '2025-h1',
        'xa-hong',
        1,
        '{"periodId":',
      );
      insert('INSERT INTO agencies (id, record) VALUES (?, ?)', 'so-hong', '[1,2,3]');
      insert('INSERT INTO grants (account, role, agency_id, record) VALUES (?, ?, ?, ?)', 'telegram:1001', 'head', 'x', '"just a string"');
      insert('INSERT INTO conversations (key, json, expires_at) VALUES (?, ?, ?)', 'zalo:9', '{oops', forgetAt);
      insert('INSERT INTO invites (id, record, forget_at) VALUES (?, ?, ?)', torn.id, '{"id":"torn", "expiresAt":', forgetAt);
      insert(
        'INSERT INTO invites (id, record, forget_at) VALUES (?, ?, ?)',
        noExpiry.id,
        JSON.stringify({ ...noExpiry, expiresAt: 'mai' }),
        forgetAt,
      );
      insert('INSERT INTO contacts (account, record) VALUES (?, ?)', 'telegram:9', 'nope');
      insert('INSERT INTO audit (record) VALUES (?)', '{"at":');
      insert('INSERT INTO chats (chat_key, record) VALUES (?, ?)', 'zalo:x', '{}');
      insert('INSERT INTO delegations (agency_id, record) VALUES (?, ?)', 'so-x', '[]');
      insert('INSERT INTO ad_hoc_requests (id, record) VALUES (?, ?)', 'adhoc-x', '{"period":{}}');
    } finally {
      db.close();
    }

    const logger = { warn: vi.fn() };
    const store = await openSqliteStore({ dataDir, clock: systemClock, logger });
    opened.push(store);
    expect(await store.reports.history('2025-h1', 'so-y-te')).toEqual([good]);
    // A corrupt latest revision reads as absent (never an older one shown as the latest), and the
    // numbering goes on past it.
    expect(await store.reports.latest('2025-h1', 'so-y-te')).toBeUndefined();
    expect(await store.reports.latestOfPeriod('2025-h1')).toEqual(new Map([['so-gd-dt', other]]));
    expect(await store.reports.latest('2025-h1', 'xa-hong')).toBeUndefined();
    expect((await store.reports.add(report('so-y-te'))).revision).toBe(3);
    expect((await store.agencies.list()).map((a) => a.id)).toEqual(['so-y-te']);
    expect(await store.agencies.get('so-hong')).toBeUndefined();
    expect(await store.people.rolesOf('telegram:1001')).toEqual([]);
    expect(await store.conversations.get('zalo:9')).toBeUndefined();
    expect(await store.invites.get(torn.id)).toBeUndefined();
    expect(await store.invites.redeem(torn.id, 'zalo:1', 1)).toEqual({ ok: false, reason: 'unknown' });
    expect(await store.invites.revoke(torn.id, 'zalo:1', 1)).toBe(false);
    expect(await store.invites.redeem(noExpiry.id, 'zalo:1', 1)).toEqual({ ok: false, reason: 'unknown' });
    expect(await store.invites.listOpen()).toEqual([goodInvite]);
    // A kept row holds its id even when it cannot be read, as a Redis key does.
    await expect(store.invites.create(torn)).rejects.toThrow(/already exists/);
    expect(await store.contacts.getMany(['telegram:9'])).toEqual(new Map());
    expect(await store.audit.list(10)).toEqual([]);
    expect(await store.chats.list()).toEqual([]);
    expect(await store.delegations.get('so-x')).toBeUndefined();
    expect(await store.adHocRequests.list()).toEqual([]);
    // A plan sync repairs a corrupt agency by writing it afresh.
    expect(await store.agencies.sync([{ id: 'so-hong', name: 'Sở Hồng', kind: 'so' }])).toEqual({
      added: ['so-hong'],
      updated: [],
      archived: ['so-y-te'],
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ query: expect.stringContaining('FROM invites') as unknown, sample: '{"id":"torn", "expiresAt":' }),
      'skipped a corrupt row in the SQLite database',
    );
    expect(logger.warn.mock.calls.length).toBeGreaterThanOrEqual(16);
    await store.close();
    const check = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      // Nothing corrupt was repaired by dropping it, or overwritten, but for the agency the plan rewrote.
      expect(check.prepare('SELECT record FROM invites WHERE id = ?').get(noExpiry.id)).toEqual({
        record: expect.stringContaining('"mai"') as unknown,
      });
      expect(check.prepare('SELECT count(*) AS n FROM submissions').get()).toEqual({ n: 5 });
    } finally {
      check.close();
    }
  });

  it('expires conversations, leases and the sent ledger by the injected clock, even across a reopen', async () => {
    const clock = createVirtualClock(Date.parse('2025-06-10T08:00:00+07:00'));
    const store = await open(dataDir, clock);
    await store.conversations.put('zalo:1', { step: 1 }, 60_000);
    await store.leases.claim('tick', 'worker-a', 30_000);
    await store.deliveries.markDone('reminder:1');
    clock.advance(59_999);
    expect(await store.conversations.get('zalo:1')).toEqual({ step: 1 });
    expect(await store.leases.claim('tick', 'worker-b', 30_000)).toBe(true);
    await store.close();

    const reopened = await open(dataDir, clock);
    expect(await reopened.conversations.get('zalo:1')).toEqual({ step: 1 });
    clock.advance(1);
    expect(await reopened.conversations.get('zalo:1')).toBeUndefined();
    expect(await reopened.deliveries.isDone('reminder:1')).toBe(true);
    clock.advance(400 * 24 * 60 * 60 * 1000);
    expect(await reopened.deliveries.isDone('reminder:1')).toBe(false);
  });

  it('forgets an invite, used or not, its lifetime plus 30 days after storing it, by the injected clock', async () => {
    const clock = createVirtualClock(Date.parse('2025-06-10T08:00:00+07:00'));
    const store = await open(dataDir, clock);
    const createdAt = clock.now() - 86_400_000;
    const used = invite('forget-used-0000000001', { createdAt, expiresAt: createdAt + INVITE_TTL_MS });
    const lapsed = invite('forget-lapsed-00000001', { createdAt, expiresAt: createdAt + INVITE_TTL_MS });
    await store.invites.create(used);
    await store.invites.create(lapsed);
    await store.invites.redeem(used.id, 'zalo:1', clock.now());
    clock.advance(INVITE_TTL_MS + INVITE_RETENTION_MS - 1);
    expect((await store.invites.get(used.id))?.usedBy).toBe('zalo:1');
    expect(await store.invites.listOpen()).toEqual([lapsed]);
    await store.close();

    const reopened = await open(dataDir, clock);
    expect(await reopened.invites.get(lapsed.id)).toEqual(lapsed);
    clock.advance(1);
    expect(await reopened.invites.get(used.id)).toBeUndefined();
    expect(await reopened.invites.redeem(lapsed.id, 'zalo:2', clock.now())).toEqual({ ok: false, reason: 'unknown' });
    await reopened.invites.create(lapsed);
    expect(await reopened.invites.listOpen()).toEqual([lapsed]);
  });

  it('counts hits by the injected clock, in memory only: a restart starts every window afresh', async () => {
    const clock = createVirtualClock(Date.parse('2025-06-10T08:00:00+07:00'));
    const store = await open(dataDir, clock);
    expect(await store.hitCounters.hit('code-attempts:zalo:1', 60_000)).toBe(1);
    clock.advance(59_999);
    expect(await store.hitCounters.hit('code-attempts:zalo:1', 60_000)).toBe(2);
    clock.advance(1);
    expect(await store.hitCounters.hit('code-attempts:zalo:1', 60_000)).toBe(1);
    await store.close();
    const reopened = await open(dataDir, clock);
    expect(await reopened.hitCounters.hit('code-attempts:zalo:1', 60_000)).toBe(1);
  });

  it('is what createStore opens when no Redis URL is configured', async () => {
    const store = await createStore({ redisPrefix: 'unused:', dataDir, clock: systemClock });
    opened.push(store);
    expect(store.kind).toBe('embedded');
    expect(await readdir(dataDir)).toContain(DATABASE_FILE);
  });
});

describe('the one-time import of an old-format data dir', () => {
  let dataDir: string;
  /** The fixture's clock: 2026-06-10 08:01 +07:00, a minute after its first writes. */
  const fixtureNow = Date.parse('2026-06-10T08:00:00+07:00') + 60_000;
  const expected = JSON.parse(readFileSync(path.join(root, 'test/fixtures/legacy-data-dir.expected.json'), 'utf8')) as unknown;

  beforeEach(async () => {
    dataDir = await freshDir();
    await cp(path.join(root, 'test/fixtures/legacy-data-dir'), dataDir, { recursive: true });
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports everything the old store held (written by the old code, left by a kill -9) and moves its files to legacy-<date>/', async () => {
    const logger = { warn: vi.fn() };
    const clock = createVirtualClock(fixtureNow);
    const store = await openSqliteStore({ dataDir, clock, logger });
    try {
      expect(asJson(await legacyContents(store))).toEqual(expected);
      // The revisions go on from where they were.
      expect((await store.reports.add({ ...report('so-y-te'), periodId: '2026-h1' })).revision).toBe(4);
    } finally {
      await store.close();
    }
    const moved = path.join(dataDir, 'legacy-2026-06-10');
    expect((await readdir(moved)).sort()).toEqual(['LOCK', 'log.jsonl', 'snapshot.json']);
    expect(await readFile(path.join(moved, 'log.jsonl'))).toEqual(
      await readFile(path.join(root, 'test/fixtures/legacy-data-dir/log.jsonl')),
    );
    expect((await readdir(dataDir)).filter((f) => !f.startsWith('don-doc.')).sort()).toEqual(['legacy-2026-06-10']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ submissions: 5, logEntries: 13 }),
      expect.stringMatching(/imported/),
    );

    // Once: a restart neither imports again nor finds anything to move.
    const reopened = await openSqliteStore({ dataDir, clock });
    try {
      expect((await reopened.reports.history('2026-h1', 'so-y-te')).map((s) => s.revision)).toEqual([1, 2, 3, 4]);
      expect(await reopened.audit.list(100)).toEqual((expected as { audit: unknown }).audit);
    } finally {
      await reopened.close();
    }
    expect((await readdir(dataDir)).filter((f) => f.startsWith('legacy-'))).toEqual(['legacy-2026-06-10']);
  });

  it('imports the leases the old store held, by their own expiry', async () => {
    // The fixture's lease (worker-a, 60 s from 08:00) still holds a millisecond before 08:01.
    const store = await openSqliteStore({ dataDir, clock: createVirtualClock(fixtureNow - 1) });
    try {
      expect(await store.leases.claim('scheduler-tick', 'worker-b', 1_000)).toBe(false);
      expect(await store.leases.release('scheduler-tick', 'worker-a')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('leaves out only a torn last log line, and refuses a damaged line in the middle, leaving the files as they were', async () => {
    await appendFile(path.join(dataDir, 'log.jsonl'), '{"seq":99,"entry":{"op":"set-meta","ke');
    const clock = createVirtualClock(fixtureNow);
    const torn = await openSqliteStore({ dataDir, clock });
    expect(asJson(await legacyContents(torn))).toEqual(expected);
    await torn.close();

    const damagedDir = await freshDir();
    try {
      await cp(path.join(root, 'test/fixtures/legacy-data-dir'), damagedDir, { recursive: true });
      const log = path.join(damagedDir, 'log.jsonl');
      const text = await readFile(log, 'utf8');
      // One byte overwritten at 30 % of the log: the old store silently dropped every later write.
      const at = Math.floor(text.length * 0.3);
      await writeFile(log, `${text.slice(0, at)}\u0000${text.slice(at + 1)}`);
      const before = await sha256(log);
      await expect(openSqliteStore({ dataDir: damagedDir, clock })).rejects.toThrow(/log\.jsonl:\d+ is damaged and cannot be imported/);
      expect(await sha256(log)).toBe(before);
      const left = await readdir(damagedDir);
      expect(left).toEqual(expect.arrayContaining(['LOCK', 'log.jsonl', 'snapshot.json']));
      expect(left.filter((f) => f.startsWith('legacy-'))).toEqual([]);
    } finally {
      await rm(damagedDir, { recursive: true, force: true });
    }
  });
});

/** Runs `node -e script dataDir` as root in a new PID namespace (`unshare --pid --fork --mount-proc`). */
async function runIsolated(script: string, dataDir: string): Promise<{ stdout: string; stderr: string }> {
  const child = spawn('unshare', ['--pid', '--fork', '--mount-proc', process.execPath, '--input-type=module', '-e', script, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`unshare exited ${code}: ${stderr}`);
  return { stdout, stderr };
}
