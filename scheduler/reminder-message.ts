import type { Campaign } from '../src/domain/campaign.js';
import type { ReminderMessageFacts } from '../src/domain/reminders/index.js';
import type { Texts } from '../src/texts/index.js';
import { formatDateWithWeekdayVi } from '../src/texts/format.js';
import type { DmRecipient } from './recipients.js';

/** Who a reminder is addressed to: a person (in their capacity) or the agency's group. */
export type Addressee = DmRecipient | { as: 'group' };

/** The text of a reminder: whom it greets, what is asked, the deadline with its weekday, and how to report. */
export function reminderText(texts: Texts, facts: ReminderMessageFacts, campaign: Campaign | undefined, agencyName: string, to: Addressee, adHoc = false): string {
  const greeting =
    to.as === 'group'
      ? texts.reminderGreeting.group(agencyName)
      : to.as === 'head'
        ? texts.reminderGreeting.head(agencyName)
        : texts.reminderGreeting[to.as](to.name, agencyName);
  const deadline = formatDateWithWeekdayVi(facts.deadline);
  return [
    greeting,
    adHoc ? texts.reminderAskAdHoc(facts.periodName) : texts.reminderAsk(campaign?.name ?? facts.campaignId, campaign?.legalBasis ?? '', facts.periodName),
    facts.overdue ? texts.reminderOverdue(deadline, Math.max(1, -facts.workingDaysLeft)) : texts.reminderDue(deadline, facts.workingDaysLeft),
    texts.reminderHow,
  ].join('\n');
}
