import type { AccountId } from './roles.js';
import type { Period } from './period.js';
import type { LocalDate } from './vietnam-time.js';

/**
 * A báo cáo đột xuất (Decree 09 Art. 4): a coordinator asks some agencies for a report by a date.
 * It behaves as a period of its own (reminders, /kyhan, /baocao) limited to those agencies.
 */
export interface AdHocRequest {
  period: Period & { kind: 'ad-hoc'; agencyIds: string[] };
  createdBy: AccountId;
  createdByName: string;
  createdAt: number;
}

/** Builds the period of an ad-hoc request asked for today with a deadline and a list of agencies. */
export function adHocPeriod(input: {
  id: string;
  campaignId: string;
  title: string;
  today: LocalDate;
  deadline: LocalDate;
  agencyIds: readonly string[];
}): AdHocRequest['period'] {
  return {
    id: input.id,
    campaignId: input.campaignId,
    kind: 'ad-hoc',
    name: input.title,
    cutoff: { from: input.today, to: input.today },
    deadline: input.deadline,
    opensOn: input.today,
    agencyIds: [...new Set(input.agencyIds)],
  };
}
