/**
 * Where each id first stands in a list, worked out once per list: plan agencies and summary rows are
 * looked up by id for every head and row, and a province lists up to 10,000. A list is not changed
 * once made (a new plan or model brings a new one); one whose length changed is indexed again all
 * the same. Each list is indexed by one kind of id only (its elements', by `idOf`).
 */
export function positionsById<T>(list: readonly T[], idOf: (item: T) => string): ReadonlyMap<string, number> {
  let index = indexes.get(list);
  if (!index || index.length !== list.length) {
    const byId = new Map<string, number>();
    // The first of a repeated id wins, as Array.find would.
    for (const [i, item] of list.entries()) if (!byId.has(idOf(item))) byId.set(idOf(item), i);
    index = { length: list.length, byId };
    indexes.set(list, index);
  }
  return index.byId;
}
const indexes = new WeakMap<readonly unknown[], { length: number; byId: Map<string, number> }>();
