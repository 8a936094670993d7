import { reply } from '../src/messaging/reply.js';
import { redeemPersonalInvite } from './invites/redeem-invite.js';
import type { Handler } from './services.js';

/**
 * `/start`: the first message anyone sends. Telegram sends `/start CODE` when an invite's deep
 * link (t.me/<bot>?start=CODE) is opened, so a code here is redeemed like `/dangky CODE`.
 */
export const startHandler: Handler = async (ctx) => {
  const code = ctx.args.split(/\s+/)[0] ?? '';
  if (code) return redeemPersonalInvite(ctx, code);
  const { identity, texts } = ctx;
  const parts = [texts.welcome(identity.name)];
  if (!identity.isAdmin && !identity.isCoordinator && identity.agencies.length === 0) parts.push(texts.helpNotRegistered);
  return [reply(parts.join('\n\n'))];
};
