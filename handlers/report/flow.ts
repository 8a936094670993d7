import { findAgency } from '../../src/domain/plan.js';
import { officeOf } from '../../src/domain/titles.js';
import {
  answer,
  beginReport,
  pause,
  startItems,
  withPeriods,
  type ConversationInput,
  type ReportConversation,
} from '../../src/domain/report/conversation.js';
import { nextPeriodToOpen, periodsOpenForReports } from '../../src/domain/report/periods.js';
import type { Identity } from '../../src/domain/roles.js';
import type { Reply } from '../../src/messaging/reply.js';
import { formatDate, formatDateTime } from '../../src/texts/format.js';
import { periodConcerns } from '../period-catalog.js';
import { confirmReport } from './confirm.js';
import { periodAndCampaign, roleFor, toPerson, type ReportTurn } from './turn.js';
import { conversationNames, longDate, questionReply, quickReadingText } from './render.js';
import { endConversation, keepUntil, saveConversation, wasIdle } from './session.js';

/** Agencies this person reports for here, head first when they hold both roles somewhere. */
export function reportingAgencyIds(identity: Identity): string[] {
  return [...new Set(identity.agencies.map((a) => a.agencyId))];
}

/** `/baocao [quick form]`: begins a conversation (or answers at once when nothing is open). */
export async function startReport(turn: ReportTurn, key: string, quickText: string): Promise<Reply[]> {
  const state = beginReport({
    account: turn.incoming.sender.account,
    now: turn.services.clock.now(),
    agencies: reportingAgencyIds(turn.identity),
    ...(quickText ? { quickText } : {}),
  });
  return toPerson(turn, await proceed(turn, key, state));
}

/**
 * Carries a conversation forward to its next question: offers the periods once the agency is
 * known, starts the items once the period is, and saves the state with a fresh time to live.
 */
async function proceed(turn: ReportTurn, key: string, state: ReportConversation, before: string[] = []): Promise<Reply[]> {
  const { services, texts } = turn;
  const now = services.clock.now();
  let s = state;
  const intro: string[] = [...before];
  if (s.phase === 'begin' && !s.periodId && s.agencyId) {
    const agencyId = s.agencyId;
    const all = await services.periods.all();
    const open = periodsOpenForReports(all, now).filter((p) => periodConcerns(p, agencyId, services.plan));
    const next = withPeriods(
      s,
      open.map((p) => p.id),
    );
    if (!next) {
      await endConversation(services, key);
      const later = nextPeriodToOpen(
        all.filter((p) => periodConcerns(p, agencyId, services.plan)),
        now,
      );
      const agency = findAgency(services.plan, agencyId)?.name ?? agencyId;
      return [
        {
          text: [texts.report.noOpenPeriod(agency), later ? texts.report.opensLater(later.name, formatDate(later.opensOn)) : undefined]
            .filter(Boolean)
            .join('\n'),
        },
      ];
    }
    s = next;
  }
  if (s.phase === 'begin' && s.periodId && s.agencyId) {
    const { period, campaign } = await periodAndCampaign(services, s);
    const agency = findAgency(services.plan, s.agencyId)?.name ?? s.agencyId;
    if (!period || !campaign) {
      await endConversation(services, key);
      return [{ text: texts.report.noOpenPeriod(agency) }];
    }
    const latest = await services.store.reports.latest(period.id, s.agencyId);
    const quick = Boolean(s.quickText);
    const started = startItems(s, campaign, latest);
    s = started.state;
    // In a private chat the person is greeted by their office ("Chủ tịch UBND xã Mường Kim"); one
    // acting for the agency without a role of their own there (a delegate) by their name.
    const greeting = turn.incoming.chat.kind === 'private' && s.agencyId ? greetingFor(turn, s.agencyId) : undefined;
    intro.push(
      texts.report.intro({
        ...(greeting ? { name: greeting } : {}),
        agency,
        campaign: campaign.name,
        legalBasis: campaign.legalBasis,
        period: period.name,
        deadline: longDate(texts, period.deadline),
        items: campaign.items.length,
        keepUntil: formatDateTime(await keepUntil(services, s)),
      }),
    );
    // A correction says what it replaces, whether typed in one message or answered step by step.
    if (latest)
      intro.push(
        quick
          ? texts.report.amendingQuick(latest.revision, formatDateTime(latest.submittedAt))
          : texts.report.amending(latest.revision, formatDateTime(latest.submittedAt)),
      );
    // A quick form that left something to ask: show what was read, item by item, and what was not.
    const reading = started.quick ? quickReadingText(texts, campaign, s, started.quick) : undefined;
    if (reading) intro.push(reading);
  }
  const saved = await saveConversation(services, key, s);
  const { campaign } = await periodAndCampaign(services, saved);
  const question = await questionReply(services, texts, saved, campaign, turn.incoming.chat.kind === 'group');
  return [{ ...question, text: [...intro, question.text].join('\n\n') }];
}

