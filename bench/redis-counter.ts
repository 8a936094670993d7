import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A TCP proxy in front of Redis that counts what crosses it (bench only, never in production code):
 * commands (top-level RESP arrays from the client), replies, and round trips — a command written
 * while its connection has no reply outstanding starts one; commands pipelined behind it, or sent
 * while replies are still due, ride on the same one.
 */
export interface RedisCounts {
  commands: number;
  roundTrips: number;
}

/** The end of the RESP value starting at `pos`, or -1 when the buffer does not hold all of it yet. */
function valueEnd(buf: Buffer, pos: number): number {
  if (pos >= buf.length) return -1;
  const line = buf.indexOf('\r\n', pos);
  if (line === -1) return -1;
  const type = buf[pos] ?? 0; // pos < buf.length: always a byte
  const header = buf.toString('latin1', pos + 1, line);
  const after = line + 2;
  switch (type) {
    case 0x24: /* $ */ {
      const len = Number(header);
      if (len < 0) return after;
      return after + len + 2 <= buf.length ? after + len + 2 : -1;
    }
    case 0x2a: /* * */ {
      const count = Number(header);
      let p = after;
      for (let i = 0; i < count; i++) {
        p = valueEnd(buf, p);
        if (p === -1) return -1;
      }
      return p;
    }
    default: // + - : and inline
      return after;
  }
}

/** Counts complete top-level RESP values in a stream fed chunk by chunk. */
class RespCounter {
  private pending: Buffer = Buffer.alloc(0);
  feed(chunk: Buffer, names?: string[]): number {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let n = 0;
    let pos = 0;
    for (;;) {
      const end = valueEnd(this.pending, pos);
      if (end === -1) break;
      n++;
      // A command's name: *N\r\n$len\r\nNAME\r\n
      if (names)
        names.push(
          /^\*\d+\r\n\$\d+\r\n([^\r]*)/.exec(this.pending.toString('latin1', pos, Math.min(end, pos + 64)))?.[1]?.toUpperCase() ?? '?',
        );
      pos = end;
    }
    this.pending = this.pending.subarray(pos);
    return n;
  }
}

export class RedisCounter {
  readonly counts: RedisCounts = { commands: 0, roundTrips: 0 };
  /** performance.now() of the last command and the last reply crossing the proxy. */
  lastCommandAt = 0;
  lastReplyAt = 0;
  /** performance.now() of the first command after `mark()`. */
  firstCommandAfterMark: number | undefined;
  /** When set, the name of every command is appended (bench tracing: BENCH_PU_TRACE=1). */
  trace: string[] | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(upstreamUrl: string): Promise<RedisCounter> {
    const url = new URL(upstreamUrl);
    const host = url.hostname || '127.0.0.1';
    const upstreamPort = Number(url.port || 6379);
    const box: { self?: RedisCounter } = {};
    const server = createServer((client) => {
      const self = box.self as RedisCounter;
      const upstream = createConnection({ host, port: upstreamPort });
      client.setNoDelay(true);
      upstream.setNoDelay(true);
      self.sockets.add(client).add(upstream);
      const commands = new RespCounter();
      const replies = new RespCounter();
      let outstanding = 0;
      client.on('data', (chunk: Buffer) => {
        const names: string[] | undefined = self.trace ? [] : undefined;
        const n = commands.feed(chunk, names);
        if (n > 0) {
          const now = performance.now();
          if (names) self.trace?.push(`${outstanding === 0 ? '| ' : ''}${names.join(' ')}`);
          if (outstanding === 0) self.counts.roundTrips++;
          self.counts.commands += n;
          outstanding += n;
          self.lastCommandAt = now;
          self.firstCommandAfterMark ??= now;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        const n = replies.feed(chunk);
        if (n > 0) {
          outstanding = Math.max(0, outstanding - n);
          self.lastReplyAt = performance.now();
        }
        client.write(chunk);
      });
      const end = () => {
        client.destroy();
        upstream.destroy();
        self.sockets.delete(client);
        self.sockets.delete(upstream);
      };
      client.on('close', end).on('error', end);
      upstream.on('close', end).on('error', end);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    box.self = new RedisCounter(server, (server.address() as { port: number }).port);
    return box.self;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  snapshot(): RedisCounts {
    return { ...this.counts };
  }

  mark(): void {
    this.firstCommandAfterMark = undefined;
  }

  /** Resolves once no command has crossed for `quietMs` (at most `maxMs`). */
  async quiet(quietMs = 30, maxMs = 2_000): Promise<void> {
    const started = performance.now();
    while (performance.now() - started < maxMs) {
      if (performance.now() - Math.max(this.lastCommandAt, this.lastReplyAt) >= quietMs) return;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
