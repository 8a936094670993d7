// The deliveries port on Redis: the sent ledger (one expiring key per delivery), each with its lease in the same slot.
import type { Deliveries, DeliveryClaim } from '../ports/deliveries.js';
import { DONE_RETENTION_MS, checkedTtl } from '../records.js';
import type { RedisContext } from './context.js';

/** How long markDone waits out a Redis outage: well under the scheduler's 120 s delivery lease. */
const MARK_DONE_PATIENCE_MS = 60_000;

export class RedisDeliveries implements Deliveries {
  constructor(private readonly ctx: RedisContext) {}

  async claim(key: string, token: string, ttlMs: number): Promise<DeliveryClaim> {
    const { keys } = this.ctx;
    const lease = keys.deliveryLeaseName(key);
    const found = Number(await this.ctx.scripts.dondocClaimUnlessDone(keys.done(key), keys.lease(lease), token, checkedTtl(ttlMs)));
    return found === 2 ? { state: 'done' } : found === 1 ? { state: 'claimed', lease } : { state: 'busy' };
  }

  async markDone(key: string, detail?: string): Promise<boolean> {
    const seconds = Math.ceil(DONE_RETENTION_MS / 1000);
    // The ledger entry of something already done (a reminder sent): lost to an outage, the message
    // would go again once its lease expired. So an outage is waited out here, well within the
    // lease (the caller holds it until this returns), rather than failed like other commands.
    const set = () => this.ctx.redis.set(this.ctx.keys.done(key), detail ?? '', 'EX', seconds, 'NX');
    return (await this.waitingOutOutage(set)) === 'OK';
  }

  async isDone(key: string): Promise<boolean> {
    return (await this.ctx.redis.exists(this.ctx.keys.done(key))) === 1;
  }

  /** Runs a command again while Redis is unreachable, for up to `patienceMs`; other errors at once. */
  private async waitingOutOutage<T>(command: () => Promise<T>, patienceMs = MARK_DONE_PATIENCE_MS): Promise<T> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await command();
      } catch (err) {
        if (this.ctx.isClosing() || !isUnreachable(err) || Date.now() - started >= patienceMs) throw err;
        this.ctx.logger?.warn({ err, attempt }, 'Redis unreachable; recording a delivery again');
        await new Promise((resolve) => setTimeout(resolve, Math.min(attempt * 250, 2_000)));
      }
    }
  }
}

/** Redis could not be reached (as opposed to Redis answering with an error). */
function isUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    /Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT/.test(err.message)
  );
}
