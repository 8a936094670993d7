import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Incoming } from '../../../src/messaging/incoming.js';
import type { Reply } from '../../../src/messaging/reply.js';
import { createUpdateFlow, type UpdateWork } from '../../../src/platforms/core/update-flow.js';
import { vi } from '../../../src/texts/vi.js';

const logger = pino({ level: 'silent' });
const intake = {
  perSender: { limit: 2, windowMs: 60_000 },
  perChat: { limit: 100, windowMs: 60_000 },
  senderBacklog: 100,
  chatBacklog: 100,
  totalBacklog: 100,
};

function incoming(text: string, chat: { id: string; kind: 'private' | 'group' } = { id: 'c1', kind: 'private' }): Incoming {
  return { platform: 'zalo', chat, sender: { account: 'zalo:u1', name: 'Lò Văn Bình' }, content: { type: 'text', text }, receivedAt: 0 };
}

/** A platform's part as a test sees it: what was handled, and what was said in the chat. */
function platform() {
  const handled: string[] = [];
  const said: string[] = [];
  const work = (
    text: string,
    accept: () => Promise<'go' | 'duplicate' | 'answered'>,
    chat?: { id: string; kind: 'private' | 'group' },
  ): UpdateWork => {
    const inc = incoming(text, chat);
    return {
      ref: { update: text },
      order: `chat:${inc.chat.id}`,
      incoming: inc,
      accept,
      handle: () => (handled.push(text), Promise.resolve({})),
      tell: (reply: Reply) => (said.push(reply.text), Promise.resolve({})),
    };
  };
  return { handled, said, work };
}

describe('the update flow every platform plugs into', () => {
  it("handles one chat's updates in arrival order, a later one's quicker claim notwithstanding; a duplicate is skipped", async () => {
    const flow = createUpdateFlow({
      platform: 'zalo',
      logger,
      now: () => 0,
      intake: { ...intake, perSender: { limit: 10, windowMs: 60_000 } },
    });
    const p = platform();
    let releaseFirst: () => void = () => undefined;
    const slow = new Promise<'go'>((resolve) => (releaseFirst = () => resolve('go')));
    const first = flow.process(p.work('một', () => slow)).finished;
    const second = flow.process(p.work('hai', () => Promise.resolve('go'))).finished;
    const again = flow.process(p.work('hai', () => Promise.resolve('duplicate'))).finished;
    await new Promise((r) => setImmediate(r));
    expect(p.handled).toEqual([]);
    releaseFirst();
    await Promise.all([first, second, again]);
    expect(p.handled).toEqual(['một', 'hai']);
    expect(flow.stats()).toMatchObject({ handled: 2, duplicates: 1, failed: 0 });
  });

  it('an update that fails is answered "not handled, send again" where the sender is owed it; group chatter is not', async () => {
    const flow = createUpdateFlow({
      platform: 'zalo',
      logger,
      now: () => 0,
      intake: { ...intake, perSender: { limit: 10, windowMs: 60_000 } },
    });
    const p = platform();
    const down = () => Promise.reject(new Error('store unreachable'));
    await flow.process(p.work('/toi', down)).finished;
    await flow.process(p.work('chào cả nhà', down, { id: 'g1', kind: 'group' })).finished;
    await flow.process(p.work('/toi', down, { id: 'g1', kind: 'group' })).finished;
    expect(p.said).toEqual([vi.notProcessed, vi.notProcessed]);
    expect(flow.stats().failed).toBe(3);
  });

  it('a sender over the bound is dropped, told once, not handled', async () => {
    const flow = createUpdateFlow({ platform: 'zalo', logger, now: () => 0, intake });
    const p = platform();
    for (const text of ['1', '2', '3', '4']) await flow.process(p.work(text, () => Promise.resolve('go'))).finished;
    expect(p.handled).toEqual(['1', '2']);
    expect(p.said).toEqual([vi.sendingTooFast]);
    expect(flow.stats()).toMatchObject({ handled: 2, throttled: 2 });
    expect(await flow.drain(1_000)).toBe(true);
  });
});
