import type { Agency } from '../src/domain/agency.js';
import type { Campaign } from '../src/domain/campaign.js';
import { officeOf } from '../src/domain/titles.js';
import type { ReminderMessageFacts } from '../src/domain/reminders/index.js';
import type { Texts } from '../src/texts/index.js';
import { formatDateWithWeekdayVi } from '../src/texts/format.js';
import type { DmRecipient } from './reminder-recipients.js';

/** Who a reminder is addressed to: a person (in their capacity) or the agency's group. */
export type Addressee = DmRecipient | { as: 'group' };

/** Enough of an agency to greet its people by their office. */
export type Greeted = Pick<Agency, 'name' | 'kind' | 'title' | 'deputyTitle'>;

/**
 * "Kính gửi đồng chí Giám đốc Sở Y tế," — a person greeted by their real office (a deputy as a
 * deputy, a delegate as the deputy standing in for the head), a group by the agency's name.
 */
export function reminderGreeting(texts: Texts, agency: Greeted, to: Addressee): string {
  switch (to.as) {
    case 'group':
      return texts.reminderGreeting.group(agency.name);
    case 'head':
      return texts.reminderGreeting.head(officeOf(agency, 'head'));
    case 'deputy':
      return texts.reminderGreeting.deputy(officeOf(agency, 'deputy'));
    case 'delegate':
      return texts.reminderGreeting.delegate(officeOf(agency, 'deputy'), officeOf(agency, 'head'));
  }
}

/** The text of a reminder: whom it greets, what is asked, the deadline with its weekday, and how to report. */
export function reminderText(
  texts: Texts,
  facts: ReminderMessageFacts,
  campaign: Campaign | undefined,
  agency: Greeted,
  to: Addressee,
  adHoc = false,
  draftPending = false,
): string {
  const greeting = reminderGreeting(texts, agency, to);
  const deadline = formatDateWithWeekdayVi(facts.deadline);
  return [
    greeting,
    adHoc
      ? texts.reminderAskAdHoc(facts.periodName)
      : texts.reminderAsk(campaign?.name ?? facts.campaignId, campaign?.legalBasis ?? '', facts.periodName),
    facts.overdue
      ? texts.reminderOverdue(deadline, Math.max(1, -facts.workingDaysLeft))
      : texts.reminderDue(deadline, facts.workingDaysLeft),
    // A deputy's draft waiting for sign-off: the head is the one who can make the agency count.
    texts.reminderHow,
    ...(draftPending ? [texts.reminderDraftPending] : []),
  ].join('\n');
}
