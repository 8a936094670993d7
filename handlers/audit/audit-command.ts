import { reply } from '../../src/messaging/reply.js';
import type { AccountId } from '../../src/domain/roles.js';
import { auditSentence } from './audit-sentence.js';
import type { Handler } from '../services.js';

/** `/nhatky [n]`: the last n changes to roles, invites, chats and delegations (administrators). */
export const auditHandler: Handler = async ({ services, texts, args }) => {
  const asked = Number.parseInt(args, 10);
  const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, 200) : 20;
  const entries = await services.store.audit.list(limit);
  if (entries.length === 0) return [reply(texts.auditEmpty)];
  // People by name: from their contacts, else from the grants they hold.
  const accounts = [...new Set(entries.flatMap((e) => [e.actor, e.subject]).filter((a) => /^[a-z]+:/.test(a)))] as AccountId[];
  const contacts = await services.store.contacts.getMany(accounts);
  const names = new Map<string, string>();
  for (const account of accounts) {
    const name = contacts.get(account)?.name ?? (await services.store.people.rolesOf(account)).find((g) => g.name)?.name;
    if (name) names.set(account, name);
  }
  return [
    reply([texts.auditHeader(entries.length), ...entries.map((e) => auditSentence(e, services.plan, (a) => names.get(a)))].join('\n')),
  ];
};
