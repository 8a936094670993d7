import { lookupAgency } from '../src/domain/agency-lookup.js';
import type { ChatBinding } from '../src/domain/chat-binding.js';
import { reply } from '../src/messaging/reply.js';
import { foldVietnamese } from '../src/domain/typed-text/fold.js';
import { recordAudit } from './audit/record-audit.js';
import type { Handler, HandlerContext } from './services.js';

/** `/huylienket`: an administrator unbinds the group it is sent in, or an agency's groups, or the coordinators' chat. */
export const unlinkHandler: Handler = async (ctx) => {
  const { incoming, services, texts, args } = ctx;
  if (incoming.chat.kind === 'group' && !args) {
    const binding = await services.store.chats.get(incoming.platform, incoming.chat.id);
    return binding ? unbind(ctx, [binding], incoming.chat.title ?? incoming.chat.id) : [reply(texts.unlinkNothing)];
  }
  if (!args) return [reply(texts.unlinkUsage)];
  const all = await services.store.chats.list();
  if (['dieuphoi', 'dieu phoi', 'coordinator'].includes(foldVietnamese(args))) {
    return unbind(
      ctx,
      all.filter((b) => b.target.kind === 'coordinator'),
      texts.coordinatorChatWho,
    );
  }
  const found = lookupAgency(services.plan.agencies, args);
  if (!('agency' in found)) return [reply(texts.directoryNotFound(args))];
  const agencyId = found.agency.id;
  return unbind(
    ctx,
    all.filter((b) => b.target.kind === 'agency' && b.target.agencyId === agencyId),
    texts.groupInviteWho(found.agency.name),
  );
};

async function unbind(ctx: HandlerContext, bindings: readonly ChatBinding[], what: string) {
  const { services, texts, identity } = ctx;
  let removed = 0;
  for (const b of bindings) {
    if (await services.store.chats.unbind(b.platform, b.chatId)) {
      removed++;
      await recordAudit(services, identity.account, 'chat.unbound', `${b.platform}:${b.chatId}`, b.title);
    }
  }
  return [reply(removed > 0 ? texts.unlinked(what) : texts.unlinkNothing)];
}
