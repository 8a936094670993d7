/** Summaries of a period for the coordinators: the pure model, and when the scheduler posts them. */
export {
  headsOfRow,
  rowsOf,
  type AgencyRow,
  type AgencyStanding,
  type HeadContact,
  type ItemAggregate,
  type SummaryModel,
} from './model.js';
export { summarise, type SummaryInput } from './summarise.js';
export {
  addendumKey,
  DEFAULT_SUMMARY_POLICY,
  defaultDeadlineMinute,
  dueSummarySlots,
  finalSummaryMetaKey,
  summaryKey,
  summarySlots,
  type SummaryKind,
  type SummaryPolicy,
  type SummarySlot,
} from './slots.js';
