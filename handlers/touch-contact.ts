import type { Incoming } from '../src/messaging/incoming.js';
import type { IntakeReads } from './intake-reads.js';
import type { Services } from './services.js';

/**
 * A person who writes to the bot in private can be written to. Only people who hold a role are
 * tracked (strangers leave no record), and only changes are written, so an ordinary message costs
 * one read.
 */
export async function touchContact(services: Services, incoming: Incoming, reads?: Pick<IntakeReads, 'contact' | 'grants'>): Promise<void> {
  const { account, name } = incoming.sender;
  const known = await (reads?.contact ?? services.store.contacts.get(account));
  if (known?.reachable && known.name === name) return;
  if (!known && !services.adminIds.has(account) && (await (reads?.grants ?? services.store.people.rolesOf(account))).length === 0) return;
  await services.store.contacts.put({ account, name, reachable: true, lastSeenAt: services.clock.now() });
}
