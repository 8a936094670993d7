/**
 * Intake bounds, in front of both platforms' pipelines (webhook and polling alike): one sender, or
 * one chat, cannot take more of the bot than its share. Each sender and each chat has
 *   - a rate: at most `limit` updates admitted in any fixed window of `windowMs`;
 *   - a backlog: at most so many admitted updates not yet finished (routed and their replies sent).
 * An update over either bound is dropped, never queued; the first one dropped in a sender's rate
 * window is answered ("đồng chí gửi quá nhanh…"), the rest of that window in silence — also when a
 * flood's backlog drains and fills again, so a flooder is told at most once a window.
 *
 * In memory, per process: bounds on what this process has queued, which is what they protect.
 */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface IntakeLimits {
  perSender: RateLimit;
  perChat: RateLimit;
  senderBacklog: number;
  chatBacklog: number;
  /**
   * Updates in flight in the whole process. Past it nothing is dropped: a webhook call is answered
   * 503 (the platform delivers it again later) and polling waits before fetching more.
   */
  totalBacklog: number;
}

export type Admission = { admitted: true; done: () => void } | { admitted: false; warn: boolean };

export interface IntakeLimiter {
  /** Counts an update from `sender` in `chat`; when admitted, call `done` once it is finished. */
  admit(sender: string, chat: string): Admission;
  /** Updates admitted and not yet done. */
  inFlight(): number;
  /** True while `totalBacklog` updates are in flight: take no more for now (see IntakeLimits). */
  full(): boolean;
  /** Resolves once the process is below `totalBacklog` again (at once if it is). */
  room(): Promise<void>;
  /** Updates dropped so far (for metrics and tests). */
  dropped(): number;
}

interface Counter {
  windowStart: number;
  count: number;
  backlog: number;
}

/** Keys forgotten once this many are kept and they are idle: bounds memory under many senders. */
const SWEEP_AT = 10_000;

export function createIntakeLimiter(limits: IntakeLimits, now: () => number = Date.now): IntakeLimiter {
  const senders = new Map<string, Counter>();
  const chats = new Map<string, Counter>();
  /** Senders told to slow down, with the start of the rate window they were told in. */
  const warned = new Map<string, number>();
  let inFlight = 0;
  let dropped = 0;
  let waiting: (() => void)[] = [];

  const counter = (map: Map<string, Counter>, key: string, rate: RateLimit, at: number): Counter => {
    let c = map.get(key);
    if (!c) {
      if (map.size >= SWEEP_AT) sweep(map, rate, at);
      c = { windowStart: at, count: 0, backlog: 0 };
      map.set(key, c);
    }
    if (at - c.windowStart >= rate.windowMs) {
      c.windowStart = at;
      c.count = 0;
    }
    return c;
  };
  const sweep = (map: Map<string, Counter>, rate: RateLimit, at: number) => {
    for (const [k, c] of map) if (c.backlog === 0 && at - c.windowStart >= rate.windowMs) map.delete(k);
  };

  return {
    admit(sender, chat) {
      const at = now();
      const s = counter(senders, sender, limits.perSender, at);
      const c = counter(chats, chat, limits.perChat, at);
      const over =
        s.count >= limits.perSender.limit ||
        c.count >= limits.perChat.limit ||
        s.backlog >= limits.senderBacklog ||
        c.backlog >= limits.chatBacklog;
      if (over) {
        dropped++;
        const warn = warned.get(sender) !== s.windowStart;
        if (warn) {
          if (warned.size >= SWEEP_AT) warned.clear();
          warned.set(sender, s.windowStart);
        }
        return { admitted: false, warn };
      }
      s.count++;
      c.count++;
      s.backlog++;
      c.backlog++;
      inFlight++;
      let finished = false;
      return {
        admitted: true,
        done: () => {
          if (finished) return;
          finished = true;
          s.backlog--;
          c.backlog--;
          inFlight--;
          if (inFlight < limits.totalBacklog && waiting.length > 0) {
            const wake = waiting;
            waiting = [];
            for (const w of wake) w();
          }
        },
      };
    },
    inFlight: () => inFlight,
    dropped: () => dropped,
    full: () => inFlight >= limits.totalBacklog,
    room: () => (inFlight < limits.totalBacklog ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
  };
}
