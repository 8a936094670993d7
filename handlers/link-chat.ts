import { lookupAgency } from '../src/domain/agency-lookup.js';
import type { ChatBinding } from '../src/domain/chat-binding.js';
import { findAgency } from '../src/domain/plan.js';
import { ACCOUNT_LINK_TTL_MS, isGroupInvite, type Invite } from '../src/domain/invite.js';
import { reply, type Reply } from '../src/messaging/reply.js';
import { formatInstantVi } from '../src/texts/when.js';
import { recordAudit } from './audit/record-audit.js';
import { inviteTarget } from './invites/invite-command.js';
import { issueInvite } from './invites/issue-invite.js';
import { claimInvite, findInviteForCode, revokeLeakedCode } from './invites/redeem-invite.js';
import type { Handler, HandlerContext } from './services.js';
import { mayUse } from './access.js';

/**
 * `/lienket`: in a private chat, gives a head (or a coordinator) a one-time code for their group;
 * `/lienket CODE` sent in that group binds it, so reminders and summaries can be posted there.
 */
export const linkHandler: Handler = async (ctx) => {
  const code = ctx.args.split(/\s+/)[0] ?? '';
  if (ctx.incoming.chat.kind === 'group') return code ? bindThisGroup(ctx, code) : [reply(ctx.texts.linkUsageGroup)];
  const issuing = !code || code.length < 16;
  // Only people with a role may create codes; anyone may present one.
  if (issuing && !mayUse(ctx.identity, 'member')) return [reply(ctx.texts.notRegistered)];
  if (['taikhoan', 'tai-khoan', 'account', 'app'].includes(code.toLowerCase())) return issueAccountLinkCode(ctx);
  if (code && code.length >= 16) {
    const found = await findInviteForCode(ctx, code);
    if ('replies' in found) return found.replies;
    if (found.invite.kind === 'account-link') return linkSecondAccount(ctx, found.invite);
    return [reply(isGroupInvite(found.invite.kind) ? ctx.texts.codeIsForGroup : ctx.texts.codeIsPersonal)];
  }
  return issueGroupCode(ctx);
};

/** `/lienket taikhoan`: a short-lived code to give one's other app account (Zalo/Telegram) the same roles. */
async function issueAccountLinkCode(ctx: HandlerContext): Promise<Reply[]> {
  const issued = await issueInvite(ctx, 'account-link', undefined, ACCOUNT_LINK_TTL_MS);
  if ('replies' in issued) return issued.replies;
  const { code, invite } = issued;
  return [reply(ctx.texts.accountLinkCode(code, formatInstantVi(invite.expiresAt)))];
}

/**
 * `/lienket CODE` from the second account: it gets every role the first account holds now. The two
 * accounts are then two grants each, revoked separately (both are listed in /coquan).
 */
async function linkSecondAccount(ctx: HandlerContext, invite: Invite): Promise<Reply[]> {
  const { services, texts, incoming } = ctx;
  const account = incoming.sender.account;
  if (invite.createdBy === account) return [reply(texts.accountLinkSameAccount)];
  const grants = await services.store.people.rolesOf(invite.createdBy);
  if (grants.length === 0) return [reply(texts.accountLinkNoRoles)];
  const claimed = await claimInvite(ctx, invite);
  if ('replies' in claimed) return claimed.replies;
  const now = services.clock.now();
  for (const g of grants) {
    await services.store.people.grant({
      account,
      role: g.role,
      ...(g.agencyId ? { agencyId: g.agencyId } : {}),
      name: incoming.sender.name,
      grantedAt: now,
      grantedBy: invite.createdBy,
    });
  }
  await services.store.contacts.put({ account, name: incoming.sender.name, reachable: true, lastSeenAt: now });
  await recordAudit(services, account, 'role.granted', account, `liên kết với ${invite.createdBy}`);
  const roles = grants.map((g) => {
    const agency = g.agencyId ? (findAgency(services.plan, g.agencyId)?.name ?? g.agencyId) : '';
    return g.role === 'head' || g.role === 'deputy'
      ? texts.roleTitle[g.role](agency)
      : g.role === 'coordinator'
        ? texts.roleTitle.coordinator
        : texts.roleLine.admin;
  });
  return [reply(texts.accountLinked(roles))];
}

