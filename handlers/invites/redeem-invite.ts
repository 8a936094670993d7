import { localDateAt } from '../../src/domain/vietnam-time.js';
import { agencyIdReports, findAgency } from '../../src/domain/plan.js';
import { isReminded, reminderRecipients } from '../reminder-recipients.js';
import { isGroupInvite, type Invite } from '../../src/domain/invite.js';
import type { Role } from '../../src/domain/roles.js';
import { reply, type Reply } from '../../src/messaging/reply.js';
import { inviteIdOf, looksLikeInviteCode } from '../../src/security/invite-code.js';
import { recordAudit } from '../audit/record-audit.js';
import { officeOf, officeTitle } from '../../src/domain/titles.js';
import { roleSwitchChoiceId } from '../role-switch.js';
import type { HandlerContext } from '../services.js';
import { withdrawnSince } from '../withdraw.js';

/** At most this many code attempts per account per window; 128-bit codes cannot be guessed anyway. */
export const CODE_ATTEMPTS_PER_WINDOW = 5;
export const CODE_ATTEMPT_WINDOW_MS = 15 * 60_000;

/** A personal code typed into a group is no longer secret: it is revoked (and audited) and the sender told so. */
export async function revokeLeakedCode(ctx: HandlerContext, invite: Invite): Promise<Reply[]> {
  const { services, texts, incoming } = ctx;
  if (await services.store.invites.revoke(invite.id, incoming.sender.account, services.clock.now())) {
    await recordAudit(
      services,
      incoming.sender.account,
      'invite.leaked',
      invite.hint,
      `mã bị gửi vào nhóm ${incoming.chat.title ?? incoming.chat.id}`,
    );
  }
  return [reply(texts.codeLeaked)];
}

/**
 * Looks a code up after counting the attempt against the sender's throttle. Returns the invite, or
 * the reply to send when there is none.
 */
export async function findInviteForCode(ctx: HandlerContext, code: string): Promise<{ invite: Invite } | { replies: Reply[] }> {
  const { services, texts, incoming } = ctx;
  const attempts = await services.store.hitCounters.hit(`code-attempts:${incoming.sender.account}`, CODE_ATTEMPT_WINDOW_MS);
  if (attempts > CODE_ATTEMPTS_PER_WINDOW) {
    services.logger.warn({ account: incoming.sender.account, attempts }, 'invite code attempts throttled');
    return { replies: [reply(texts.codeThrottled(Math.round(CODE_ATTEMPT_WINDOW_MS / 60_000)))] };
  }
  const invite = looksLikeInviteCode(code) ? await services.store.invites.get(inviteIdOf(code)) : undefined;
  if (!invite) return { replies: [reply(texts.codeUnknown)] };
  return { invite };
}

/**
 * How long a person's own used code still completes their interrupted redemption. Past it the code
 * is spent for good, whatever happened to the grant since (revoked, replaced, an agency archived).
 */
export const REDEMPTION_RETRY_MS = 24 * 3_600_000;

/**
 * Marks the invite used by the sender, atomically. A personal code the same person already redeemed
 * counts as theirs again, so a redemption interrupted after this step is completed by simply
 * retrying — within a day, not once the person has been withdrawn since (a revoked grant stays
 * revoked), and never for a group code (re-binding a group takes a fresh code).
 */
export async function claimInvite(ctx: HandlerContext, invite: Invite): Promise<{ ok: true } | { replies: Reply[] }> {
  const { services, texts, incoming } = ctx;
  const account = incoming.sender.account;
  const result = await services.store.invites.redeem(invite.id, account, services.clock.now());
  if (result.ok) return { ok: true };
  const used = result.reason === 'used' ? result.invite : undefined;
  const retrying = used?.usedBy === account && used.usedAt !== undefined && services.clock.now() - used.usedAt < REDEMPTION_RETRY_MS;
  if (retrying && !isGroupInvite(used.kind) && !(await withdrawnSince(services, account, used.usedAt ?? 0))) return { ok: true };
  const message = { unknown: texts.codeUnknown, used: texts.codeUsed, expired: texts.codeExpired, revoked: texts.codeRevoked }[
    result.reason
  ];
  return { replies: [reply(message)] };
}

