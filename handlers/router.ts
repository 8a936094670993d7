import { identityFrom, type Identity } from '../src/domain/roles.js';
import { replyLanguage, type Incoming } from '../src/messaging/incoming.js';
import { reply, type Reply } from '../src/messaging/reply.js';
import { textsFor, type Texts } from '../src/texts/index.js';
import { HandlerError } from '../src/errors.js';
import { mayUse, type Access, type ChatScope } from './access.js';
import { deadlinesHandler } from './deadlines.js';
import { createHelpHandler } from './help.js';
import type { Handler, Services } from './services.js';
import { startHandler } from './start.js';
import { whoamiHandler } from './whoami.js';

/** One row of the command table. */
export interface CommandSpec {
  /** Vietnamese name, typed without diacritics: `kyhan`. Telegram allows [a-z0-9_], ≤ 32. */
  name: string;
  /** English and other accepted names: `deadlines`. The first is shown in help. */
  aliases: readonly string[];
  access: Access;
  chats: ChatScope;
  summary: keyof Texts['commands'];
  handler: Handler;
}

/** Longest message the bot reads; anything longer is sent back to be shortened. */
export const MAX_INPUT_LENGTH = 4000;

/** Asks for more than the router can answer: extra help lines from the playground, say. */
export interface RouterOptions {
  extraHelp?: () => string;
}

/** Turns any Incoming into replies: parses the command, checks who may use it where, and runs it. */
export interface Router {
  readonly commands: readonly CommandSpec[];
  handle(incoming: Incoming): Promise<Reply[]>;
}

/**
 * The whole product at a glance. Later capabilities (registration, reports, status, summaries,
 * exports, reminders) add their rows here; authorization is enforced below, once, for every row.
 */
export function commandTable(extraHelp?: () => string): CommandSpec[] {
  const table: CommandSpec[] = [
    { name: 'start', aliases: [], access: 'anyone', chats: 'any', summary: 'start', handler: startHandler },
    { name: 'trogiup', aliases: ['help'], access: 'anyone', chats: 'any', summary: 'help', handler: createHelpHandler(() => table, extraHelp) },
    { name: 'kyhan', aliases: ['deadlines'], access: 'member', chats: 'any', summary: 'deadlines', handler: deadlinesHandler },
    { name: 'toi', aliases: ['whoami'], access: 'anyone', chats: 'any', summary: 'whoami', handler: whoamiHandler },
  ];
  return table;
}

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/;

/** Splits `/cmd@Bot args` into its parts, or undefined when the text is not a command. */
export function parseCommand(text: string): { name: string; botName?: string; args: string } | undefined {
  const m = COMMAND.exec(text.trim());
  if (!m) return undefined;
  return { name: (m[1] ?? '').toLowerCase(), ...(m[2] ? { botName: m[2] } : {}), args: (m[3] ?? '').trim() };
}

export function createRouter(services: Services, options: RouterOptions = {}): Router {
  const commands = commandTable(options.extraHelp);
  const byName = new Map<string, CommandSpec>();
  for (const c of commands) for (const n of [c.name, ...c.aliases]) byName.set(n, c);

  async function identify(incoming: Incoming): Promise<Identity> {
    const grants = await services.store.rolesOf(incoming.sender.account);
    return identityFrom(incoming.sender.account, incoming.sender.name, grants, services.adminIds);
  }

  async function route(incoming: Incoming, texts: Texts): Promise<Reply[]> {
    const inGroup = incoming.chat.kind === 'group';
    // In groups the bot stays quiet about anything not addressed to it, so it never spams.
    if (incoming.edited) return inGroup ? [] : [reply(texts.edited)];
    if (incoming.content.type === 'unsupported') return inGroup ? [] : [reply(texts.unsupported)];
    if (incoming.content.type === 'choice') return [reply(texts.staleChoice)];

    const text = incoming.content.text;
    const command = parseCommand(text);
    if (!command) {
      if (inGroup) return [];
      if ([...text].length > MAX_INPUT_LENGTH) return [reply(texts.tooLong(MAX_INPUT_LENGTH))];
      return [reply(texts.plainTextHint)];
    }
    if (command.botName && services.botUsername && command.botName.toLowerCase() !== services.botUsername.toLowerCase()) return [];
    if ([...text].length > MAX_INPUT_LENGTH) return [reply(texts.tooLong(MAX_INPUT_LENGTH))];

    const spec = byName.get(command.name);
    if (!spec) return inGroup && !command.botName ? [] : [reply(texts.unknownCommand(command.name))];

    if (spec.chats === 'private' && inGroup) return [reply(texts.privateOnly)];
    if (spec.chats === 'group' && !inGroup) return [reply(texts.groupOnly)];

    const identity = await identify(incoming);
    if (!mayUse(identity, spec.access)) {
      if (!mayUse(identity, 'member')) return [reply(texts.notRegistered)];
      return [reply(texts.forbidden(texts.roleNames[spec.access === 'anyone' ? 'member' : spec.access === 'agency' ? 'head' : spec.access]))];
    }
    try {
      return await spec.handler({ incoming, identity, args: command.args, services, texts, language: replyLanguage(incoming) });
    } catch (err) {
      throw new HandlerError(spec.name, err);
    }
  }

  return {
    commands,
    async handle(incoming) {
      const texts = textsFor(replyLanguage(incoming));
      try {
        return await route(incoming, texts);
      } catch (err) {
        services.logger.error(
          {
            err,
            command: err instanceof HandlerError ? err.command : undefined,
            platform: incoming.platform,
            updateId: incoming.updateId,
            chat: incoming.chat.kind,
            content: incoming.content.type,
          },
          'handler failed',
        );
        return [reply(texts.internalError)];
      }
    },
  };
}
