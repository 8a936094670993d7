import { reply } from '../src/messaging/reply.js';
import { formatDateTime } from '../src/texts/format.js';
import type { Handler } from './services.js';

/** `/nhatky [n]`: the last n changes to roles, invites, chats and delegations (administrators). */
export const auditHandler: Handler = async ({ services, texts, args }) => {
  const asked = Number.parseInt(args, 10);
  const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, 200) : 20;
  const entries = await services.store.listAudit(limit);
  if (entries.length === 0) return [reply(texts.auditEmpty)];
  return [reply([texts.auditHeader(entries.length), ...entries.map((e) => texts.auditLine(formatDateTime(e.at), e.actor, e.action, e.subject, e.detail))].join('\n'))];
};
