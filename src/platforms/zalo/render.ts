import type { Choice, Reply } from '../../messaging/reply.js';
import { splitTextUtf16 } from '../../messaging/split-text.js';
import { foldVietnamese } from '../../domain/typed-text/fold.js';
import { zaloTexts } from './zalo-texts.js';

/** Longest sendMessage text and photo caption. */
export const ZALO_TEXT_LIMIT = 2000;

/** The options as a numbered list under the text: `1. Hoàn thành`. */
export function numberedChoices(choices: readonly Choice[]): string {
  return [...choices.map((c, i) => `${i + 1}. ${c.label.trim() || c.id}`), zaloTexts.answerByNumber(choices.length)].join('\n');
}

/**
 * A Reply as Zalo text messages: plain text (Zalo has no parse modes), the options numbered at the
 * end, split at 2,000 characters. Files are sent separately (as links).
 */
export function renderZaloText(reply: Reply, limit = ZALO_TEXT_LIMIT): string[] {
  const body = reply.text.trim();
  const list = reply.choices && reply.choices.length > 0 ? numberedChoices(reply.choices) : '';
  const text = [body, list].filter(Boolean).join('\n\n');
  // Zalo's limit is assumed in characters as people see them; a piece long in UTF-16 (emoji) is
  // split again to stay safe either way.
  return splitTextUtf16(text, limit);
}

/**
 * Which offered option a typed answer means: its number (`2`, `2.`), or its label typed with or
 * without diacritics (`hoan thanh` for "Hoàn thành"). Commands are never an option.
 */
export function matchChoice(text: string, choices: readonly Choice[]): Choice | undefined {
  const t = text.trim();
  if (t === '' || t.startsWith('/')) return undefined;
  const n = /^(\d{1,3})[.)]?$/.exec(t);
  if (n) return choices[Number(n[1]) - 1];
  const folded = foldVietnamese(t);
  return choices.find((c) => foldVietnamese(c.label) === folded) ?? choices.find((c) => foldVietnamese(c.id) === folded);
}
