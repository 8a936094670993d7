/**
 * One role per person per agency: a second invite for the same agency (head ↔ deputy) asks whether
 * to switch role, and switches only when confirmed — never stacks the two. The button stands for
 * `/dangky <code> chuyen`, so it passes the same checks as the typed command. The code is only
 * ever put in a button of the private chat it was typed in.
 *
 *   sw:<code>   →  /dangky <code> chuyen
 */
const ROLE_SWITCH = /^sw:([A-Za-z0-9_-]{22})$/;

/** The word that confirms a switch after the code: /dangky CODE chuyen (typed with or without diacritics). */
export const SWITCH_WORD = 'chuyen';

export const roleSwitchChoiceId = (code: string): string => `sw:${code}`;

/** The command a role-switch button stands for, or undefined when the choice is not one. */
export function roleSwitchAsCommand(value: string): string | undefined {
  const m = ROLE_SWITCH.exec(value);
  return m ? `/dangky ${m[1]} ${SWITCH_WORD}` : undefined;
}