/** The role a personal invite grants. */
function inviteRole(invite: Invite): Extract<Role, 'head' | 'deputy' | 'coordinator'> | undefined {
  return invite.kind === 'head' || invite.kind === 'deputy' || invite.kind === 'coordinator' ? invite.kind : undefined;
}

/**
 * What the welcome may promise about reminders, as the scheduler will decide them (plan recipients,
 * channels, delegation): never a promise that is not kept.
 */
async function reminderPromise(ctx: HandlerContext, agencyId: string): Promise<'here' | 'others' | 'not-reporting'> {
  const { services, incoming } = ctx;
  if (!agencyIdReports(services.plan, agencyId)) return 'not-reporting';
  const [members, delegation] = await Promise.all([services.store.people.membersOf(agencyId), services.store.delegations.get(agencyId)]);
  const policy = services.plan.reminders;
  const recipients = reminderRecipients({
    members,
    delegation,
    groups: [],
    today: localDateAt(services.clock.now()),
    channels: policy.channels,
    recipients: policy.recipients,
  });
  return isReminded(recipients, incoming.sender.account) ? 'here' : 'others';
}

/**
 * `/dangky CODE` and `/start CODE`: a personal invite, redeemed in a private chat. A personal code
 * posted in a group is cancelled, since everyone there has now seen it.
 */
export async function redeemPersonalInvite(ctx: HandlerContext, code: string, switchConfirmed = false): Promise<Reply[]> {
  const { services, texts, incoming, identity } = ctx;
  if (!code) return [reply(texts.registerUsage)];
  const found = await findInviteForCode(ctx, code);
  if ('replies' in found) return found.replies;
  const { invite } = found;
  if (isGroupInvite(invite.kind)) return [reply(texts.codeIsForGroup)];
  if (invite.kind === 'account-link' && incoming.chat.kind === 'private') return [reply(texts.accountLinkIsForLink)];

  if (incoming.chat.kind === 'group') return revokeLeakedCode(ctx, invite);

  const role = inviteRole(invite);
  if (!role) return [reply(texts.codeUnknown)];
  const agency = invite.agencyId ? findAgency(services.plan, invite.agencyId) : undefined;
  const roleText = role === 'coordinator' ? texts.roleTitle.coordinator : texts.roleTitle[role](agency?.name ?? invite.agencyId ?? '');
  const holds =
    role === 'coordinator' ? identity.isCoordinator : identity.agencies.some((a) => a.agencyId === invite.agencyId && a.role === role);
  if (holds && invite.usedBy !== incoming.sender.account) return [reply(texts.alreadyHolds(roleText))];
  // One role per person per agency: the other role there is switched, on confirmation, never stacked.
  const other = role === 'coordinator' ? undefined : identity.agencies.find((a) => a.agencyId === invite.agencyId && a.role !== role);
  if (other && agency && role !== 'coordinator' && !switchConfirmed) {
    return [
      reply(texts.roleSwitchAsk(officeOf(agency, other.role), officeOf(agency, role)), [
        { id: roleSwitchChoiceId(code), label: texts.roleSwitchChoice(officeTitle(agency, role)) },
      ]),
    ];
  }

  const claimed = await claimInvite(ctx, invite);
  if ('replies' in claimed) return claimed.replies;
  const account = incoming.sender.account;
  if (other) await services.store.people.revoke(account, other.role, other.agencyId);
  await services.store.people.grant({
    account,
    role,
    ...(role !== 'coordinator' && invite.agencyId ? { agencyId: invite.agencyId } : {}),
    name: incoming.sender.name,
    grantedAt: services.clock.now(),
    grantedBy: invite.createdBy,
  });
  await services.store.contacts.put({ account, name: incoming.sender.name, reachable: true, lastSeenAt: services.clock.now() });
  await recordAudit(services, account, 'invite.redeemed', invite.hint, `${incoming.sender.name} → ${roleText}`);
  services.logger.info({ account, role, agencyId: invite.agencyId }, 'invite redeemed');
  return [
    reply(
      texts.registered(
        roleText,
        role === 'coordinator' ? undefined : agency?.name,
        role === 'coordinator' ? 'here' : await reminderPromise(ctx, invite.agencyId ?? ''),
      ),
    ),
  ];
}
