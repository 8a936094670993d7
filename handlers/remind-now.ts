import { compareLocalDates, localDateAt } from '../src/domain/local-date.js';
import { findAgency } from '../src/domain/plan.js';
import { periodStanding, type Period } from '../src/domain/period.js';
import { reminderMessageFacts, type ReminderDue } from '../src/domain/reminders/index.js';
import { rowsOf } from '../src/domain/summary/index.js';
import { reply, type Reply } from '../src/messaging/reply.js';
import { privateChatOf } from '../src/messaging/targets.js';
import { vi } from '../src/texts/vi.js';
import { reminderRecipients } from '../scheduler/recipients.js';
import { reminderText } from '../scheduler/reminder-message.js';
import type { Handler, HandlerContext } from './services.js';
import { remindChoiceId } from './status-choices.js';
import { openPeriods } from './status.js';
import { campaignOf, loadSummary } from './summary-data.js';

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
  const { services, texts, args } = ctx;
  const now = services.clock.now();
  const open = await openPeriods(services, now);
  let period: Period | undefined;
  if (args) {
    period = await services.periods.find(args.trim().toLowerCase());
    if (!period || periodStanding(period, now).phase === 'upcoming') return [reply(`${texts.progress.notFound(args)}\n${texts.progress.statusUsage}`)];
  } else {
    const withMissing = (await Promise.all(open.map(async (p) => ({ p, model: await loadSummary(services, p, now) })))).filter((x) => x.model.missing > 0);
    if (withMissing.length === 0) return [reply(texts.progress.remindNone)];
    if (withMissing.length > 1) {
      return [reply(texts.progress.remindChoose, withMissing.map(({ p, model }) => ({ id: remindChoiceId(p.id), label: texts.progress.remindOption(p.name, model.missing) })))];
    }
    period = withMissing[0]?.p;
  }
  if (!period) return [reply(texts.progress.remindNone)];
  return remindPeriod(ctx, period, now);
};

async function remindPeriod(ctx: HandlerContext, period: Period, now: number): Promise<Reply[]> {
  const { services, texts } = ctx;
  const { store, calendar, plan } = services;
  const model = await loadSummary(services, period, now);
  const missing = rowsOf(model, 'missing');
  if (missing.length === 0) return [reply(texts.progress.remindNobody(period.name))];
  const today = localDateAt(now);
  const campaign = campaignOf(services, period);
  const kind: ReminderDue['kind'] = compareLocalDates(today, period.deadline) > 0 ? 'overdue' : today === period.deadline ? 'deadline-day' : 'before';
  const bindings = await store.listChatBindings();
  const out: Reply[] = [];
  let agencies = 0;
  let people = 0;
  let groups = 0;
  let already = 0;
  const unreachable: string[] = [];
  const results = await Promise.all(
    missing.map(async (row) => {
      const key = remindNowKey(period.id, row.agency.id, today);
      if (await store.isDone(key)) return { row, already: true as const };
      const [members, delegation] = await Promise.all([store.agencyMembers(row.agency.id), store.getDelegation(row.agency.id)]);
      const own = bindings.filter((b) => b.target.kind === 'agency' && b.target.agencyId === row.agency.id);
      const recipients = reminderRecipients({ members, delegation, groups: own, today, channels: plan.reminders.channels, recipients: plan.reminders.recipients });
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
    if (!(await store.markDone(key, `by:${ctx.incoming.sender.account}`))) {
      already++;
      continue;
    }
    const item: ReminderDue = { key, kind, periodId: period.id, agencyId: row.agency.id, slotDay: today, dueAt: now, daysToDeadline: calendar.workingDaysBetween(today, period.deadline) };
    const facts = reminderMessageFacts(item, period, calendar, now);
    const adHoc = period.kind === 'ad-hoc';
    const greeted = findAgency(plan, row.agency.id) ?? { name: row.agency.name, kind: 'khac' as const };
    for (const g of recipients.groups) {
      out.push({ text: reminderText(vi, facts, campaign, greeted, { as: 'group' }, adHoc), to: { platform: g.platform, chatId: g.chatId } });
      groups++;
    }
    for (const person of recipients.dms) {
      out.push({ text: reminderText(vi, facts, campaign, greeted, person, adHoc), to: privateChatOf(person.account) });
      people++;
    }
    agencies++;
  }
  services.logger.info({ period: period.id, agencies, people, groups, already, unreachable: unreachable.length }, 'laggards reminded on demand');
  const named = unreachable.length > NAMES_SHOWN ? [...unreachable.slice(0, NAMES_SHOWN), texts.progress.more(unreachable.length - NAMES_SHOWN).replace(/\.$/, '')] : unreachable;
  return [reply(texts.progress.remindDone({ period: period.name, agencies, people, groups, already, unreachable: named })), ...out];
}
