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
  /**
   * False when the agency is listed (e.g. for its staff's roles) but does not report: it is never
   * counted, reminded, promised reminders or offered /baocao. Absent means it reports — the
   * coordinating agency included, when the plan lists it.
   */
  reports?: boolean;
  /** The head's office when the default for its kind does not fit (plan `title`), e.g. "Chỉ huy trưởng". */
  title?: string;
  /** The deputy's office (plan `deputy_title`), e.g. "Phó Chỉ huy trưởng". */
  deputyTitle?: string;
}