async function issueGroupCode(ctx: HandlerContext): Promise<Reply[]> {
  const { identity, services, texts, args } = ctx;
  const coordinator = identity.isCoordinator || identity.isAdmin;
  let agencyId: string | undefined;
  if (args) {
    const found = lookupAgency(services.plan.agencies, args);
    const mine = 'agency' in found && (coordinator || identity.agencies.some((a) => a.agencyId === found.agency.id));
    if (!('agency' in found) || !mine) return [reply(texts.linkChooseAgency(identity.agencies.map((a) => a.agencyId)))];
    agencyId = found.agency.id;
  } else if (!coordinator) {
    const ids = [...new Set(identity.agencies.map((a) => a.agencyId))];
    if (ids.length > 1) return [reply(texts.linkChooseAgency(ids))];
    agencyId = ids[0];
  }
  const issued = await issueInvite(ctx, agencyId ? 'agency-group' : 'coordinator-group', agencyId);
  if ('replies' in issued) return issued.replies;
  const { code, invite } = issued;
  return [reply(texts.groupCodeCreated({ target: inviteTarget(ctx, invite), code, expires: formatInstantVi(invite.expiresAt) }))];
}

async function bindThisGroup(ctx: HandlerContext, code: string): Promise<Reply[]> {
  const { services, texts, incoming, identity } = ctx;
  const found = await findInviteForCode(ctx, code);
  if ('replies' in found) return found.replies;
  const { invite } = found;
  // A personal code seen by a whole group is no longer secret.
  if (!isGroupInvite(invite.kind)) return revokeLeakedCode(ctx, invite);
  if (!mayBind(ctx, invite)) return [reply(texts.linkNotAllowed)];
  const existing = await services.store.chats.get(incoming.platform, incoming.chat.id);
  if (existing && !mayRebind(ctx, existing, invite))
    return [reply(existing.target.kind === 'coordinator' ? texts.rebindCoordinatorGroupAdminOnly : texts.rebindOtherAgencyGroup)];
  const claimed = await claimInvite(ctx, invite);
  if ('replies' in claimed) return claimed.replies;

  const binding: ChatBinding = {
    platform: incoming.platform,
    chatId: incoming.chat.id,
    ...(incoming.chat.title ? { title: incoming.chat.title } : {}),
    target: invite.kind === 'agency-group' && invite.agencyId ? { kind: 'agency', agencyId: invite.agencyId } : { kind: 'coordinator' },
    boundBy: incoming.sender.account,
    boundAt: services.clock.now(),
  };
  await services.store.chats.bind(binding);
  await recordAudit(
    services,
    identity.account,
    'chat.bound',
    `${incoming.platform}:${incoming.chat.id}`,
    `${incoming.chat.title ?? ''} → ${inviteTarget(ctx, invite)}`,
  );
  if (binding.target.kind === 'coordinator') return [reply(texts.linkedCoordinatorGroup)];
  const agencyId = binding.target.agencyId;
  const members = await services.store.people.membersOf(agencyId);
  const people = members.map((m) => `${m.name ?? m.account} (${m.role === 'head' ? 'thủ trưởng' : 'cấp phó'})`);
  return [reply(texts.linkedAgencyGroup({ agency: findAgency(services.plan, agencyId)?.name ?? agencyId, people }))];
}

/**
 * A group already bound changes hands only with the consent of whom it serves now: the
 * coordinators' group is re-bound by an administrator alone (a head's own group code must not
 * take it over), an agency's group by that agency's staff, a coordinator or an administrator.
 * Binding it again to what it already serves changes nothing and is left to `mayBind`.
 */
function mayRebind(ctx: HandlerContext, existing: ChatBinding, invite: Invite): boolean {
  const { identity } = ctx;
  const sameTarget =
    existing.target.kind === 'coordinator'
      ? invite.kind === 'coordinator-group'
      : invite.kind === 'agency-group' && invite.agencyId === existing.target.agencyId;
  if (sameTarget || identity.isAdmin) return true;
  if (existing.target.kind === 'coordinator') return false;
  const agencyId = existing.target.agencyId;
  return identity.isCoordinator || identity.agencies.some((a) => a.agencyId === agencyId);
}

/** Only the invited agency's own staff, or a coordinator, may bind a group with a code. */
function mayBind(ctx: HandlerContext, invite: Invite): boolean {
  const { identity } = ctx;
  if (identity.isCoordinator || identity.isAdmin) return true;
  return invite.kind === 'agency-group' && identity.agencies.some((a) => a.agencyId === invite.agencyId);
}
