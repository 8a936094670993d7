import { lookupAgency } from '../../src/domain/agency-lookup.js';
import { findAgency } from '../../src/domain/plan.js';
import { inviteState, type Invite, type InviteKind } from '../../src/domain/invite.js';
import { reply, type Reply } from '../../src/messaging/reply.js';
import { inviteIdOf, looksLikeInviteCode } from '../../src/security/invite-code.js';
import { foldVietnamese } from '../../src/domain/typed-text/fold.js';
import { formatInstantVi } from '../../src/texts/when.js';
import { recordAudit } from '../audit/record-audit.js';
import { issueInvite } from './issue-invite.js';
import type { Handler, HandlerContext } from '../services.js';

const ROLE_WORDS: Record<string, InviteKind> = {
  thutruong: 'head',
  'thu truong': 'head',
  tt: 'head',
  head: 'head',
  pho: 'deputy',
  capho: 'deputy',
  'cap pho': 'deputy',
  deputy: 'deputy',
  nhom: 'agency-group',
  group: 'agency-group',
};
const COORDINATOR_WORDS = new Set(['dieuphoi', 'dieu phoi', 'coordinator', 'snv']);

/**
 * `/moi`: coordinators issue invites — `/moi so-y-te`, `/moi so-y-te pho`, `/moi so-y-te nhom`,
 * `/moi dieuphoi` — list the open ones (`/moi`) and withdraw one (`/moi huy ABCD`).
 */
export const inviteHandler: Handler = async (ctx) => {
  const words = ctx.args.split(/\s+/).filter(Boolean);
  if (words.length === 0) return listOpenInvites(ctx);
  const first = foldVietnamese(words[0] ?? '');
  if (first === 'huy' || first === 'revoke') return revoke(ctx, words[1] ?? '');
  if (COORDINATOR_WORDS.has(foldVietnamese(words.join(' ')))) return issue(ctx, 'coordinator');

  // The role word, if any, is last; everything before it names the agency.
  const last = foldVietnamese(words[words.length - 1] ?? '');
  const lastTwo = foldVietnamese(words.slice(-2).join(' '));
  let kind: InviteKind = 'head';
  let agencyWords = words;
  if (words.length > 2 && ROLE_WORDS[lastTwo]) {
    kind = ROLE_WORDS[lastTwo];
    agencyWords = words.slice(0, -2);
  } else if (words.length > 1 && ROLE_WORDS[last]) {
    kind = ROLE_WORDS[last];
    agencyWords = words.slice(0, -1);
  }
  const found = lookupAgency(ctx.services.plan.agencies, agencyWords.join(' '));
  if (!('agency' in found)) {
    if (found.candidates.length === 0) return [reply(`${ctx.texts.inviteNoAgency(agencyWords.join(' '))}\n\n${ctx.texts.inviteUsage}`)];
    return [reply(ctx.texts.inviteWhichAgency(found.candidates.slice(0, 15).map((a) => `  ${a.id} — ${a.name}`)))];
  }
  return issue(ctx, kind, found.agency.id);
};

async function issue(ctx: HandlerContext, kind: InviteKind, agencyId?: string): Promise<Reply[]> {
  const { texts, services } = ctx;
  const issued = await issueInvite(ctx, kind, agencyId);
  if ('replies' in issued) return issued.replies;
  const { code, invite } = issued;
  const expires = formatInstantVi(invite.expiresAt);
  if (kind === 'agency-group' || kind === 'coordinator-group') {
    return [reply(texts.groupCodeCreated({ target: inviteTarget(ctx, invite), code, expires }))];
  }
  const deepLink = services.botUsername ? `https://t.me/${services.botUsername}?start=${code}` : undefined;
  return [reply(texts.inviteCreated({ who: inviteTarget(ctx, invite), code, expires, ...(deepLink ? { deepLink } : {}) }))];
}

/** Who or what an invite is for, in words. */
export function inviteTarget(ctx: HandlerContext, invite: Invite): string {
  const { texts, services } = ctx;
  const agency = invite.agencyId ? (findAgency(services.plan, invite.agencyId)?.name ?? invite.agencyId) : '';
  switch (invite.kind) {
    case 'head':
    case 'deputy':
      return texts.roleTitle[invite.kind](agency);
    case 'coordinator':
      return texts.roleTitle.coordinator;
    case 'agency-group':
      return texts.groupInviteWho(agency);
    case 'coordinator-group':
      return texts.coordinatorChatWho;
    case 'account-link':
      return invite.createdBy;
  }
}

async function listOpenInvites(ctx: HandlerContext): Promise<Reply[]> {
  const { texts, services } = ctx;
  const now = services.clock.now();
  const open = (await services.store.invites.listOpen()).filter((i) => {
    const state = inviteState(i, now);
    return state === 'pending' || state === 'expired';
  });
  const list =
    open.length === 0
      ? texts.noOpenInvites
      : [
          texts.openInvitesHeader,
          ...open.map((i) =>
            texts.openInviteLine({
              hint: i.hint,
              who: inviteTarget(ctx, i),
              expires: formatInstantVi(i.expiresAt),
              expired: inviteState(i, now) === 'expired',
            }),
          ),
        ].join('\n');
  return [reply(`${list}\n\n${texts.inviteUsage}`)];
}

async function revoke(ctx: HandlerContext, hintOrCode: string): Promise<Reply[]> {
  const { texts, services, incoming } = ctx;
  if (!hintOrCode) return [reply(texts.inviteUsage)];
  const now = services.clock.now();
  let target: Invite | undefined;
  if (looksLikeInviteCode(hintOrCode)) target = await services.store.invites.get(inviteIdOf(hintOrCode));
  if (!target) {
    const matches = (await services.store.invites.listOpen()).filter(
      (i) => inviteState(i, now) === 'pending' && i.hint.startsWith(hintOrCode.slice(0, 4)) && hintOrCode.length >= 2,
    );
    if (matches.length > 1) return [reply(texts.inviteRevokeAmbiguous(hintOrCode))];
    target = matches[0];
  }
  if (!target || !(await services.store.invites.revoke(target.id, incoming.sender.account, now)))
    return [reply(texts.inviteRevokeNotFound(hintOrCode))];
  await recordAudit(services, incoming.sender.account, 'invite.revoked', target.hint, inviteTarget(ctx, target));
  return [reply(texts.inviteRevoked(target.hint))];
}
