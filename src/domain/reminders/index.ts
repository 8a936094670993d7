/** The pure reminder planner: which reminders and escalations fall due in a scheduler tick's window. */
export {
  DEFAULT_REMINDER_POLICY,
  DEFAULT_REMINDER_RECIPIENTS,
  checkReminderPolicy,
  remindsRole,
  type ReminderPolicy,
  type ReminderRecipientRole,
} from './policy.js';
export { compareSlots, periodSlots, type ReminderKind, type ReminderSlot, type SlotKind } from './slots.js';
export { escalationKey, reminderKey } from './keys.js';
export {
  nextDue,
  nextDueAt,
  planDue,
  type DueItem,
  type EscalationDue,
  type NextDue,
  type NextDueInput,
  type PlanDueInput,
  type ReminderDue,
} from './plan-due.js';
export { reminderMessageFacts, type ReminderMessageFacts } from './facts.js';
