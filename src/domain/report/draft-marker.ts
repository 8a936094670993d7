/**
 * A note, beside an unfinished report conversation, that a person has a draft for a period and
 * agency: the reminder planner looks it up to say "you have a report half done" rather than ask
 * for it as if nothing had been started. Kept in the conversations port under its own key, with
 * the conversation's time to live, and removed with it.
 */
export interface DraftMarker {
  v: 1;
  /** Items answered so far, and how many the report has. */
  answered: number;
  total: number;
  /** When the conversation was last answered (the bot's clock). */
  at: number;
}

export function draftMarkerKey(account: string, periodId: string, agencyId: string): string {
  return `report-draft:${periodId}:${agencyId}:${account}`;
}
