import { INVITE_TTL_MS, type Invite, type InviteKind } from '../../src/domain/invite.js';
import { generateInviteCode, inviteHint, inviteIdOf } from '../../src/security/invite-code.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Reply } from '../../src/messaging/reply.js';
import { auditQuotaRefusal, openCodesRefusal } from '../quotas.js';
import type { HandlerContext } from '../services.js';

/**
 * Creates and stores a fresh invite; the plain code exists only in the reply to its creator. Refused
 * (`replies` to send instead) when the sender has as many open codes as they may, or has used up
 * their hourly quota of audited actions.
 */
export async function issueInvite(
  ctx: HandlerContext,
  kind: InviteKind,
  agencyId?: string,
  ttlMs = INVITE_TTL_MS,
): Promise<{ code: string; invite: Invite } | { replies: Reply[] }> {
  const { services, incoming } = ctx;
  const refused = (await openCodesRefusal(ctx)) ?? (await auditQuotaRefusal(ctx));
  if (refused) return { replies: refused };
  const code = generateInviteCode();
  const now = services.clock.now();
  const invite: Invite = {
    id: inviteIdOf(code),
    hint: inviteHint(code),
    kind,
    ...(agencyId ? { agencyId } : {}),
    createdBy: incoming.sender.account,
    createdAt: now,
    expiresAt: now + ttlMs,
  };
  await services.store.invites.create(invite);
  await recordAudit(services, incoming.sender.account, 'invite.created', invite.hint, `${kind}${agencyId ? ` · ${agencyId}` : ''}`);
  return { code, invite };
}
