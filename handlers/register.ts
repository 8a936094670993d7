import { redeemPersonalInvite } from './redeem-invite.js';
import type { Handler } from './services.js';

/** `/dangky CODE`: join as the head, deputy or coordinator the invite names. */
export const registerHandler: Handler = (ctx) => redeemPersonalInvite(ctx, ctx.args.split(/\s+/)[0] ?? '');
