import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { lockDirectory, type DirectoryLock } from './dir-lock.js';
import type { StoreLogger } from './records.js';

/**
 * A write-ahead log plus snapshot in one directory, built so that `kill -9` (or power loss) at any
 * instant loses nothing that was acknowledged and never leaves files that fail to load:
 *
 * - `log.jsonl`: one `{"seq":n,"entry":…}` line per write, appended and fdatasync'ed before the
 *   write's promise resolves. Writes that arrive while a flush is in progress are batched into the
 *   next single write + fdatasync (group commit). A crash can only tear the unacknowledged tail,
 *   which loading detects (bad JSON, or no final newline) and drops.
 * - `snapshot.json`: the whole state and the last seq it includes. Compaction writes it to a temp
 *   file, fsyncs, renames it over the old one, fsyncs the directory, and only then empties the log.
 *   A crash before the rename keeps the old snapshot and the full log; after it, log lines with
 *   seq ≤ the snapshot's are skipped, so nothing is applied twice.
 * - `LOCK`: the owner's pid, so two processes never write the same directory (see `dir-lock.ts`).
 */
export interface AppendLog<E> {
  /**
   * Queues an entry; resolves once it is on disk. Throws synchronously (before queuing) when the log
   * is closed or broken, so the caller can leave its in-memory state untouched.
   */
  append(entry: E): Promise<void>;
  /** Resolves once everything appended so far is on disk; rejects if the log broke. */
  synced(): Promise<void>;
  /** Waits for queued writes, compacts, and releases the directory; safe to call twice. */
  close(): Promise<void>;
}

/** How to open a log: where, how to rebuild state from it, and how to snapshot that state. */
export interface AppendLogOptions<S, E> {
  dir: string;
  /** Called while opening: with the snapshot if there is one, then with each later entry in order. */
  replay: { snapshot(state: S): void; entry(entry: E): void };
  /** The state to write when compacting. Called synchronously, so it sees every appended entry. */
  takeSnapshot(): S;
  /** Compact once the log holds this many entries (default 10 000). */
  compactAfterEntries?: number;
  /**
   * The version of the state's shape, written into every snapshot (default 1). Raise it whenever
   * the state gains data: snapshots of lower versions still load (the caller fills in what they
   * lack), while a snapshot of a higher version is refused, so an older program never loads, and
   * then compacts away, data it does not know about.
   */
  snapshotFormat?: number;
  logger?: StoreLogger;
  /** Told once when the log breaks (a failed write or fsync: a full disk); the owner may reopen it. */
  onBroken?(failure: Error): void;
}

const SNAPSHOT_FILE = 'snapshot.json';
const SNAPSHOT_TEMP_FILE = 'snapshot.json.tmp';
const LOG_FILE = 'log.jsonl';
const MAX_LOG_BYTES = 32 * 1024 * 1024;

/** Locks `dir` (creating it if needed), replays what is on disk, and returns the log to append to. */
export async function openAppendLog<S, E>(options: AppendLogOptions<S, E>): Promise<AppendLog<E>> {
  const dir = path.resolve(options.dir);
  await createDirectoryDurably(dir);
  const lock = await lockDirectory(dir);
  try {
    await rm(path.join(dir, SNAPSHOT_TEMP_FILE), { force: true });
    const snapshot = await readSnapshot<S>(dir, options.snapshotFormat ?? 1);
    if (snapshot) options.replay.snapshot(snapshot.state);
    const log = await readLog<E>(dir, snapshot?.seq ?? 0, options.logger);
    for (const entry of log.entries) options.replay.entry(entry);
    const handle = await open(path.join(dir, LOG_FILE), 'a');
    try {
      // A new log file's name must be on disk too, or its fsynced lines could be unreachable.
      await syncDirectory(dir);
      const appendLog = new FileAppendLog(dir, handle, lock, log.lastSeq, options);
      // Folding the replayed log into a fresh snapshot also cuts off any torn tail, so later
      // appends never land behind garbage.
      if (log.hadContent) await appendLog.compactNow();
      return appendLog;
    } catch (err) {
      await handle.close();
      throw err;
    }
  } catch (err) {
    await lock.release();
    throw err;
  }
}

