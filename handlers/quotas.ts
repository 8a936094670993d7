import { DEFAULT_LIMITS } from '../src/config/limits.js';
import { inviteState } from '../src/domain/invite.js';
import { reply, type Reply } from '../src/messaging/reply.js';
import type { HandlerContext } from './services.js';

const HOUR_MS = 3_600_000;

/** Which quota applies: administrators have none; coordinators a province-sized one; everyone else a small one. */
function tier(ctx: HandlerContext): 'admin' | 'coordinator' | 'member' {
  if (ctx.identity.isAdmin) return 'admin';
  return ctx.identity.isCoordinator ? 'coordinator' : 'member';
}

/**
 * Counts one audited action against the sender's hourly quota; the refusal to send when it is used
 * up. Called before the action, so a flood of them can neither fill the audit log nor push real
 * entries back in /nhatky.
 */
export async function auditQuotaRefusal(ctx: HandlerContext): Promise<Reply[] | undefined> {
  const who = tier(ctx);
  if (who === 'admin') return undefined;
  const limit = (ctx.services.limits ?? DEFAULT_LIMITS).auditPerHour[who];
  const account = ctx.incoming.sender.account;
  const count = await ctx.services.store.hitCounters.hit(`audit-hour:${account}`, HOUR_MS);
  if (count <= limit) return undefined;
  ctx.services.logger.warn({ account, count, limit }, 'hourly quota of audited actions reached');
  return [reply(ctx.texts.hourlyQuotaReached(limit))];
}

/** The refusal to send when the sender already has as many open codes as they may. */
export async function openCodesRefusal(ctx: HandlerContext): Promise<Reply[] | undefined> {
  const who = tier(ctx);
  if (who === 'admin') return undefined;
  const limit = (ctx.services.limits ?? DEFAULT_LIMITS).openCodes[who];
  const now = ctx.services.clock.now();
  const account = ctx.incoming.sender.account;
  const open = (await ctx.services.store.invites.listOpen()).filter(
    (i) => i.createdBy === account && inviteState(i, now) === 'pending',
  ).length;
  if (open < limit) return undefined;
  return [reply(ctx.texts.tooManyOpenCodes(limit))];
}
