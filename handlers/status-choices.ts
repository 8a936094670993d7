/**
 * The buttons of `/status` (`st:…` choice ids) and the commands they stand for. A pressed button is
 * routed as that command typed by the same person in the same chat, so it passes the very same
 * authorization as the command (the router consults this before any conversation routing).
 *
 *   st:page:<periodId>:<n>   →  /status <periodId> trang <n>
 *   st:remind:<periodId>     →  /nhac <periodId>
 *
 * Telegram allows 64 bytes of callback data; period ids are at most 48 characters.
 */
export const STATUS_CHOICE_PREFIX = 'st:';

export const pageChoiceId = (periodId: string, page: number): string => `st:page:${periodId}:${page}`;
/** A /nhac button; `mode` answers its question (confirm in hours, queue for office hours, send now). */
export const remindChoiceId = (periodId: string, mode?: 'confirm' | 'later' | 'now'): string =>
  `st:remind:${periodId}${mode ? `:${MODE_CODE[mode]}` : ''}`;

const MODE_CODE = { confirm: 'x', later: 'h', now: 'n' } as const;
const MODE_WORD: Record<string, string> = { x: 'xacnhan', h: 'hen', n: 'guingay' };

const PAGE = /^st:page:([a-z0-9-]{1,64}):(\d{1,4})$/;
const REMIND = /^st:remind:([a-z0-9-]{1,64})(?::([xhn]))?$/;

/** The command a status button stands for, or undefined when the choice is not one of ours. */
export function choiceAsCommand(value: string): string | undefined {
  if (!value.startsWith(STATUS_CHOICE_PREFIX)) return undefined;
  const page = PAGE.exec(value);
  if (page) return `/status ${page[1]} trang ${page[2]}`;
  const remind = REMIND.exec(value);
  if (remind) return `/nhac ${remind[1]}${remind[2] ? ` ${MODE_WORD[remind[2]] ?? ''}` : ''}`;
  return undefined;
}
