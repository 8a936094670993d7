import { spawnSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVirtualClock, systemClock } from '../../src/domain/clock.js';
import { INVITE_TTL_MS } from '../../src/domain/invite.js';
import type { NewSubmission } from '../../src/domain/submission.js';
import { createStore } from '../../src/store/create-store.js';
import { openEmbeddedStore } from '../../src/store/embedded-store.js';
import { INVITE_RETENTION_MS } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';
import { invite, storeContract } from './contract.js';

async function freshDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'dondoc-store-'));
}

storeContract('embedded', async () => {
  const dataDir = await freshDir();
  const store = await openEmbeddedStore({ dataDir, clock: systemClock });
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

/** Everything a store holds that these tests write, read back in one object for comparison. */
async function contentsOf(store: Store): Promise<unknown> {
  return {
    agencies: await store.listAgencies({ includeArchived: true }),
    roles: await store.rolesOf('telegram:1001'),
    history: await store.submissionHistory('2025-h1', 'so-y-te'),
    latest: [...(await store.latestSubmissions('2025-h1'))],
    conversation: await store.getConversation('telegram:1001'),
    done: await store.isDone('reminder:1'),
    meta: await store.getMeta('scheduler.lastTick'),
    openInvites: await store.listOpenInvites(),
    invites: await Promise.all(['mã-một', 'mã-hai', 'mã-ba'].map((code) => store.getInvite(invite(code).id))),
    chats: await store.listChatBindings(),
    delegations: [await store.getDelegation('so-y-te'), await store.getDelegation('xa-binh-lu')],
    contacts: [...(await store.getContacts(['telegram:1001', 'zalo:2002', 'zalo:3003']))],
    audit: await store.listAudit(100),
  };
}

async function fillWithOneOfEverything(store: Store): Promise<void> {
  await store.syncAgencies([
    { id: 'so-y-te', name: 'Sở Y tế', kind: 'so' },
    { id: 'xa-binh-lu', name: 'UBND xã Bình Lư', kind: 'xa' },
  ]);
  await store.syncAgencies([{ id: 'so-y-te', name: 'Sở Y tế', kind: 'so' }]);
  await store.grantRole({ account: 'telegram:1001', role: 'head', agencyId: 'so-y-te', name: 'An', grantedAt: 5 });
  await store.grantRole({ account: 'telegram:1001', role: 'coordinator', grantedAt: 6 });
  await store.revokeRole('telegram:1001', 'coordinator');
  await store.addSubmission(report('so-y-te', 'lần 1'));
  await store.addSubmission(report('so-y-te', 'lần 2 🎉'));
  await store.addSubmission(report('xa-binh-lu'));
  await store.putConversation('telegram:1001', { step: 'confirm', draft: 'Bản nháp' }, 3_600_000);
  await store.markDone('reminder:1');
  await store.setMeta('scheduler.lastTick', '2025-06-10T08:00:00+07:00');
  // Invites, chats, delegations, contacts and the audit log: every kind of change they log.
  const now = Date.now();
  for (const code of ['mã-một', 'mã-hai', 'mã-ba']) await store.createInvite(invite(code, { createdAt: now, expiresAt: now + INVITE_TTL_MS }));
  await store.redeemInvite(invite('mã-một').id, 'zalo:2002', now + 1);
  await store.revokeInvite(invite('mã-hai').id, 'playground:chi', now + 2);
  const chat = { platform: 'telegram', target: { kind: 'agency', agencyId: 'so-y-te' }, boundBy: 'telegram:1001', boundAt: 7 } as const;
  await store.bindChat({ ...chat, chatId: '-1001', title: 'Nhóm Sở Y tế' });
  await store.bindChat({ ...chat, chatId: '-1002', title: 'Nhóm tạm' });
  await store.bindChat({ ...chat, chatId: '-1001', title: 'Nhóm Sở Y tế — chính thức' });
  await store.unbindChat('telegram', '-1002');
  const delegation = { from: 'telegram:1001', fromName: 'Nguyễn Văn An', to: 'zalo:2002', toName: 'Trần Thị Bình', createdAt: 8 } as const;
  await store.setDelegation({ ...delegation, agencyId: 'so-y-te', startsOn: '2025-06-10', endsOn: '2025-06-20' });
  await store.setDelegation({ ...delegation, agencyId: 'xa-binh-lu', startsOn: '2025-06-10', endsOn: '2025-06-12' });
  await store.clearDelegation('xa-binh-lu');
  await store.putContact({ account: 'telegram:1001', name: 'An', reachable: true });
  await store.putContact({ account: 'telegram:1001', name: 'Nguyễn Văn An', reachable: false, unreachableReason: 'đã chặn bot' });
  await store.putContact({ account: 'zalo:2002', name: 'Trần Thị Bình', reachable: true, lastSeenAt: 9 });
  await store.appendAudit({ at: 10, actor: 'playground:chi', action: 'invite.created', subject: 'mã-m' });
  await store.appendAudit({ at: 11, actor: 'zalo:2002', action: 'invite.redeemed', subject: 'mã-m', detail: 'Trần Thị Bình → Phó Giám đốc' });
}

/** The kinds of change the log holds, in the order first seen. */
async function loggedOps(dir: string): Promise<string[]> {
  const lines = (await readFile(path.join(dir, 'log.jsonl'), 'utf8')).split('\n').filter(Boolean);
  return [...new Set(lines.map((line) => (JSON.parse(line) as { entry: { op: string } }).entry.op))];
}

describe('the embedded store, specifically', () => {
  let dataDir: string;
  const opened: Store[] = [];
  const open = async (dir = dataDir, options: { compactAfterEntries?: number } = {}): Promise<Store> => {
    const store = await openEmbeddedStore({ dataDir: dir, clock: systemClock, ...options });
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    dataDir = await freshDir();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps everything across close and reopen', async () => {
    const first = await open();
    await fillWithOneOfEverything(first);
    const before = await contentsOf(first);
    await first.close();
    const second = await open();
    expect(await contentsOf(second)).toEqual(before);
    expect((await second.addSubmission(report('so-y-te'))).revision).toBe(3);
  });

  it('keeps every acknowledged write even when the process never got to close', async () => {
    const store = await open();
    await fillWithOneOfEverything(store);
    // A copy taken now is what a kill -9 would leave behind: a log, no final snapshot, our pid in LOCK.
    const crashed = `${dataDir}-crashed`;
    await cp(dataDir, crashed, { recursive: true });
    try {
      // Everything is still in the log, so recovery replays every kind of change.
      expect(await loggedOps(crashed)).toEqual(
        expect.arrayContaining(['put-invite', 'bind-chat', 'unbind-chat', 'set-delegation', 'clear-delegation', 'put-contact', 'append-audit']),
      );
      const recovered = await open(crashed);
      expect(await contentsOf(recovered)).toEqual(await contentsOf(store));
    } finally {
      await Promise.all(opened.splice(1).map((s) => s.close()));
      await rm(crashed, { recursive: true, force: true });
    }
  });

  it('ignores a torn last line of the log, and appends cleanly after it', async () => {
    const logger = { warn: vi.fn() };
    const store = await open();
    for (let i = 0; i < 3; i++) await store.addSubmission(report('so-y-te'));
    const torn = `${dataDir}-torn`;
    await cp(dataDir, torn, { recursive: true });
    await appendFile(path.join(torn, 'log.jsonl'), '{"seq":4,"entry":{"op":"add-submission","submission":{"periodId":"2025');
    try {
      const recovered = await openEmbeddedStore({ dataDir: torn, clock: systemClock, logger });
      expect((await recovered.submissionHistory('2025-h1', 'so-y-te')).map((s) => s.revision)).toEqual([1, 2, 3]);
      expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ ignoredChars: expect.any(Number) }), expect.any(String));
      expect((await recovered.addSubmission(report('so-y-te'))).revision).toBe(4);
      await recovered.close();
      const reopened = await openEmbeddedStore({ dataDir: torn, clock: systemClock });
      expect((await reopened.submissionHistory('2025-h1', 'so-y-te')).map((s) => s.revision)).toEqual([1, 2, 3, 4]);
      await reopened.close();
    } finally {
      await rm(torn, { recursive: true, force: true });
    }
  });

  it('does not apply twice the log lines a crash left behind after they reached the snapshot', async () => {
    const store = await open();
    for (let i = 0; i < 3; i++) await store.addSubmission(report('so-y-te'));
    const logBeforeCompaction = await readFile(path.join(dataDir, 'log.jsonl'), 'utf8');
    await store.close(); // compacts: snapshot holds seq 1..3, log is emptied
    // As if the crash came between renaming the snapshot and emptying the log.
    await writeFile(path.join(dataDir, 'log.jsonl'), logBeforeCompaction);
    const reopened = await open();
    expect((await reopened.submissionHistory('2025-h1', 'so-y-te')).map((s) => s.revision)).toEqual([1, 2, 3]);
  });

  it('folds the log into the snapshot every so many writes, and loads the result', async () => {
    const store = await open(dataDir, { compactAfterEntries: 5 });
    for (let i = 0; i < 23; i++) await store.addSubmission(report('so-y-te', `lần ${i + 1}`));
    const logLines = (await readFile(path.join(dataDir, 'log.jsonl'), 'utf8')).split('\n').filter(Boolean);
    expect(logLines.length).toBeLessThanOrEqual(5);
    expect(await readdir(dataDir)).toContain('snapshot.json');
    await store.close();
    const reopened = await open();
    const history = await reopened.submissionHistory('2025-h1', 'so-y-te');
    expect(history.map((s) => s.answers[0]?.note)).toEqual(Array.from({ length: 23 }, (_, i) => `lần ${i + 1}`));
  });

  it('refuses a second open of a data dir that is already open', async () => {
    await open();
    await expect(openEmbeddedStore({ dataDir, clock: systemClock })).rejects.toThrow(dataDir);
    await expect(openEmbeddedStore({ dataDir, clock: systemClock })).rejects.toThrow(/already open/);
  });

  it('lets only one of two simultaneous opens in one process have the data dir', async () => {
    const attempts = await Promise.allSettled([open(), open()]);
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(attempts.find((a) => a.status === 'rejected')?.reason).toMatchObject({ message: expect.stringMatching(/already open/) });
  });

  it('refuses a data dir locked by another live process, naming the dir and the process', async () => {
    const otherPid = process.ppid;
    await writeFile(path.join(dataDir, 'LOCK'), `${otherPid}\n`);
    await expect(open()).rejects.toThrow(new RegExp(`${dataDir}.*in use by process ${otherPid}`));
  });

  it('takes over a lock whose pid now belongs to another process (a container restarted with --init after a crash as pid 1)', async () => {
    // The parent process is alive, but the lock says it started at another time: the pid was reused.
    await writeFile(path.join(dataDir, 'LOCK'), `${process.ppid} 1\n`);
    const store = await open();
    expect((await readFile(path.join(dataDir, 'LOCK'), 'utf8')).split(' ')[0]).toBe(String(process.pid));
    await store.close();
  });

  it('still refuses a lock whose pid and start time are those of a live process', async () => {
    const stat = await readFile(`/proc/${process.ppid}/stat`, 'utf8');
    const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    await writeFile(path.join(dataDir, 'LOCK'), `${process.ppid} ${started}\n`);
    await expect(open()).rejects.toThrow(/in use by process/);
  });

  it('takes over a lock left behind by a process that died', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(path.join(dataDir, 'LOCK'), `${deadPid}\n`);
    const store = await open();
    await store.setMeta('k', 'v');
    expect((await readFile(path.join(dataDir, 'LOCK'), 'utf8')).split(' ')[0]).toBe(String(process.pid));
    await store.close();
    expect(await readdir(dataDir)).not.toContain('LOCK');
  });

  it('creates a data dir that does not exist yet', async () => {
    const nested = path.join(dataDir, 'a', 'b', 'data');
    const store = await open(nested);
    await store.setMeta('k', 'v');
    await store.close();
    expect(await (await open(nested)).getMeta('k')).toBe('v');
  });

  it('expires conversations, leases and the sent ledger by the injected clock, even across a reopen', async () => {
    const clock = createVirtualClock(Date.parse('2025-06-10T08:00:00+07:00'));
    const store = await openEmbeddedStore({ dataDir, clock });
    await store.putConversation('zalo:1', { step: 1 }, 60_000);
    await store.claimLease('tick', 'worker-a', 30_000);
    await store.markDone('reminder:1');
    clock.advance(59_999);
    expect(await store.getConversation('zalo:1')).toEqual({ step: 1 });
    expect(await store.claimLease('tick', 'worker-b', 30_000)).toBe(true);
    await store.close();

    const reopened = await openEmbeddedStore({ dataDir, clock });
    opened.push(reopened);
    expect(await reopened.getConversation('zalo:1')).toEqual({ step: 1 });
    clock.advance(1);
    expect(await reopened.getConversation('zalo:1')).toBeUndefined();
    expect(await reopened.isDone('reminder:1')).toBe(true);
    clock.advance(400 * 24 * 60 * 60 * 1000);
    expect(await reopened.isDone('reminder:1')).toBe(false);
  });

  it('forgets an invite, used or not, its lifetime plus 30 days after storing it, by the injected clock', async () => {
    const clock = createVirtualClock(Date.parse('2025-06-10T08:00:00+07:00'));
    const store = await openEmbeddedStore({ dataDir, clock });
    // Created "yesterday" by the caller: the store still counts from when it stored it.
    const createdAt = clock.now() - 86_400_000;
    const used = invite('forget-used-0000000001', { createdAt, expiresAt: createdAt + INVITE_TTL_MS });
    const lapsed = invite('forget-lapsed-00000001', { createdAt, expiresAt: createdAt + INVITE_TTL_MS });
    await store.createInvite(used);
    await store.createInvite(lapsed);
    await store.redeemInvite(used.id, 'zalo:1', clock.now());
    clock.advance(INVITE_TTL_MS + INVITE_RETENTION_MS - 1);
    expect((await store.getInvite(used.id))?.usedBy).toBe('zalo:1');
    expect(await store.listOpenInvites()).toEqual([lapsed]);
    expect(await store.redeemInvite(lapsed.id, 'zalo:2', clock.now())).toMatchObject({ ok: false, reason: 'expired' });
    await store.close();

    const reopened = await openEmbeddedStore({ dataDir, clock });
    opened.push(reopened);
    expect(await reopened.getInvite(lapsed.id)).toEqual(lapsed);
    clock.advance(1);
    expect(await reopened.getInvite(used.id)).toBeUndefined();
    expect(await reopened.listOpenInvites()).toEqual([]);
    expect(await reopened.redeemInvite(lapsed.id, 'zalo:2', clock.now())).toEqual({ ok: false, reason: 'unknown' });
    // Forgotten, so the id may be stored again.
    await reopened.createInvite(lapsed);
    expect(await reopened.listOpenInvites()).toEqual([lapsed]);
  });

  it('counts hits by the injected clock, in memory only: a restart starts every window afresh', async () => {
    const clock = createVirtualClock(Date.parse('2025-06-10T08:00:00+07:00'));
    const store = await openEmbeddedStore({ dataDir, clock });
    expect(await store.hit('code-attempts:zalo:1', 60_000)).toBe(1);
    clock.advance(59_999);
    expect(await store.hit('code-attempts:zalo:1', 60_000)).toBe(2);
    clock.advance(1);
    expect(await store.hit('code-attempts:zalo:1', 60_000)).toBe(1);
    expect(await store.hit('code-attempts:zalo:1', 60_000)).toBe(2);
    // Nothing reaches the disk: no log line, and closing finds nothing to snapshot.
    expect(await readFile(path.join(dataDir, 'log.jsonl'), 'utf8')).toBe('');
    await store.close();
    expect(await readdir(dataDir)).not.toContain('snapshot.json');

    const reopened = await openEmbeddedStore({ dataDir, clock });
    opened.push(reopened);
    expect(await reopened.hit('code-attempts:zalo:1', 60_000)).toBe(1);
  });

  it('loads a snapshot from before invites, chats, delegations, contacts and the audit log, and upgrades it', async () => {
    const agency = { id: 'so-y-te', name: 'Sở Y tế', kind: 'so' };
    const formatOne = { agencies: [agency], grants: [], submissions: [], conversations: [], leases: [], done: [], meta: [['k', 'giá trị']] };
    await writeFile(path.join(dataDir, 'snapshot.json'), JSON.stringify({ format: 1, seq: 4, state: formatOne }));
    const store = await open();
    expect(await store.listAgencies()).toEqual([agency]);
    expect(await store.getMeta('k')).toBe('giá trị');
    expect(await store.listOpenInvites()).toEqual([]);
    expect(await store.listAudit(10)).toEqual([]);
    await store.appendAudit({ at: 1, actor: 'system', action: 'role.granted', subject: 'so-y-te' });
    await store.close();

    const snapshot = JSON.parse(await readFile(path.join(dataDir, 'snapshot.json'), 'utf8')) as { format: number; seq: number };
    expect(snapshot).toMatchObject({ format: 3, seq: 5 });
    const reopened = await open();
    expect(await reopened.listAudit(10)).toEqual([{ at: 1, actor: 'system', action: 'role.granted', subject: 'so-y-te' }]);
    expect(await reopened.getMeta('k')).toBe('giá trị');
  });

  it('refuses a snapshot written by a newer version rather than drop what it does not know', async () => {
    await writeFile(path.join(dataDir, 'snapshot.json'), JSON.stringify({ format: 4, seq: 1, state: {} }));
    await expect(open()).rejects.toThrow(/not a snapshot this version understands/);
  });

  it('is what createStore opens when no Redis URL is configured', async () => {
    const store = await createStore({ redisPrefix: 'unused:', dataDir, clock: systemClock });
    opened.push(store);
    expect(store.kind).toBe('embedded');
  });
});
