/**
 * What the platforms, the playground and the metrics see of the router (handlers/router.ts builds
 * it; the composition root passes it in). Lives in src/ so they need not import handlers/.
 */
import type { Incoming } from '../messaging/incoming.js';
import type { Reply } from '../messaging/reply.js';
import type { Texts } from '../texts/index.js';

/**
 * Who may run a command:
 * - `anyone`: also people the bot does not know yet (help, start, registration);
 * - `member`: anyone holding a role — an agency head or deputy, a coordinator, an administrator;
 * - `agency`: heads and deputies, acting for their own agency;
 * - `head`: agency heads only (delegation);
 * - `coordinator`: Sở Nội vụ staff (and administrators);
 * - `admin`: administrators only.
 */
export type Access = 'anyone' | 'member' | 'agency' | 'head' | 'coordinator' | 'admin';

/**
 * Where a command may be used. `coordination`: in private, or in the coordinators' group — never in
 * an agency's group, where one agency would read about all the others.
 */
export type ChatScope = 'any' | 'private' | 'group' | 'coordination';

/** One row of the command table, as the platforms see it (handlers/router.ts adds the handler). */
export interface CommandInfo {
  /** Vietnamese name, typed without diacritics: `kyhan`. Telegram allows [a-z0-9_], ≤ 32. */
  name: string;
  /** English and other accepted names: `deadlines`. The first is shown in help. */
  aliases: readonly string[];
  access: Access;
  chats: ChatScope;
  summary: keyof Texts['commands'];
}

/** Turns any Incoming into replies: parses the command, checks who may use it where, and runs it. */
export interface Router {
  readonly commands: readonly CommandInfo[];
  handle(incoming: Incoming): Promise<Reply[]>;
}
