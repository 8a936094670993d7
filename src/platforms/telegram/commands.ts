import type { Api } from 'grammy';
import type { BotCommand, BotCommandScope } from 'grammy/types';
import type { CommandInfo } from '../../ports/router.js';
import { en, vi, type Texts } from '../../texts/index.js';

/**
 * The commands worth showing in Telegram's menu: what people of the agencies use. Coordinators'
 * and administrators' commands (/moi, /thuhoi, …) are left out of the public menu — /trogiup
 * lists them to those who hold the role — and /start needs no entry.
 */
const PUBLIC_ACCESS = new Set<CommandInfo['access']>(['anyone', 'member', 'agency', 'head']);

export interface CommandMenu {
  scope: BotCommandScope;
  language_code?: 'en';
  commands: BotCommand[];
}

/** Vietnamese names by default, the English alias for people whose Telegram is in English. */
export function commandMenus(table: readonly CommandInfo[]): CommandMenu[] {
  const listed = table.filter((c) => c.name !== 'start' && PUBLIC_ACCESS.has(c.access));
  const entries = (texts: Texts, english: boolean, inGroup: boolean): BotCommand[] =>
    listed
      .filter((c) => !inGroup || c.chats !== 'private')
      .map((c) => ({ command: english ? (c.aliases[0] ?? c.name) : c.name, description: texts.commands[c.summary] ?? c.name }))
      .filter((c) => /^[a-z0-9_]{1,32}$/.test(c.command) && c.description.length >= 1 && c.description.length <= 256)
      .slice(0, 100);
  const menus: CommandMenu[] = [];
  for (const [scope, inGroup] of [
    [{ type: 'all_private_chats' }, false],
    [{ type: 'all_group_chats' }, true],
  ] as const) {
    menus.push({ scope, commands: entries(vi, false, inGroup) });
    menus.push({ scope, language_code: 'en', commands: entries(en, true, inGroup) });
  }
  return menus;
}

export async function setCommandMenus(api: Api, table: readonly CommandInfo[]): Promise<void> {
  for (const menu of commandMenus(table)) {
    await api.setMyCommands(menu.commands, { scope: menu.scope, ...(menu.language_code ? { language_code: menu.language_code } : {}) });
  }
}
