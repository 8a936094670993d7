import { redeemPersonalInvite } from './redeem-invite.js';
import { foldVietnamese } from '../../src/domain/typed-text/fold.js';
import { SWITCH_WORD } from '../role-switch.js';
import type { Handler } from '../services.js';

/**
 * `/dangky CODE`: join as the head, deputy or coordinator the invite names. `/dangky CODE chuyen`
 * confirms switching role (head ↔ deputy) in an agency the person already serves.
 */
export const registerHandler: Handler = (ctx) => {
  const [code = '', confirm = ''] = ctx.args.split(/\s+/);
  return redeemPersonalInvite(ctx, code, foldVietnamese(confirm) === SWITCH_WORD);
};
