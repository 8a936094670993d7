import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Names this process in leases and locks: `host:pid:random`, unique even across restarts. */
export function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
