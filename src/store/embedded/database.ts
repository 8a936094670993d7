// The open SQLite database every embedded port shares: transactions, statements, reading rows back, expiry, health, closing.
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { Clock } from '../../domain/clock.js';
import { parseRecord } from '../record-shapes.js';
import type { StoreLogger } from '../records.js';
import { DATABASE_FILE } from './data-dir.js';
import { EXPIRING } from './schema.js';

/** A row as a statement returns it, by column name. */
export type Row<T extends string> = Record<T, unknown>;

/** Whether a value read back has a record's shape (the guards of `record-shapes.ts`). */
export type Shape<T> = (value: unknown) => value is T;

/**
 * Every call is one SQLite transaction, run synchronously: decisions (the next revision number,
 * whether a lease is free, whether an invite can be redeemed) are taken and written with nothing
 * in between, and the commit is fsynced (synchronous=FULL) before the call's promise resolves.
 *
 * To add a method to a port: a statement (or a few) in a `write`/`read` call, and, for a new kind
 * of record, a table in a new step of `schema.ts`.
 */
export class EmbeddedDatabase {
  private closed = false;
  private writesSinceSweep = 0;
  private readonly statements = new Map<string, Database.Statement>();
  /** Set by a write the disk refused (full, I/O error); cleared by the next write that succeeds. */
  private diskFailure: Error | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly lock: Database.Database,
    /** Expires conversations, leases, the sent ledger, kept invites and hit counters. */
    readonly clock: Clock,
    private readonly logger: StoreLogger | undefined,
  ) {}

  /** One write transaction (BEGIN IMMEDIATE … COMMIT), durable when it returns. */
  write<T>(body: () => T): T {
    this.assertOpen();
    let result: T;
    try {
      result = this.db.transaction(body).immediate();
    } catch (err) {
      // A full disk or an I/O error: SQLite has rolled the transaction back (nothing half-written,
      // nothing acknowledged) and takes writes again once the disk does. Until a write succeeds,
      // ping() — and so /healthz — says what is wrong.
      if (isDiskFailure(err)) this.diskFailure = err;
      throw err;
    }
    this.diskFailure = undefined;
    // Expired rows are invisible to every query; deleting them now and then keeps the file small.
    if (++this.writesSinceSweep >= 1_000) {
      this.writesSinceSweep = 0;
      this.sweepExpired();
    }
    return result;
  }

  /** One read transaction, so a read of several statements sees one state. */
  read<T>(body: () => T): T {
    this.assertOpen();
    return this.db.transaction(body).deferred();
  }

  run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.statement(sql).run(...params);
  }

  get(sql: string, ...params: unknown[]): unknown {
    return this.statement(sql).get(...params);
  }

  rows(sql: string, ...params: unknown[]): unknown[] {
    return this.statement(sql).all(...params);
  }

  /** The `record` of the one row `sql` selects; undefined when there is none, or it is corrupt. */
  one<T>(isShape: Shape<T>, sql: string, ...params: unknown[]): T | undefined {
    const row = this.get(sql, ...params) as Row<'record'> | undefined;
    return row ? this.parse(row.record, isShape, sql, params) : undefined;
  }

  /** The `record` of every row `sql` selects, in order, leaving out corrupt ones. */
  all<T>(isShape: Shape<T>, sql: string, ...params: unknown[]): T[] {
    const records: T[] = [];
    for (const row of this.rows(sql, ...params) as Row<'record'>[]) {
      const record = this.parse(row.record, isShape, sql, params);
      if (record !== undefined) records.push(record);
    }
    return records;
  }

  /**
   * JSON read back from a row, if it parses and has the shape: a corrupt row (edited by hand, or
   * damaged) is logged and treated as absent, as the Redis store treats a corrupt value, so that it
   * never fails a read of everything else.
   */
  parse<T>(json: unknown, isShape: Shape<T>, sql: string, params: readonly unknown[]): T | undefined {
    const value = parseRecord(json as string, isShape);
    if (value !== undefined) return value;
    this.logger?.warn({ query: sql, params, sample: String(json).slice(0, 120) }, 'skipped a corrupt row in the SQLite database');
    return undefined;
  }

  assertOpen(): void {
    if (this.closed) throw new Error('the embedded store is closed');
  }

  /** Deletes what has expired by the injected clock (expired rows already read as absent). */
  sweepExpired(): void {
    this.write(() => {
      const now = this.clock.now();
      for (const [table, column] of EXPIRING) this.run(`DELETE FROM ${table} WHERE ${column} <= ?`, now);
    });
  }

  async ping(): Promise<number> {
    const started = performance.now();
    this.read(() => this.get('SELECT 1'));
    if (this.diskFailure) {
      // The last write failed on the disk: try a tiny one, so health recovers by itself once there is room.
      try {
        this.write(() => this.run('INSERT OR REPLACE INTO store_info (key, value) VALUES (?, ?)', 'disk-probe', String(this.clock.now())));
      } catch (err) {
        throw new Error(`the embedded store cannot write to ${DATABASE_FILE}: ${err instanceof Error ? err.message : String(err)}`, {
          cause: err,
        });
      }
    }
    return performance.now() - started;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // The last connection to close checkpoints the WAL into the database file; the lock goes last.
    this.db.close();
    this.lock.close();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** SQLite's result codes for a disk that refuses writes (full, an I/O error, gone read-only). */
function isDiskFailure(err: unknown): err is Error {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN)/.test(code);
}
