import type { Clock } from '../src/domain/clock.js';
import type { Identity } from '../src/domain/roles.js';
import type { Plan } from '../src/domain/plan.js';
import type { Incoming } from '../src/messaging/incoming.js';
import type { Reply } from '../src/messaging/reply.js';
import type { Store } from '../src/store/store.js';
import type { Texts } from '../src/texts/index.js';
import type { Logger } from '../src/logging/logger.js';
import type { ChatBinding } from '../src/domain/chat-binding.js';
import type { WorkingCalendar } from '../src/domain/calendar/index.js';
import type { PeriodCatalog } from './period-catalog.js';
import type { WebSessions } from '../src/security/web-sessions.js';

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
}

/** Everything one handler call gets. */
export interface HandlerContext {
  incoming: Incoming;
  identity: Identity;
  /** What the group this came from is bound to, if it is a bound group. */
  binding?: ChatBinding;
  /** The text after the command, trimmed. */
  args: string;
  services: Services;
  texts: Texts;
  language: 'vi' | 'en';
}

export type Handler = (ctx: HandlerContext) => Promise<Reply[]>;
