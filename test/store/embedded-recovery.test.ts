import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/domain/clock.js';
import { healthRoute } from '../../src/observability/health.js';
import { openEmbeddedStore, RECOVERY_FIRST_MS } from '../../src/store/embedded-store.js';
import type { Store } from '../../src/store/store.js';

/**
 * Issue #13, item 5: after the disk refuses a write (full), the embedded store refuses everything
 * — saying why — and recovers by itself once the disk takes writes again, without a restart.
 *
 * The fault is real, not mocked: the compaction's temporary file is made impossible to create (a
 * directory stands in its place), exactly as a full disk makes the write fail; removing it "frees
 * the disk".
 */
let dir: string | undefined;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the embedded store after a failed write', () => {
  it('keeps what was acknowledged, refuses with the reason while broken, and works again once the disk has room', async () => {
    dir = await mkdtemp(join(tmpdir(), 'dondoc-recovery-'));
    const clock = createVirtualClock(Date.parse('2025-06-10T08:00:00+07:00'));
    store = await openEmbeddedStore({ dataDir: dir, clock, logger: pino({ level: 'silent' }), compactAfterEntries: 2 });
    await store.setMeta('a', '1');
    await store.setMeta('b', '2');

    // The next batch would compact; the disk "is full".
    await mkdir(join(dir, 'snapshot.json.tmp'));
    await expect(store.setMeta('c', 'refused')).rejects.toThrow();
    await expect(store.setMeta('d', 'refused too')).rejects.toThrow(/can no longer write safely/);
    const health = healthRoute({ store, platforms: {}, instanceId: 't', logger: pino({ level: 'silent' }) });
    const sick = await health.handle({ method: 'GET', path: '/healthz', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) });
    expect(sick.status).toBe(503);
    expect(JSON.stringify(sick.body)).toMatch(/can no longer write safely: .*(EISDIR|illegal operation on a directory)/);

    // Room again: within a few retries it reads the directory back and takes writes.
    await rm(join(dir, 'snapshot.json.tmp'), { recursive: true });
    const s = store;
    const started = Date.now();
    for (;;) {
      try {
        await s.setMeta('e', 'after');
        break;
      } catch {
        if (Date.now() - started > 20 * RECOVERY_FIRST_MS) throw new Error('did not recover');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(await s.getMeta('a')).toBe('1');
    expect(await s.getMeta('b')).toBe('2');
    expect(await s.getMeta('c')).toBeUndefined(); // refused, never acknowledged: not there
    expect(await s.getMeta('e')).toBe('after');
    const well = await health.handle({ method: 'GET', path: '/healthz', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) });
    expect(well.status).toBe(200);

    // And it is on disk: a restart reads the same.
    await s.close();
    store = await openEmbeddedStore({ dataDir: dir, clock, logger: pino({ level: 'silent' }) });
    expect(await store.getMeta('e')).toBe('after');
    expect(await store.getMeta('c')).toBeUndefined();
  }, 30_000);
});

describe('the embedded audit archive', () => {
  it('survives compaction and a restart: entries pushed out of the log are still there', async () => {
    const { AUDIT_CAP } = await import('../../src/store/records.js');
    dir = await mkdtemp(join(tmpdir(), 'dondoc-archive-'));
    const clock = createVirtualClock(Date.parse('2025-06-10T08:00:00+07:00'));
    const entry = (n: number) => ({ at: n, actor: 'telegram:1' as const, action: 'invite.created' as const, subject: `#${n}` });
    store = await openEmbeddedStore({ dataDir: dir, clock, compactAfterEntries: 500 });
    await Promise.all(Array.from({ length: AUDIT_CAP + 3 }, (_, n) => store?.appendAudit(entry(n))));
    await store.close();
    store = await openEmbeddedStore({ dataDir: dir, clock });
    expect(await store.listAuditArchive(10)).toEqual([entry(2), entry(1), entry(0)]);
    expect((await store.listAudit(1))[0]).toEqual(entry(AUDIT_CAP + 2));
  }, 30_000);
});
