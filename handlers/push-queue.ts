import { randomUUID } from 'node:crypto';
import type { AccountId } from '../src/domain/roles.js';
import type { ReplyTarget } from '../src/messaging/reply.js';
import type { Services } from './services.js';

/**
 * Manual pushes (/nhac) asked for outside office hours or on a day off wait here for the start of
 * the next office-hours slot; the scheduler sends them then (scheduler/queued-pushes.ts). One
 * small list in the store's meta, changed only under a short lease so two coordinators queueing at
 * once cannot drop each other's push. Once the scheduler has composed a push's messages they are
 * kept in the entry, so a delivery retried after a crash sends the same messages, once each.
 */
export interface QueuedPush {
  id: string;
  /** nhac: composed when due; dotxuat: the request's notices, composed when it was made. */
  kind: 'nhac' | 'dotxuat';
  periodId: string;
  by: AccountId;
  byName: string;
  createdAt: number;
  /** When it may go: the start of the next office-hours slot after it was asked for. */
  dueAt: number;
  /** The messages, once composed (the first, without `to`, is the report for the coordinator). */
  messages?: { text: string; to?: ReplyTarget }[];
}

export const PUSH_QUEUE_KEY = 'push-queue';
const LOCK_KEY = 'push-queue-lock';
const LOCK_MS = 10_000;

export async function listQueuedPushes(services: Pick<Services, 'store'>): Promise<QueuedPush[]> {
  const raw = await services.store.settings.get(PUSH_QUEUE_KEY);
  if (!raw) return [];
  const parsed = JSON.parse(raw) as unknown;
  return Array.isArray(parsed) ? (parsed as QueuedPush[]) : [];
}

/** Changes the queue under its lease; retries briefly while another change holds it. */
async function changeQueue(services: Pick<Services, 'store'>, change: (queue: QueuedPush[]) => QueuedPush[]): Promise<void> {
  const owner = randomUUID();
  for (let attempt = 0; ; attempt++) {
    if (await services.store.leases.claim(LOCK_KEY, owner, LOCK_MS)) break;
    if (attempt >= 50) throw new Error('push queue busy');
    await new Promise((r) => setTimeout(r, 20));
  }
  try {
    await services.store.settings.set(PUSH_QUEUE_KEY, JSON.stringify(change(await listQueuedPushes(services))));
  } finally {
    await services.store.leases.release(LOCK_KEY, owner);
  }
}

export async function queuePush(services: Pick<Services, 'store'>, push: Omit<QueuedPush, 'id'>): Promise<QueuedPush> {
  const entry: QueuedPush = { ...push, id: randomUUID() };
  // One waiting /nhac per period is enough: a second one replaces the first.
  await changeQueue(services, (q) => [...q.filter((p) => !(p.kind === entry.kind && p.periodId === entry.periodId)), entry]);
  return entry;
}

export async function updatePush(services: Pick<Services, 'store'>, push: QueuedPush): Promise<void> {
  await changeQueue(services, (q) => q.map((p) => (p.id === push.id ? push : p)));
}

export async function removePush(services: Pick<Services, 'store'>, id: string): Promise<void> {
  await changeQueue(services, (q) => q.filter((p) => p.id !== id));
}

/** A waiting /nhac for a period is dropped when the coordinator sends it now instead. */
export async function removePushesFor(services: Pick<Services, 'store'>, periodId: string): Promise<void> {
  if ((await listQueuedPushes(services)).some((p) => p.periodId === periodId))
    await changeQueue(services, (q) => q.filter((p) => p.periodId !== periodId));
}
