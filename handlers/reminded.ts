import type { Store } from '../src/store/store.js';

/**
 * How many times each agency was reminded in a period, for the summaries that say "đã nhắc N lần":
 * every scheduled reminder that reached someone of the agency, and every /nhac. Kept as one small
 * record per period and agency (the reminder keys, so a retried delivery is not counted twice) in
 * the store's meta; one read per agency a summary names. Two instances reminding the same agency at
 * the same instant could lose one key: the count may then be one short, never more than the truth.
 */

/** `reminded:<periodId>:<agencyId>`. */
export function remindedMetaKey(periodId: string, agencyId: string): string {
  return `reminded:${periodId}:${agencyId}`;
}

function keysIn(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** Notes that the reminder `reminderKey` reached the agency (idempotent). */
export async function noteReminded(store: Pick<Store, 'settings'>, periodId: string, agencyId: string, reminderKey: string): Promise<void> {
  const key = remindedMetaKey(periodId, agencyId);
  const keys = keysIn(await store.settings.get(key));
  if (keys.includes(reminderKey)) return;
  await store.settings.set(key, JSON.stringify([...keys, reminderKey]));
}

/** Times each of the agencies was reminded in the period (0 for those never reminded), in one read. */
export async function remindedTimes(
  store: Pick<Store, 'settings'>,
  periodId: string,
  agencyIds: readonly string[],
): Promise<Map<string, number>> {
  const marks = await store.settings.getMany(agencyIds.map((id) => remindedMetaKey(periodId, id)));
  return new Map(agencyIds.map((id) => [id, keysIn(marks.get(remindedMetaKey(periodId, id))).length] as const));
}