interface Waiter {
  seq: number;
  resolve(): void;
  reject(err: Error): void;
}

class FileAppendLog<S, E> implements AppendLog<E> {
  private unwritten: string[] = [];
  private waiters: Waiter[] = [];
  private durableSeq: number;
  private entriesInLog = 0;
  private bytesInLog = 0;
  private writing = false;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;
  private readonly compactAfterEntries: number;

  constructor(
    private readonly dir: string,
    private readonly handle: FileHandle,
    private readonly lock: DirectoryLock,
    private lastSeq: number,
    private readonly options: AppendLogOptions<S, E>,
  ) {
    this.durableSeq = lastSeq;
    this.compactAfterEntries = options.compactAfterEntries ?? 10_000;
  }

  append(entry: E): Promise<void> {
    if (this.closing) throw new Error(`the store in ${this.dir} is closed`);
    if (this.failure) throw this.failure;
    const json = JSON.stringify(entry);
    this.lastSeq += 1;
    this.unwritten.push(`{"seq":${this.lastSeq},"entry":${json}}`);
    const durable = this.whenDurable(this.lastSeq);
    this.startWriting();
    return durable;
  }

  synced(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return this.whenDurable(this.lastSeq);
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  /** Writes the current state as the snapshot and empties the log. */
  async compactNow(): Promise<void> {
    // Taken before the first await, so the snapshot holds exactly the entries up to `seq`.
    const seq = this.lastSeq;
    const body = JSON.stringify({ format: this.options.snapshotFormat ?? 1, seq, state: this.options.takeSnapshot() });
    const temp = path.join(this.dir, SNAPSHOT_TEMP_FILE);
    const file = await open(temp, 'w');
    try {
      await file.writeFile(body);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path.join(this.dir, SNAPSHOT_FILE));
    // The rename must be durable before the log is emptied, or a crash could lose both.
    await syncDirectory(this.dir);
    await this.handle.truncate(0);
    await this.handle.datasync();
    this.entriesInLog = 0;
    this.bytesInLog = 0;
  }

  private whenDurable(seq: number): Promise<void> {
    if (seq <= this.durableSeq) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  private startWriting(): void {
    if (this.writing) return;
    this.writing = true;
    void this.writeQueued();
  }

  /** Group commit: everything queued while the previous batch was being synced goes in one write. */
  private async writeQueued(): Promise<void> {
    try {
      while (this.unwritten.length > 0) {
        const lines = this.unwritten;
        this.unwritten = [];
        const upTo = this.lastSeq;
        if (this.entriesInLog + lines.length > this.compactAfterEntries || this.bytesInLog > MAX_LOG_BYTES) {
          await this.compactNow(); // the snapshot already holds this batch
        } else {
          const text = `${lines.join('\n')}\n`;
          await this.handle.appendFile(text);
          await this.handle.datasync();
          this.entriesInLog += lines.length;
          this.bytesInLog += Buffer.byteLength(text);
        }
        this.durableSeq = upTo;
        this.settleWaiters();
      }
    } catch (err) {
      this.breakDown(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.writing = false;
    }
  }

  private settleWaiters(): void {
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.seq <= this.durableSeq) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  /**
   * After a failed write or fsync the memory holds entries the disk may not: refuse everything
   * from then on rather than serve state that a restart would contradict.
   */
  private breakDown(cause: Error): void {
    this.failure = new Error(`the store in ${this.dir} can no longer write safely: ${cause.message}`, { cause });
    this.options.logger?.warn({ err: cause, dir: this.dir }, 'store log write failed; refusing further writes');
    this.unwritten = [];
    for (const waiter of this.waiters) waiter.reject(this.failure);
    this.waiters = [];
    this.options.onBroken?.(this.failure);
  }

  private async shutDown(): Promise<void> {
    try {
      await this.synced();
      if (this.entriesInLog > 0) await this.compactNow();
    } catch {
      // A broken log keeps what reached the disk; closing must still release the directory.
    } finally {
      await this.handle.close();
      await this.lock.release();
    }
  }
}

// ── Reading what is on disk ─────────────────────────────────────────────────────────────────

async function readSnapshot<S>(dir: string, newestFormat: number): Promise<{ seq: number; state: S } | undefined> {
  const file = path.join(dir, SNAPSHOT_FILE);
  const text = await readIfExists(file);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // Snapshots are only ever replaced by rename, so this is damage from outside, not a crash.
    throw new Error(`${file} is not valid JSON (${(err as Error).message}); restore it from a backup`, { cause: err });
  }
  if (
    !isRecord(parsed) ||
    !Number.isSafeInteger(parsed.format) ||
    (parsed.format as number) < 1 ||
    (parsed.format as number) > newestFormat ||
    !Number.isSafeInteger(parsed.seq) ||
    !('state' in parsed)
  ) {
    throw new Error(`${file} is not a snapshot this version understands`);
  }
  return { seq: parsed.seq as number, state: parsed.state as S };
}

async function readLog<E>(
  dir: string,
  snapshotSeq: number,
  logger: StoreLogger | undefined,
): Promise<{ entries: E[]; lastSeq: number; hadContent: boolean }> {
  const file = path.join(dir, LOG_FILE);
  const text = (await readIfExists(file)) ?? '';
  const entries: E[] = [];
  let lastSeq = snapshotSeq;
  let usedChars = 0;
  // The text after the last newline was never completely written; split() leaves it last.
  const lines = text.split('\n').slice(0, -1);
  for (const line of lines) {
    const parsed = parseLogLine(line);
    if (!parsed) break;
    usedChars += line.length + 1;
    if (parsed.seq <= snapshotSeq) continue; // already in the snapshot: the crash hit mid-compaction
    if (parsed.seq !== lastSeq + 1) {
      throw new Error(`${file}: entry ${parsed.seq} follows entry ${lastSeq}; entries are missing, restore from a backup`);
    }
    lastSeq = parsed.seq;
    entries.push(parsed.entry as E);
  }
  if (usedChars < text.length) {
    logger?.warn(
      { file, ignoredChars: text.length - usedChars },
      'ignored the unfinished end of the store log (a write cut short by a crash, never acknowledged)',
    );
  }
  return { entries, lastSeq, hadContent: text.length > 0 };
}

function parseLogLine(line: string): { seq: number; entry: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    if (isRecord(parsed) && Number.isSafeInteger(parsed.seq) && 'entry' in parsed) {
      return { seq: parsed.seq as number, entry: parsed.entry };
    }
  } catch {
    // A torn line: the caller stops here.
  }
  return undefined;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if (hasCode(err, 'ENOENT')) return undefined;
    throw err;
  }
}

/** Creates `dir` and its missing parents, and makes their names durable in their parents. */
async function createDirectoryDurably(dir: string): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true });
  if (firstCreated === undefined) return;
  for (let created = dir; ; created = path.dirname(created)) {
    await syncDirectory(path.dirname(created));
    if (created === firstCreated || created === path.dirname(created)) return;
  }
}

/** Makes a rename durable. Some platforms cannot fsync a directory; there it is best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    if (!hasCode(err, 'EISDIR', 'EINVAL', 'EPERM', 'EBADF')) throw err;
  } finally {
    await handle?.close();
  }
}

function hasCode(err: unknown, ...codes: string[]): boolean {
  return isRecord(err) && typeof err.code === 'string' && codes.includes(err.code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
