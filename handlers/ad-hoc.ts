import { randomBytes } from 'node:crypto';
import { lookupAgency } from '../src/domain/agency-lookup.js';
import { adHocPeriod } from '../src/domain/ad-hoc.js';
import type { Agency } from '../src/domain/agency.js';
import { localDateAt, compareLocalDates, parseLocalDate } from '../src/domain/vietnam-time.js';
import { agenciesOfPeriod, reportingAgencies } from '../src/domain/plan.js';
import { reply, type Reply } from '../src/messaging/reply.js';
import { privateChatOf } from '../src/messaging/targets.js';
import { foldVietnamese } from '../src/domain/typed-text/fold.js';
import { parseTypedDate } from '../src/domain/typed-text/parse-date.js';
import { formatDateWithWeekdayVi } from '../src/texts/format.js';
import { reminderGreeting } from './reminder-message.js';
import { reminderRecipients } from './reminder-recipients.js';
import { isInOfficeHours, nextOfficeTime } from '../src/domain/calendar/index.js';
import { formatInstantVi } from '../src/texts/when.js';
import { queuePush } from './push-queue.js';
import { CONFIRM_FROM_AGENCIES } from './remind-now.js';
import type { Handler, HandlerContext } from './services.js';

/**
 * `/dotxuat <deadline> <agencies> | <what is asked>`: a coordinator requests a báo cáo đột xuất
 * from some agencies (or "tatca"). The agencies are told at once; the scheduler then reminds those
 * who have not reported, as for any period. `/dotxuat` alone lists the open requests.
 */
export const adHocHandler: Handler = async (ctx) => {
  const { services, texts, incoming } = ctx;
  if (!ctx.args) return listOpen(ctx);
  // A push to several agencies, or outside office hours, is asked first; the answer comes back as
  // `/dotxuat xacnhan | hen | guingay` (typed or a button) and picks up the request kept meanwhile.
  const mode = ADHOC_MODES.get(foldVietnamese(ctx.args));
  const pendingKey = `dotxuat-pending:${incoming.sender.account}`;
  let args = ctx.args;
  if (mode) {
    const pending = await services.store.settings.get(pendingKey);
    const parsed = pending ? (JSON.parse(pending) as { args: string; at: number }) : undefined;
    if (!parsed || services.clock.now() - parsed.at > PENDING_MS) return [reply(texts.adHocNothingPending)];
    args = parsed.args;
    await services.store.settings.set(pendingKey, JSON.stringify({ args: '', at: 0 }));
  }
  const [head = '', ...rest] = args.split('|');
  const title = rest.join('|').trim();
  if (!title) return [reply(`${texts.adHocNoTitle}\n\n${texts.adHocUsage}`)];
  const [deadlineText = '', ...agencyWords] = head.trim().split(/\s+/);
  const now = services.clock.now();
  const today = localDateAt(now);
  const typed = parseTypedDate(deadlineText, parseLocalDate(today)?.year ?? 2025);
  if (!typed || compareLocalDates(typed, today) < 0) return [reply(`${texts.adHocBadDeadline}\n\n${texts.adHocUsage}`)];
  // A deadline on a day off moves to the next working day (Civil Code Art. 148.5).
  const deadline = services.calendar.workingDayOnOrAfter(typed);

  const agencies = pickAgencies(ctx, agencyWords.join(' '));
  if ('unknown' in agencies) return [reply(`${texts.adHocUnknownAgencies(agencies.unknown)}\n\n${texts.adHocUsage}`)];
  const campaign = services.plan.campaigns[0];
  if (!campaign) return [reply(texts.adHocUsage)];

  const { officeHours } = services.plan.reminders;
  const inHours = isInOfficeHours(now, officeHours, services.calendar);
  const sendAt = nextOfficeTime(now, officeHours, services.calendar);
  const when = formatInstantVi(sendAt);
  if (!mode && (!inHours || agencies.list.length >= CONFIRM_FROM_AGENCIES)) {
    await services.store.settings.set(pendingKey, JSON.stringify({ args, at: now }));
    const choices = inHours
      ? [{ id: 'dx:x', label: texts.adHocConfirmChoice(agencies.list.length) }]
      : [
          { id: 'dx:h', label: texts.progress.remindLaterChoice(when) },
          { id: 'dx:n', label: texts.progress.remindSendNowChoice },
        ];
    return [reply(texts.adHocAsk({ title, count: agencies.list.length, outside: !inHours, when }), choices)];
  }

  // 16 random bits per day: a clash is unlikely but possible, and checked on write (never merged).
  let period: ReturnType<typeof adHocPeriod> | undefined;
  for (let attempt = 0; attempt < 8 && !period; attempt++) {
    const candidate = adHocPeriod({
      id: `dx-${today.replace(/-/g, '')}-${randomBytes(2).toString('hex')}`,
      campaignId: campaign.id,
      title,
      today,
      deadline,
      agencyIds: agencies.list.map((a) => a.id),
    });
    if (
      await services.store.adHocRequests.create({
        period: candidate,
        createdBy: incoming.sender.account,
        createdByName: incoming.sender.name,
        createdAt: now,
      })
    )
      period = candidate;
  }
  if (!period) throw new Error('no free ad-hoc request id after 8 attempts');
  const id = period.id;
  services.logger.info({ period: id, agencies: period.agencyIds.length, deadline }, 'ad-hoc request created');

  const deadlineText2 = formatDateWithWeekdayVi(deadline);
  const replies: Reply[] = [
    reply(texts.adHocCreated({ title, deadline: deadlineText2, moved: deadline !== typed, agencies: agencies.list.map((a) => a.name) })),
  ];
  const toAgencies = await notices(ctx, agencies.list, title, deadlineText2);
  if (!inHours && mode !== 'now') {
    // Outside office hours: the request stands from now, its notices wait for the next office slot.
    await queuePush(services, {
      kind: 'dotxuat',
      periodId: id,
      by: incoming.sender.account,
      byName: incoming.sender.name,
      createdAt: now,
      dueAt: sendAt,
      messages: toAgencies.map((r) => ({ text: r.text, ...(r.to ? { to: r.to } : {}) })),
    });
    replies.push(reply(texts.adHocQueued(when)));
    return replies;
  }
  replies.push(...toAgencies);
  return replies;
};

