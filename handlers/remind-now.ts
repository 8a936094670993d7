import { compareLocalDates, localDateAt } from '../src/domain/vietnam-time.js';
import { findAgency } from '../src/domain/plan.js';
import { noteReminded } from './reminded.js';
import { periodStanding, type Period } from '../src/domain/period.js';
import { reminderMessageFacts, type ReminderDue } from '../src/domain/reminders/index.js';
import { rowsOf } from '../src/domain/summary/index.js';
import { reply, type Reply } from '../src/messaging/reply.js';
import { privateChatOf } from '../src/messaging/targets.js';
import { vi } from '../src/texts/vi.js';
import { reminderRecipients } from './reminder-recipients.js';
import { reminderText } from './reminder-message.js';
import { isInOfficeHours, nextOfficeTime } from '../src/domain/calendar/index.js';
import type { AccountId } from '../src/domain/roles.js';
import { foldVietnamese } from '../src/domain/typed-text/fold.js';
import type { Texts } from '../src/texts/index.js';
import { formatInstantVi } from '../src/texts/when.js';
import { queuePush, removePushesFor } from './push-queue.js';
import type { Handler, HandlerContext, Services } from './services.js';
import { remindChoiceId } from './status-choices.js';
import { openPeriods } from './status.js';
import { resolvePeriod } from './period-catalog.js';
import { formatDate } from '../src/texts/format.js';
import { campaignOf, loadSummary, reachOf } from './summary-data.js';
import { reachableCount } from '../src/reports/missing-split.js';

/** How many agencies nobody could be reminded for are named in the answer. */
const NAMES_SHOWN = 20;

/** The once-a-day ledger key of a reminder sent with /nhac: `nhac:<periodId>:<agencyId>:<day>`. */
export function remindNowKey(periodId: string, agencyId: string, day: string): string {
  return `nhac:${periodId}:${agencyId}:${day}`;
}

/**
 * `/nhac [period]`: reminds every agency that has not reported for a period, now, exactly as the
 * scheduler would (same recipients: the head or the delegate privately, the agency's groups; same
 * words). At most once per agency and day: a double tap on the button sends nothing twice. With no
 * period named and several open, asks which.
 */
export const remindNowHandler: Handler = async (ctx) => {
  const { services, texts } = ctx;
  const now = services.clock.now();
  const open = await openPeriods(services, now);
  const { periodArg: args, mode } = parseRemindArgs(ctx.args);
  let period: Period | undefined;
  if (args) {
    period = await resolvePeriod(services.periods, args, now);
    if (!period) return [reply(`${texts.progress.notFound(args)}\n${texts.progress.statusUsage}`)];
    if (periodStanding(period, now).phase === 'upcoming')
      return [reply(texts.progress.notYetOpen(period.name, period.id, formatDate(period.opensOn)))];
  } else {
    const withMissing = (await Promise.all(open.map(async (p) => ({ p, model: await loadSummary(services, p, now) })))).filter(
      (x) => x.model.missing > 0,
    );
    if (withMissing.length === 0) return [reply(texts.progress.remindNone)];
    if (withMissing.length > 1) {
      return [
        reply(
          texts.progress.remindChoose,
          withMissing.map(({ p, model }) => ({ id: remindChoiceId(p.id), label: texts.progress.remindOption(p.name, model.missing) })),
        ),
      ];
    }
    period = withMissing[0]?.p;
  }
  if (!period) return [reply(texts.progress.remindNone)];
  return decide(ctx, period, now, mode);
};

/** How a coordinator answered the question: confirmed now, send now outside hours, or queue. */
export type RemindMode = 'confirm' | 'now' | 'later' | undefined;

/** From this many agencies on, a push asks for confirmation with the count. */
export const CONFIRM_FROM_AGENCIES = 2;

const MODE_WORDS: Record<string, RemindMode> = {
  xacnhan: 'confirm',
  guingay: 'now',
  hen: 'later',
  'gui ngay': 'now',
  'xac nhan': 'confirm',
};

/** `/nhac [period] [xacnhan | guingay | hen]`, typed with or without diacritics. */
export function parseRemindArgs(args: string): { periodArg: string; mode: RemindMode } {
  const folded = foldVietnamese(args);
  for (const [word, mode] of Object.entries(MODE_WORDS)) {
    if (folded === word || folded.endsWith(` ${word}`)) return { periodArg: folded.slice(0, folded.length - word.length).trim(), mode };
  }
  return { periodArg: args.trim(), mode: undefined };
}

/**
 * Manual pushes respect the working day: outside office hours or on a day off the push waits for
 * the next office-hours slot (the reply names it) unless the coordinator confirms "gửi ngay"; a
 * push to several agencies always asks first, with the count.
 */
