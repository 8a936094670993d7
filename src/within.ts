/** What `withinMs` rejects with when the time ran out. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Settles like `work`, or rejects with a TimeoutError ("no answer within N ms") once `ms` have passed; the timer is cleared either way. */
export function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_resolve, reject) => (timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms)),
  );
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
