/** What kind of body an agency is; decides how it is addressed and grouped in summaries. */
export const AGENCY_KINDS = ['so', 'ban', 'nganh', 'xa', 'phuong', 'trung-uong', 'khac'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** A body that must report: a sở, ban, ngành, a commune or ward People's Committee. */
export interface Agency {
  /** Stable, short, lower-case id used in commands, e.g. `so-y-te`. */
  id: string;
  /** Full official name, e.g. "Sở Y tế". */
  name: string;
  kind: AgencyKind;
  /** Emulation bloc (khối/cụm thi đua), if the plan groups agencies. */
  group?: string;
  /** Set when the agency left the plan: it keeps its reports but gets no more reminders. */
  archived?: boolean;
}
