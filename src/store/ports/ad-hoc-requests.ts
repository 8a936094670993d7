import type { AdHocRequest } from '../../domain/ad-hoc.js';

/** Ad-hoc report requests (báo cáo đột xuất) a coordinator has sent out. */
export interface AdHocRequests {
  /** Stores a request, or replaces the one with the same period id. */
  put(request: AdHocRequest): Promise<void>;
  /**
   * Stores a new request only when no request has its period id yet: true when stored, false
   * (nothing written) when the id is taken — ids are partly random, and two must never merge.
   */
  create(request: AdHocRequest): Promise<boolean>;
  /** Every request, oldest first (by createdAt, then id). */
  list(): Promise<AdHocRequest[]>;
}
