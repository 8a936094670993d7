/**
 * `compute(key)`, worked out once per key and kept in `memo`: for pure functions that a summary or
 * a burst of /kyhan asks with the same few keys thousands of times. Bounded: past `limit` entries
 * the memo is emptied, so a long-running process does not keep every key ever asked. `compute`
 * must not return undefined (that reads as "not yet worked out").
 */
export function remembered<K, V>(memo: Map<K, V>, key: K, compute: (key: K) => V, limit: number): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute(key);
    if (memo.size >= limit) memo.clear();
    memo.set(key, value);
  }
  return value;
}
