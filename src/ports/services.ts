/**
 * What the composition root builds for the handlers, the scheduler and the dashboard: the Services
 * and the period catalog. Lives in src/ so the dashboard need not import handlers/.
 */
import type { Clock } from '../domain/clock.js';
import type { Period } from '../domain/period.js';
import type { Plan } from '../domain/plan.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../logging/logger.js';
import type { WorkingCalendar } from '../domain/calendar/index.js';
import type { WebSessions } from '../security/web-sessions.js';
import type { Limits } from '../config/limits.js';

/** Every reporting period: the plan's, and the ad-hoc requests coordinators made in chat. */
export interface PeriodCatalog {
  all(): Promise<Period[]>;
  find(id: string): Promise<Period | undefined>;
}

/** What handlers may use. Handlers never see a platform SDK or HTTP. */
export interface Services {
  plan: Plan;
  /** The plan's periods and the ad-hoc requests made in chat. */
  periods: PeriodCatalog;
  /** Working days and holidays, built once from the plan's calendar settings. */
  calendar: WorkingCalendar;
  store: Store;
  clock: Clock;
  adminIds: ReadonlySet<string>;
  logger: Logger;
  /** The bot's username on Telegram, so `/cmd@OtherBot` in a group is left alone. */
  botUsername?: string;
  /** The web dashboard, when this process serves it: where it is reached, and its sign-in links. */
  dashboard?: { publicUrl: string; sessions: WebSessions };
  /** Quotas (src/config/limits.ts); DEFAULT_LIMITS when absent. */
  limits?: Limits;
}
