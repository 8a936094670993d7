import { randomBytes } from 'node:crypto';

/** Random once per process, so that tokens stay unique across restarts even where an instance id repeats (a reused pid). */
const processTag = randomBytes(6).toString('hex');
let attempts = 0;

/**
 * A claim token unique to one attempt of this instance, e.g. `host:pid:abc123#9f2c4e1a07b3.42`: a
 * count within the process, not fresh randomness per update (which cost a measurable share of
 * each update's CPU in bursts).
 */
export function claimToken(instanceId: string): string {
  return `${instanceId}#${processTag}.${++attempts}`;
}
