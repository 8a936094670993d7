import { daysBetween, localDateAt, parseLocalDate } from '../src/domain/vietnam-time.js';
import { delegationCurrentOrFuture } from '../src/domain/delegation.js';
import { officeOf } from '../src/domain/titles.js';
import { findAgency } from '../src/domain/plan.js';
import { reply, type Reply } from '../src/messaging/reply.js';
import { privateChatOf } from '../src/messaging/targets.js';
import { foldVietnamese } from '../src/domain/typed-text/fold.js';
import { parseTypedDate } from '../src/domain/typed-text/parse-date.js';
import { formatDate } from '../src/texts/format.js';
import { recordAudit } from './audit/record-audit.js';
import { auditQuotaRefusal } from './quotas.js';
import { numberedMembers } from './directory.js';
import type { Handler } from './services.js';

/** Longest delegation at once: a long absence is a change of head, not a delegation. */
export const MAX_DELEGATION_DAYS = 90;

/**
 * `/uyquyen <n> <from> <to>`: the head hands reporting to deputy n for a date range (reminders go
 * to the deputy, whose report counts as the agency's); `/uyquyen huy` ends it; `/uyquyen` shows it.
 * A head of several agencies acts for the first one they head.
 */
export const delegateHandler: Handler = async (ctx) => {
  const { identity, services, texts, args, incoming } = ctx;
  const agencyId = identity.agencies.find((a) => a.role === 'head')?.agencyId;
  if (!agencyId) return [reply(texts.forbidden(texts.roleNames.head))];
  const agencyName = findAgency(services.plan, agencyId)?.name ?? agencyId;
  const now = services.clock.now();
  const today = localDateAt(now);
  const deputies = numberedMembers(await services.store.people.membersOf(agencyId)).filter((m) => m.role === 'deputy');
  const words = args.split(/\s+/).filter(Boolean);

  if (words.length === 0) {
    const current = await services.store.delegations.get(agencyId);
    const status =
      current && delegationCurrentOrFuture(current, today)
        ? texts.delegateCurrent(current.toName, formatDate(current.startsOn), formatDate(current.endsOn))
        : texts.delegateNone;
    return [reply(`${status}\n\n${texts.delegateUsage(deputies.map((d) => d.name ?? d.account))}`)];
  }
  if (['huy', 'cancel', 'ket thuc'].includes(foldVietnamese(words.join(' ')))) {
    const cleared = await services.store.delegations.clear(agencyId);
    if (cleared) await recordAudit(services, identity.account, 'delegation.ended', agencyId);
    return [reply(cleared ? texts.delegateCleared : texts.delegateNone)];
  }
  if (words.length !== 3) return [reply(texts.delegateUsage(deputies.map((d) => d.name ?? d.account)))];

  const [which = '', fromText = '', toText = ''] = words;
  const deputy = /^\d{1,2}$/.test(which) ? deputies[Number(which) - 1] : undefined;
  if (!deputy) return [reply(texts.delegateNoDeputy(which))];
  const year = parseLocalDate(today)?.year ?? 2025;
  const startsOn = parseTypedDate(fromText, year);
  const endsOn = parseTypedDate(toText, year);
  if (!startsOn || !endsOn || daysBetween(startsOn, endsOn) < 0 || daysBetween(today, endsOn) < 0) return [reply(texts.delegateBadDates)];
  if (daysBetween(startsOn, endsOn) + 1 > MAX_DELEGATION_DAYS) return [reply(texts.delegateTooLong(MAX_DELEGATION_DAYS))];

  const overQuota = await auditQuotaRefusal(ctx);
  if (overQuota) return overQuota;
  const toName = deputy.name ?? deputy.account;
  const agency = findAgency(services.plan, agencyId);
  const deputyOffice = agency ? officeOf(agency, 'deputy') : undefined;
  await services.store.delegations.set({
    agencyId,
    from: identity.account,
    fromName: incoming.sender.name,
    to: deputy.account,
    toName,
    startsOn,
    endsOn,
    createdAt: now,
  });
  await recordAudit(services, identity.account, 'delegation.set', agencyId, `${toName}: ${formatDate(startsOn)}–${formatDate(endsOn)}`);
  const replies: Reply[] = [reply(texts.delegateSet(toName, formatDate(startsOn), formatDate(endsOn)))];
  replies.push({
    text: texts.delegateNotice(incoming.sender.name, agencyName, formatDate(startsOn), formatDate(endsOn), deputyOffice),
    to: privateChatOf(deputy.account),
  });
  return replies;
};
