import type { Handler } from '../services.js';
import { startReport } from './flow.js';
import { toPerson } from './turn.js';
import { conversationKey, endConversation, findConversation } from './session.js';

/**
 * `/baocao`: report progress for the person's agency — step by step, or in one message with the
 * quick form (`/baocao 3 80% đã tổ chức 2 hội nghị`, or one item per line).
 */
export const reportHandler: Handler = async (ctx) => {
  const turn = { services: ctx.services, incoming: ctx.incoming, texts: ctx.texts, identity: ctx.identity };
  return startReport(turn, conversationKey(ctx.incoming), ctx.args);
};

/** `/huy`: ends the report conversation open in this chat, at any step; nothing is saved. */
export const cancelHandler: Handler = async (ctx) => {
  const turn = { services: ctx.services, incoming: ctx.incoming, texts: ctx.texts, identity: ctx.identity };
  const found = await findConversation(ctx.services, ctx.incoming);
  if (found.kind === 'none') return toPerson(turn, [{ text: ctx.texts.report.nothingToCancel }]);
  await endConversation(ctx.services, found.key);
  return toPerson(turn, [{ text: found.kind === 'open' ? ctx.texts.report.cancelled : ctx.texts.report.nothingToCancel }]);
};