/** How long a /dotxuat question waits for its answer. */
const PENDING_MS = 30 * 60_000;
const ADHOC_MODES = new Map<string, 'confirm' | 'later' | 'now'>([
  ['xacnhan', 'confirm'],
  ['xac nhan', 'confirm'],
  ['hen', 'later'],
  ['guingay', 'now'],
  ['gui ngay', 'now'],
]);

/** The buttons of the /dotxuat question, as the command they stand for. */
export function adHocChoiceAsCommand(value: string): string | undefined {
  // A Map, not an object literal: callback data such as "__proto__" must find nothing.
  return ADHOC_CHOICES.get(value);
}

const ADHOC_CHOICES = new Map([
  ['dx:x', '/dotxuat xacnhan'],
  ['dx:h', '/dotxuat hen'],
  ['dx:n', '/dotxuat guingay'],
]);

function pickAgencies(ctx: HandlerContext, text: string): { list: Agency[] } | { unknown: string[] } {
  const all = reportingAgencies(ctx.services.plan);
  if (['tatca', 'tat ca', 'all'].includes(foldVietnamese(text))) return { list: all };
  const words = text
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length === 0) return { unknown: ['(trống)'] };
  const list: Agency[] = [];
  const unknown: string[] = [];
  for (const word of words) {
    const found = lookupAgency(all, word);
    if ('agency' in found) list.push(found.agency);
    else unknown.push(word);
  }
  return unknown.length > 0 ? { unknown } : { list: [...new Map(list.map((a) => [a.id, a])).values()] };
}

/** The request as each agency hears it: privately to whoever reports for it, and in its groups. */
async function notices(ctx: HandlerContext, agencies: readonly Agency[], title: string, deadline: string): Promise<Reply[]> {
  const { services, texts, incoming } = ctx;
  const today = localDateAt(services.clock.now());
  const bindings = await services.store.chats.list();
  const out: Reply[] = [];
  for (const agency of agencies) {
    const [members, delegation] = await Promise.all([
      services.store.people.membersOf(agency.id),
      services.store.delegations.get(agency.id),
    ]);
    const groups = bindings.filter((b) => b.target.kind === 'agency' && b.target.agencyId === agency.id);
    const { dms, groups: groupTargets } = reminderRecipients({
      members,
      delegation,
      groups,
      today,
      channels: services.plan.reminders.channels,
      recipients: services.plan.reminders.recipients,
    });
    for (const person of dms) {
      const greeting = reminderGreeting(texts, agency, person);
      out.push({ text: texts.adHocNotice({ greeting, title, deadline, from: incoming.sender.name }), to: privateChatOf(person.account) });
    }
    for (const g of groupTargets) {
      out.push({
        text: texts.adHocNotice({ greeting: texts.reminderGreeting.group(agency.name), title, deadline, from: incoming.sender.name }),
        to: { platform: g.platform, chatId: g.chatId },
      });
    }
  }
  return out;
}

async function listOpen(ctx: HandlerContext): Promise<Reply[]> {
  const { services, texts } = ctx;
  const today = localDateAt(services.clock.now());
  const open = (await services.store.adHocRequests.list()).filter((r) => compareLocalDates(r.period.deadline, today) >= 0);
  if (open.length === 0) return [reply(`${texts.adHocNone}\n\n${texts.adHocUsage}`)];
  const lines = await Promise.all(
    open.map(async (r) => {
      const latest = await services.store.reports.latestOfPeriod(r.period.id);
      return texts.adHocListLine({
        title: r.period.name,
        deadline: formatDateWithWeekdayVi(r.period.deadline),
        reported: latest.size,
        total: agenciesOfPeriod(services.plan, r.period).length,
      });
    }),
  );
  return [reply([texts.adHocListHeader, ...lines, '', texts.adHocUsage].join('\n'))];
}