/** The same question again after something that was not taken, with a short explanation. */
export async function askAgain(turn: ReportTurn, key: string, state: ReportConversation, explanation: string): Promise<Reply[]> {
  if (state.phase === 'begin') return toPerson(turn, await proceed(turn, key, state, [explanation]));
  const saved = await saveConversation(turn.services, key, state);
  const { campaign } = await periodAndCampaign(turn.services, saved);
  const question = await questionReply(turn.services, turn.texts, saved, campaign, turn.incoming.chat.kind === 'group');
  return toPerson(turn, [{ ...question, text: `${explanation}\n\n${question.text}` }]);
}

/** A message (text or option) in an open conversation. */
export async function continueReport(turn: ReportTurn, key: string, state: ReportConversation, input: ConversationInput): Promise<Reply[]> {
  const { services, texts } = turn;
  if (state.agencyId && !roleFor(turn.identity, state.agencyId)) {
    await endConversation(services, key);
    return toPerson(turn, [{ text: texts.report.notAllowedAnymore(findAgency(services.plan, state.agencyId)?.name ?? state.agencyId) }]);
  }
  const { campaign } = await periodAndCampaign(services, state);
  const names = await conversationNames(services, state);
  const ctx = { ...(campaign ? { campaign } : {}), nameOf: (kind: 'agency' | 'period', id: string) => names.get(`${kind}:${id}`) ?? id };
  // Back after a long pause: the message is not taken as an answer to the old question (the person
  // may no longer have it in mind); "tiếp tục", "làm lại" or quick-form lines are, anything else
  // gets the offer to go on or start over.
  if (!state.paused && wasIdle(services, state)) {
    const paused = pause(state);
    if (paused.paused) {
      const back = answer(paused, input, ctx);
      if (back.kind !== 'next' && back.kind !== 'cancel') return setAside(turn, key, paused);
      state = paused;
    }
  }
  const outcome = answer(state, input, ctx);
  switch (outcome.kind) {
    case 'problem':
      return askAgain(turn, key, state, texts.report.problem(outcome.problem));
    case 'stale':
      return askAgain(turn, key, state, texts.staleChoice);
    case 'cancel':
      await endConversation(services, key);
      return toPerson(turn, [{ text: texts.report.cancelled }]);
    case 'next': {
      const asked = await proceed(turn, key, outcome.state);
      // A quick-form line typed mid-conversation ("4: chưa"): say what it recorded (and what was
      // not clear), since the question asked next may be the same one as before.
      const [first, ...rest] = asked;
      const reading = outcome.quick && campaign ? quickReadingText(texts, campaign, outcome.state, outcome.quick, true) : undefined;
      const said = reading ?? (outcome.recorded?.length ? texts.report.recordedItems(outcome.recorded) : undefined);
      if (!said || !first) return toPerson(turn, asked);
      return toPerson(turn, [{ ...first, text: `${said}\n\n${first.text}` }, ...rest]);
    }
    case 'confirm':
      return toPerson(turn, await confirmReport(turn, key, state));
  }
}

/**
 * Sets the conversation aside (a pause, /baocao again, another command) and asks whether to go on
 * or start over; `before`: what to say first.
 */
export async function setAside(turn: ReportTurn, key: string, state: ReportConversation, before: readonly string[] = []): Promise<Reply[]> {
  const saved = await saveConversation(turn.services, key, pause(state), false);
  const { campaign } = await periodAndCampaign(turn.services, saved);
  const question = await questionReply(turn.services, turn.texts, saved, campaign, turn.incoming.chat.kind === 'group');
  return toPerson(turn, [{ ...question, text: [...before, question.text].join('\n\n') }]);
}

/** The first message after a conversation lapsed: say so once. */
export async function lapsedReply(turn: ReportTurn, key: string, until: number): Promise<Reply[]> {
  await endConversation(turn.services, key);
  return toPerson(turn, [{ text: turn.texts.report.lapsed(formatDateTime(until)) }]);
}

/** How the report's first message greets its sender: their office in the agency, else their name. */
function greetingFor(turn: ReportTurn, agencyId: string): string | undefined {
  const agency = findAgency(turn.services.plan, agencyId);
  const role = roleFor(turn.identity, agencyId);
  if (agency && role) return officeOf(agency, role);
  return turn.incoming.sender.name || undefined;
}
