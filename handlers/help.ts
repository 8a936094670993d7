import { reply } from '../src/messaging/reply.js';
import type { Handler } from './services.js';
import { mayUse, type Access } from './access.js';
import type { Texts } from '../src/texts/index.js';

/** The part of a command table entry help needs. */
export interface HelpEntry {
  name: string;
  aliases: readonly string[];
  access: Access;
  summary: keyof Texts['commands'];
}

/** Lists the commands this person may use, in the table's order, with the English alias. */
export function createHelpHandler(entries: () => readonly HelpEntry[], extra?: () => string): Handler {
  return async ({ identity, texts, language }) => {
    const english = language === 'en';
    const usable = entries().filter((e) => mayUse(identity, e.access));
    const lines = usable.map((e) => {
      const alias = e.aliases[0];
      const shown = english && alias ? `/${alias}` : `/${e.name}${alias ? ` (/${alias})` : ''}`;
      return `${shown} — ${texts.commands[e.summary]}`;
    });
    const registered = mayUse(identity, 'member');
    const parts = [texts.helpHeader, lines.join('\n')];
    if (!registered) parts.push(texts.helpNotRegistered);
    parts.push(texts.helpFooter);
    const more = extra?.();
    if (more) parts.push(more);
    return [reply(parts.join('\n\n'))];
  };
}
