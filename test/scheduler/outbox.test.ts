import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutbox, deliveryKey, privateDeliveryKey, tally, type DeliveryOutcome } from '../../scheduler/outbox.js';
import { createVirtualClock } from '../../src/domain/clock.js';
import { accountId } from '../../src/domain/roles.js';
import type { ChatAddress, DeliveryResult } from '../../src/messaging/delivery.js';
import { openSqliteStore } from '../../src/store/embedded/open-embedded-store.js';
import type { Store } from '../../src/store/store.js';

const group: ChatAddress = { platform: 'telegram', chatId: '-1001' };
const coordinators: ChatAddress[] = [group, { platform: 'zalo', chatId: 'u9' }];
const errors: object[] = [];
const logger = { error: (fields: object) => void errors.push(fields) };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  errors.length = 0;
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function embeddedStore(): Promise<Store> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dondoc-outbox-'));
  const store = await openSqliteStore({ dataDir, clock: createVirtualClock(Date.parse('2025-06-13T08:00:00+07:00')) });
  cleanups.push(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return store;
}

/** A Deliver that answers `result` and remembers where each message went. */
function recordingDeliver(result: DeliveryResult = { ok: true }) {
  const sent: string[] = [];
  return { sent, deliver: async (to: ChatAddress) => (sent.push(`${to.platform}:${to.chatId}`), result) };
}

describe('the deliver-once outbox', () => {
  it('names every delivery by its key and chat, or by the account for a private one', () => {
    expect(deliveryKey('sum:2025-6-thang:final:2025-06-16', group)).toBe('sum:2025-6-thang:final:2025-06-16|telegram:-1001');
    expect(deliveryKey('rem:p:so-y-te:before:3:2025-06-13', group, 'group')).toBe('rem:p:so-y-te:before:3:2025-06-13|group:telegram:-1001');
    expect(privateDeliveryKey('rem:p:so-y-te:before:3:2025-06-13', accountId('playground', 'an'))).toBe(
      'rem:p:so-y-te:before:3:2025-06-13|dm:playground:an',
    );
  });

  it('sends a delivery once when two instances race for it, and then says it is done', async () => {
    const store = await embeddedStore();
    const out = recordingDeliver();
    const outboxes = ['a', 'b'].map((instanceId) => createOutbox({ store, deliver: out.deliver, instanceId, logger }));
    const outcomes = await Promise.all(outboxes.map((o) => o.deliverOnce('esc:1|telegram:-1001', group, { text: 'Quá hạn' })));
    expect(out.sent).toEqual(['telegram:-1001']);
    expect(outcomes.filter((o) => typeof o === 'object' && o.ok)).toHaveLength(1);
    expect(await outboxes[1]?.deliverOnce('esc:1|telegram:-1001', group, { text: 'Quá hạn' })).toBe('done');
    expect(await store.deliveries.claim('esc:1|telegram:-1001', 'x', 60_000)).toEqual({ state: 'done' });
  });

  it('records a permanent failure so it is not tried again, and leaves one that may pass for the next tick', async () => {
    const store = await embeddedStore();
    const blocked = createOutbox({
      store,
      deliver: recordingDeliver({ ok: false, reason: 'blocked', permanent: true }).deliver,
      instanceId: 'a',
      logger,
    });
    const limited = createOutbox({
      store,
      deliver: recordingDeliver({ ok: false, reason: 'rate-limited', permanent: false }).deliver,
      instanceId: 'a',
      logger,
    });
    expect(await blocked.deliverOnce('k1', group, { text: 'x' })).toMatchObject({ ok: false, permanent: true });
    expect(await store.deliveries.isDone('k1')).toBe(true);
    expect(await limited.deliverOnce('k2', group, { text: 'x' })).toMatchObject({ ok: false, permanent: false });
    expect(await store.deliveries.isDone('k2')).toBe(false);
    expect((await store.deliveries.claim('k2', 'another', 60_000)).state).toBe('claimed'); // its lease was released
  });

  it('starts nothing once told to stop: the delivery stays for a later tick', async () => {
    const store = await embeddedStore();
    const out = recordingDeliver();
    const outbox = createOutbox({ store, deliver: out.deliver, instanceId: 'a', logger });
    const stopping = new AbortController();
    stopping.abort();
    expect(await outbox.deliverOnce('k', group, { text: 'x' }, stopping.signal)).toBe('busy');
    expect(out.sent).toEqual([]);
    expect((await store.deliveries.claim('k', 'b', 60_000)).state).toBe('claimed');
  });

  it('builds a message for several chats only while one of them still waits for it', async () => {
    const store = await embeddedStore();
    const out = recordingDeliver();
    const outbox = createOutbox({ store, deliver: out.deliver, instanceId: 'a', logger });
    let built = 0;
    const build = async () => (built++, { text: 'Tổng hợp' });
    await store.deliveries.markDone(deliveryKey('sum:1', group));
    expect(await outbox.deliverToEach('sum:1', coordinators, build)).toEqual([{ ok: true }]);
    expect(out.sent).toEqual(['zalo:u9']);
    expect(await outbox.deliverToEach('sum:1', coordinators, build)).toEqual([]);
    expect(built).toBe(1);
  });

  it('keeps the lease of a message sent but not recorded, so nobody sends it again while it lives', async () => {
    const store = await embeddedStore();
    // A store whose ledger refuses to record (a full disk), everything else as it is.
    // Object.create keeps the port's other methods, which live on its class's prototype.
    const deliveries = Object.assign(Object.create(store.deliveries) as Store['deliveries'], {
      markDone: () => Promise.reject(new Error('disk full')),
    });
    const unrecording: Store = { ...store, deliveries };
    const out = recordingDeliver();
    const a = createOutbox({ store: unrecording, deliver: out.deliver, instanceId: 'a', logger });
    const b = createOutbox({ store, deliver: out.deliver, instanceId: 'b', logger });
    await expect(a.deliverOnce('k', group, { text: 'x' })).rejects.toThrow('disk full');
    expect(errors).toEqual([{ key: 'k' }]);
    expect(await b.deliverOnce('k', group, { text: 'x' })).toBe('busy');
    expect(out.sent).toEqual(['telegram:-1001']);
  });
});

describe("a tick's tally of outcomes", () => {
  it('counts sent, already done and failed, and says complete only when nothing is left to retry', () => {
    const report = { sent: 0, alreadyDone: 0, failed: 0 };
    const permanent: DeliveryOutcome = { ok: false, reason: 'blocked', permanent: true };
    expect(tally(report, { ok: true }, 'done', permanent)).toBe(true);
    expect(tally(report, 'busy')).toBe(false);
    expect(tally(report, { ok: false, reason: 'failed', permanent: false })).toBe(false);
    expect(report).toEqual({ sent: 1, alreadyDone: 1, failed: 2 });
  });
});
