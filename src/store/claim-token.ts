import { randomBytes } from 'node:crypto';

/** A claim token unique to one attempt of this instance, e.g. `host:pid:abc123#9f2c4e1a`. */
export function claimToken(instanceId: string): string {
  return `${instanceId}#${randomBytes(6).toString('hex')}`;
}
