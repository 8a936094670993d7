// The data dir's files: the lock that keeps it to one process, and the check that refuses a damaged database.
import path from 'node:path';
// better-sqlite3 rather than node:sqlite, which Node 20 lacks: once Node 20 support is dropped
// (engines >= 22.13), node:sqlite's DatabaseSync can replace it with the same synchronous calls.
import Database from 'better-sqlite3';
import { StoreRefusedError } from '../store-refused.js';

/** The database file, in DATA_DIR. */
export const DATABASE_FILE = 'don-doc.sqlite';
/** Held locked for the life of the process that has DATA_DIR open (see `lockDataDir`). */
export const LOCK_FILE = 'don-doc.lock';

/**
 * Takes the data dir for this process's life: an exclusive SQLite lock (a POSIX record lock, which
 * the kernel keeps per file whatever the PID namespace, and drops when the process dies, even by
 * kill -9) on a small lock database beside the real one. The real database stays in the normal
 * locking mode, so `sqlite3 don-doc.sqlite ".backup …"` can read it while the bot runs. A second
 * open, in this process or any other, on this host or in another container on the same volume,
 * finds the lock taken and is refused. (Network file systems may not honour the lock: keep
 * DATA_DIR on a local disk or a Docker volume.)
 */
export function lockDataDir(dataDir: string): Database.Database {
  const file = path.join(dataDir, LOCK_FILE);
  const lock = new Database(file, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE; COMMIT');
    return lock;
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new StoreRefusedError(
        `Thư mục dữ liệu ${dataDir} đang được một tiến trình Đôn Đốc khác sử dụng (có thể ở container khác). Hãy dừng tiến trình đó trước.\n` +
          `The data dir ${dataDir} is already open in another Đôn Đốc process (perhaps in another container; lock ${file}). Stop that process first.`,
      );
    }
    throw err;
  }
}

/**
 * Runs `PRAGMA quick_check` on a read-only connection (which never checkpoints, so the file stays
 * byte for byte as it was) and refuses to start on any finding: nothing is repaired by dropping data.
 */
export function refuseDamage(file: string): void {
  let findings: string[];
  let check: Database.Database | undefined;
  try {
    check = new Database(file, { readonly: true, fileMustExist: true });
    findings = (check.pragma('quick_check(20)') as { quick_check: string }[]).map((row) => row.quick_check);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_CANTOPEN' && check === undefined) return; // no database yet: a fresh start
    findings = [`${code ?? 'error'}: ${err instanceof Error ? err.message : String(err)}`];
  } finally {
    check?.close();
  }
  if (findings.length === 1 && findings[0] === 'ok') return;
  throw new StoreRefusedError(
    `Cơ sở dữ liệu ${file} bị hỏng; Đôn Đốc không khởi động để không làm mất dữ liệu. Tệp được giữ nguyên: hãy khôi phục từ bản sao lưu (xem README).\n` +
      `The database ${file} is damaged; Đôn Đốc will not start rather than lose data. The file is left as it was: restore it from a backup (see the README).\n` +
      `PRAGMA quick_check: ${findings.join('; ')}`,
  );
}
