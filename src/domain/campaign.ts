/**
 * What a report item asks for. Most ask for progress (status, percent, note); some also ask for a
 * count with a unit, e.g. "số tập thể, cá nhân được khen thưởng", which summaries add up.
 */
export interface ReportItem {
  /** 1-based number as in the directive ("nội dung 3"). */
  no: number;
  /** The content as the directive words it. */
  title: string;
  /** A few words for narrow screens and tables. */
  short: string;
  /** When set, the item also asks for a non-negative whole number in this unit. */
  quantity?: { label: string; unit: string };
}

/** A programme the province launched, with the numbered contents each agency reports on. */
export interface Campaign {
  id: string;
  name: string;
  /** The legal basis as cited in correspondence, e.g. "Chỉ thị số 09/CT-UBND ngày 31/12/2024". */
  legalBasis: string;
  /** Who issued it, e.g. "Chủ tịch UBND tỉnh Lai Châu". */
  issuer?: string;
  items: ReportItem[];
  /**
   * When true, a report sent by a deputy is a draft until the head approves it (duyệt); a deputy
   * holding the head's delegation (ủy quyền) reports without sign-off. Absent means false.
   */
  requiresApproval?: boolean;
}
