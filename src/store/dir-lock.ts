import { readFileSync } from 'node:fs';
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/**
 * The lock that keeps two processes (or two opens in one process) from writing one data directory:
 * a `LOCK` file holding the owner's pid and (on Linux) its start time, created with O_EXCL and
 * fsynced. A lock is stale and taken over when its pid is dead, is this very process in an earlier
 * life, or is alive but started at another time: a pid reused by another process, such as pid 1
 * of a container restarted with `--init` after the bot crashed as pid 1.
 */
export interface DirectoryLock {
  /** Removes the lock file if it is still ours; never pulls a lock from under a process that took over. */
  release(): Promise<void>;
}

const LOCK_FILE = 'LOCK';

/** Lock files this process holds, so a second open in the same process is refused too. */
const locksHeldHere = new Set<string>();

/** Locks `dir`, which must exist; rejects, naming the directory and the holder, when it is in use. */
export async function lockDirectory(dir: string): Promise<DirectoryLock> {
  const file = path.join(dir, LOCK_FILE);
  if (locksHeldHere.has(file)) throw new Error(`the data dir ${dir} is already open in this process`);
  // Claimed before the first await, so two opens racing in this process cannot both get past here.
  locksHeldHere.add(file);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await createLockFile(file)) return { release: () => releaseLock(file) };
      const { pid: holder, started } = await readLock(file);
      // Our own pid in a lock we do not hold is a previous life of this process (pid 1 in a
      // restarted container, say), so it is as stale as a dead pid.
      if (holder !== undefined && holder !== process.pid && isAlive(holder) && isSameProcess(holder, started)) {
        throw new Error(
          `the data dir ${dir} is in use by process ${holder} (lock file ${file}); ` +
            'stop that process first, or delete the lock file if no Đôn Đốc process uses the directory',
        );
      }
      await removeStaleLock(file, holder);
    }
    throw new Error(`could not lock the data dir ${dir}: ${file} keeps reappearing`);
  } catch (err) {
    locksHeldHere.delete(file);
    throw err;
  }
}

async function createLockFile(file: string): Promise<boolean> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'wx');
  } catch (err) {
    if (hasCode(err, 'EEXIST')) return false;
    throw err;
  }
  try {
    const started = startTimeOf(process.pid);
    await handle.writeFile(`${process.pid}${started === undefined ? '' : ` ${started}`}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function readLock(file: string): Promise<{ pid?: number; started?: string }> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (!hasCode(err, 'ENOENT')) throw err;
  }
  const [pidText = '', started] = text.trim().split(/\s+/);
  const pid = Number.parseInt(pidText, 10);
  // An empty lock is one whose writer died between creating and filling it.
  return { ...(Number.isSafeInteger(pid) && pid > 0 ? { pid } : {}), ...(started ? { started } : {}) };
}

async function readLockPid(file: string): Promise<number | undefined> {
  return (await readLock(file)).pid;
}

/**
 * When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined
 * where there is no /proc. Read synchronously: it is a tiny kernel file, read once per open.
 */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the live process `pid` is the one that wrote the lock (unknown start time: assume so). */
function isSameProcess(pid: number, started: string | undefined): boolean {
  if (started === undefined) return true;
  const now = startTimeOf(pid);
  return now === undefined || now === started;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return hasCode(err, 'EPERM');
  }
}

/**
 * Moves the stale lock aside (atomically) before deleting it, then checks that what it moved is
 * the stale lock it judged: if another process took over in between, its fresh lock is put back
 * and the caller's next attempt finds it alive.
 */
async function removeStaleLock(file: string, stalePid: number | undefined): Promise<void> {
  const aside = `${file}.stale-${process.pid}`;
  try {
    await rename(file, aside);
  } catch (err) {
    if (hasCode(err, 'ENOENT')) return;
    throw err;
  }
  if ((await readLockPid(aside)) !== stalePid) await rename(aside, file);
  else await rm(aside, { force: true });
}

async function releaseLock(file: string): Promise<void> {
  locksHeldHere.delete(file);
  // Only remove the lock if it is still ours; never pull it from under a process that took over.
  if ((await readLockPid(file)) === process.pid) await rm(file, { force: true });
}

function hasCode(err: unknown, ...codes: string[]): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && codes.includes(err.code);
}