async function decide(ctx: HandlerContext, period: Period, now: number, mode: RemindMode): Promise<Reply[]> {
  const { services, texts, incoming } = ctx;
  const { plan, calendar } = services;
  const inHours = isInOfficeHours(now, plan.reminders.officeHours, calendar);
  if (mode === 'now' || (inHours && mode === 'confirm')) {
    await removePushesFor(services, period.id);
    return remindPeriod(services, texts, incoming.sender.account, period, now);
  }
  const model = await loadSummary(services, period, now);
  const count = model.missing;
  if (count === 0) return [reply(texts.progress.remindNobody(period.name))];
  // The count asked about is who can be reminded (as /status counts them), not every laggard: a
  // coordinator confirming "55" when 2 have anyone to receive it would be misled.
  const missing = rowsOf(model, 'missing');
  const reach = await reachOf(
    services.store,
    period.id,
    missing.map((r) => r.agency.id),
    [],
  );
  // reachOf answers for every agency it is asked about.
  const reachable = reachableCount(missing, reach) ?? 0;
  if (reachable === 0) return [reply(texts.progress.remindNobodyReachable(period.name, count))];
  const at = nextOfficeTime(now, plan.reminders.officeHours, calendar);
  const when = formatInstantVi(at);
  // Asked first whenever several agencies are late, so the coordinator also reads who cannot be reminded.
  if (!inHours && (mode === 'later' || count < CONFIRM_FROM_AGENCIES)) {
    await queuePush(services, {
      kind: 'nhac',
      periodId: period.id,
      by: incoming.sender.account,
      byName: incoming.sender.name,
      createdAt: now,
      dueAt: at,
    });
    return [
      reply(texts.progress.remindQueued({ period: period.name, count: reachable, when }), [
        { id: remindChoiceId(period.id, 'now'), label: texts.progress.remindSendNowChoice },
      ]),
    ];
  }
  if (inHours && count < CONFIRM_FROM_AGENCIES) return remindPeriod(services, texts, incoming.sender.account, period, now);
  const choices = inHours
    ? [{ id: remindChoiceId(period.id, 'confirm'), label: texts.progress.remindConfirmChoice(reachable) }]
    : [
        { id: remindChoiceId(period.id, 'later'), label: texts.progress.remindLaterChoice(when) },
        { id: remindChoiceId(period.id, 'now'), label: texts.progress.remindSendNowChoice },
      ];
  return [reply(texts.progress.remindAsk({ period: period.name, count, reachable, outside: !inHours, when }), choices)];
}

/**
 * Reminds every agency still to report for a period, now: the answer for the coordinator first,
 * then the reminders addressed to their chats. Also what the scheduler runs for a queued push.
 */
export async function remindPeriod(services: Services, texts: Texts, by: AccountId, period: Period, now: number): Promise<Reply[]> {
  const { store, calendar, plan } = services;
  const model = await loadSummary(services, period, now);
  const missing = rowsOf(model, 'missing');
  if (missing.length === 0) return [reply(texts.progress.remindNobody(period.name))];
  const today = localDateAt(now);
  const campaign = campaignOf(services, period);
  const kind: ReminderDue['kind'] =
    compareLocalDates(today, period.deadline) > 0 ? 'overdue' : today === period.deadline ? 'deadline-day' : 'before';
  const bindings = await store.chats.list();
  const out: Reply[] = [];
  let agencies = 0;
  let people = 0;
  let groups = 0;
  let already = 0;
  const unreachable: string[] = [];
  const results = await Promise.all(
    missing.map(async (row) => {
      const key = remindNowKey(period.id, row.agency.id, today);
      if (await store.deliveries.isDone(key)) return { row, already: true as const };
      const [members, delegation] = await Promise.all([store.people.membersOf(row.agency.id), store.delegations.get(row.agency.id)]);
      const own = bindings.filter((b) => b.target.kind === 'agency' && b.target.agencyId === row.agency.id);
      const recipients = reminderRecipients({
        members,
        delegation,
        groups: own,
        today,
        channels: plan.reminders.channels,
        recipients: plan.reminders.recipients,
      });
      return { row, key, recipients };
    }),
  );
  for (const result of results) {
    if ('already' in result) {
      already++;
      continue;
    }
    const { row, key, recipients } = result;
    if (recipients.dms.length === 0 && recipients.groups.length === 0) {
      unreachable.push(row.agency.name);
      continue;
    }
    // The ledger is written before the replies go out: a second tap finds it and sends nothing.
    if (!(await store.deliveries.markDone(key, `by:${by}`))) {
      already++;
      continue;
    }
    await noteReminded(store, period.id, row.agency.id, key);
    const item: ReminderDue = {
      key,
      kind,
      periodId: period.id,
      agencyId: row.agency.id,
      slotDay: today,
      dueAt: now,
      daysToDeadline: calendar.workingDaysBetween(today, period.deadline),
    };
    const facts = reminderMessageFacts(item, period, calendar, now);
    const adHoc = period.kind === 'ad-hoc';
    const greeted = findAgency(plan, row.agency.id) ?? { name: row.agency.name, kind: 'khac' as const };
    for (const g of recipients.groups) {
      out.push({
        text: reminderText(vi, facts, campaign, greeted, { as: 'group' }, adHoc),
        to: { platform: g.platform, chatId: g.chatId },
      });
      groups++;
    }
    for (const person of recipients.dms) {
      out.push({ text: reminderText(vi, facts, campaign, greeted, person, adHoc), to: privateChatOf(person.account) });
      people++;
    }
    agencies++;
  }
  services.logger.info(
    { period: period.id, agencies, people, groups, already, unreachable: unreachable.length },
    'laggards reminded on demand',
  );
  const named =
    unreachable.length > NAMES_SHOWN
      ? [...unreachable.slice(0, NAMES_SHOWN), texts.progress.more(unreachable.length - NAMES_SHOWN).replace(/\.$/, '')]
      : unreachable;
  return [reply(texts.progress.remindDone({ period: period.name, agencies, people, groups, already, unreachable: named })), ...out];
}
