/**
 * A read started before anyone awaits it (to share a round trip with others): its rejection is kept
 * for whoever awaits it, instead of becoming an unhandled rejection meanwhile.
 */
export function started<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * `read`, asked once per distinct arguments for as long as the returned function lives (one answer):
 * a second call with the same arguments gets the first call's pending or settled result.
 */
export function onceByArguments<A extends string[], R>(read: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const memo = new Map<string, Promise<R>>();
  return (...args: A): Promise<R> => {
    const key = args.join('\u0000');
    let result = memo.get(key);
    if (!result) memo.set(key, (result = started(read(...args))));
    return result;
  };
}
