import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.js';
import { AUDIT_CAP } from '../../src/store/records.js';
import { openSqliteStore } from '../../src/store/embedded/open-embedded-store.js';
import { ensureCompiled, root } from '../helpers/compiled.js';

const writer = path.join(root, 'test/fixtures/store-crash-writer.mjs');
/** Concurrent reporters in the writer, each its own agency. */
const REPORTERS = 50;

interface Round {
  killedDuringStartUp: boolean;
  acknowledged: number;
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/**
 * Starts the writer, SIGKILLs it after `killAfterMs`: counted from its start when during start-up,
 * else from its first acknowledged write (so a slow, loaded machine still kills it mid-write).
 */
async function runAndKill(
  dataDir: string,
  killAfterMs: number,
  duringStartUp: boolean,
  highest: Map<string, number>,
  invites: string[],
): Promise<Round> {
  const child = spawn(process.execPath, [writer, dataDir, String(REPORTERS)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = (): void => void child.kill('SIGKILL');
  let stderr = '';
  let acknowledged = 0;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout });
  let timer = duringStartUp ? setTimeout(kill, killAfterMs) : setTimeout(kill, 15_000);
  lines.on('line', (line) => {
    if (line === 'ready') return;
    const [agencyId, revision] = line.split(' ');
    acknowledged += 1;
    if (acknowledged === 1 && !duringStartUp) {
      clearTimeout(timer);
      timer = setTimeout(kill, killAfterMs);
    }
    if (agencyId === 'invite') {
      invites.push(revision!);
      return;
    }
    highest.set(agencyId!, Math.max(highest.get(agencyId!) ?? 0, Number(revision)));
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  clearTimeout(timer);
  return { killedDuringStartUp: duringStartUp, acknowledged, signal, code, stderr };
}

describe('the embedded (SQLite) store under kill -9', () => {
  let dataDir: string;

  beforeAll(() => {
    expect(
      ensureCompiled('src/store/embedded/open-embedded-store.ts'),
      'the compiled store in dist/ is missing or older than its sources',
    ).toBe(true);
  }, 120_000);

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dondoc-crash-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged write and always loads, however often it is killed', async () => {
    const highest = new Map<string, number>();
    const invites: string[] = [];
    const rounds: Round[] = [];
    const roundCount = Number(process.env.CRASH_TEST_ROUNDS ?? 4);
    for (let i = 0; i < roundCount; i++) {
      // Most kills land while writing; the third lands during start-up (lock, quick_check, WAL recovery).
      const duringStartUp = i % 3 === 2;
      // Each write is fsynced before the next starts: kill while writing, some time after the first
      // acknowledgement (timed from "ready", a loaded CI machine once killed a round before any).
      const delay = duringStartUp ? Math.random() * 150 : Math.random() * 800;
      const round = await runAndKill(dataDir, delay, duringStartUp, highest, invites);
      expect(round.signal, `writer exited by itself (code ${round.code}): ${round.stderr}`).toBe('SIGKILL');
      rounds.push(round);
    }
    const acknowledged = rounds.reduce((sum, r) => sum + r.acknowledged, 0);
    expect(rounds.filter((r) => r.acknowledged > 0).length).toBeGreaterThanOrEqual(3);
    expect(highest.size, 'every reporter had reports acknowledged').toBe(REPORTERS);

    const store = await openSqliteStore({ dataDir, clock: systemClock });
    let lost = 0;
    try {
      for (const [agencyId, revision] of highest) {
        const history = await store.reports.history('2025-h1', agencyId);
        expect(history.map((s) => s.revision)).toEqual(Array.from({ length: history.length }, (_, i) => i + 1));
        expect(history.every((s) => s.answers[0]?.note === `Báo cáo của ${agencyId} — đang triển khai 🚧`)).toBe(true);
        lost += Math.max(0, revision - history.length);
      }
      // Every acknowledged invite is there, used, and written down in the audit log (unless so
      // many rounds ran that the log dropped the oldest entries, which the contract allows).
      const audited = new Set((await store.audit.list(AUDIT_CAP)).map((e) => e.subject));
      for (const id of invites) {
        const stored = await store.invites.get(id);
        if (stored?.usedBy !== 'playground:crash') lost += 1;
        else if (!audited.has(id) && audited.size < AUDIT_CAP) lost += 1;
      }
    } finally {
      await store.close();
    }
    const startUpKills = rounds.filter((r) => r.killedDuringStartUp).length;
    console.log(
      `survived ${rounds.length} SIGKILLs (${startUpKills} during start-up) with ${REPORTERS} concurrent reporters, ` +
        `${acknowledged} acknowledged writes (${invites.length} of them redeemed invites), ${lost} lost`,
    );
    expect(lost).toBe(0);
  }, 90_000);
});
