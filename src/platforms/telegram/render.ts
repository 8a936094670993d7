import type { ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters } from 'grammy/types';
import type { ChatKind } from '../../messaging/incoming.js';
import type { Choice, Reply } from '../../messaging/reply.js';
import { splitTextUtf16 } from '../../messaging/split-text.js';
import { escapeHtml, mentionHtml } from './html.js';

/** Longest sendMessage text, counted after entity parsing (so on the plain text). */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Longest caption of a photo or document, after entity parsing. */
export const TELEGRAM_CAPTION_LIMIT = 1024;
/** Largest callback_data, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;
/** Most buttons Telegram shows in one inline keyboard. */
export const MAX_BUTTONS = 100;

/** One sendMessage call, minus the chat id. */
export interface OutgoingMessage {
  text: string;
  parse_mode: 'HTML';
  link_preview_options: { is_disabled: true };
  reply_markup?: InlineKeyboardMarkup | ForceReply;
  reply_parameters?: ReplyParameters;
}

/** Where and to whom a reply is rendered. */
export interface RenderContext {
  chatKind: ChatKind;
  /** The person's message being answered; in a group the first piece quotes it. */
  replyToMessageId?: number;
  /** The person answered; in a group a question is addressed to them when there is nothing to quote. */
  addressee?: { userId: string; name: string };
}

/**
 * Turns a platform-neutral Reply into Telegram messages: the plain text escaped for HTML and split
 * at 4,096 characters; choices as an inline keyboard on the last piece; in a group, an
 * `expectsReply` question carries a selective force_reply so the typed answer reaches the bot
 * under privacy mode (a keyboard wins over force_reply: Telegram allows one markup per message, and
 * button presses reach the bot anyway).
 */
export function renderReply(reply: Reply, context: RenderContext): OutgoingMessage[] {
  const inGroup = context.chatKind === 'group';
  const keyboard = reply.choices && reply.choices.length > 0 ? inlineKeyboard(reply.choices) : undefined;
  const forceReply = inGroup && reply.expectsReply && !keyboard;
  const quote = inGroup && context.replyToMessageId !== undefined ? context.replyToMessageId : undefined;
  // A selective force_reply targets the sender of the quoted message, or people mentioned.
  const addressee = forceReply && quote === undefined ? context.addressee : undefined;
  // Telegram's names are at most 64 + 64 characters; a longer one is cut so the text keeps its room.
  const mention = addressee ? { ...addressee, name: [...addressee.name].slice(0, 129).join('') } : undefined;
  // In UTF-16 code units, as splitForTelegram counts.
  const prefixLength = mention ? `${mention.name}, `.length : 0;

  // Telegram refuses a message of only whitespace.
  let pieces = reply.text.trim() ? splitForTelegram(reply.text, TELEGRAM_TEXT_LIMIT - prefixLength) : [];
  if (pieces.length === 0) {
    if (!keyboard && !forceReply) return [];
    pieces = ['…'];
  }
  return pieces.map((piece, i) => {
    const first = i === 0;
    const last = i === pieces.length - 1;
    const text = `${first && mention ? `${mentionHtml(mention.userId, mention.name)}, ` : ''}${escapeHtml(piece)}`;
    const message: OutgoingMessage = { text, parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
    if (first && quote !== undefined) message.reply_parameters = { message_id: quote, allow_sending_without_reply: true };
    if (last && keyboard) message.reply_markup = keyboard;
    else if (last && forceReply) message.reply_markup = { force_reply: true, selective: true };
    return message;
  });
}

/**
 * splitText counts code points; Telegram counts UTF-16 code units, so a piece full of emoji is
 * split again until it fits.
 */
export function splitForTelegram(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  // Most replies are short: UTF-16 length within the limit means code points are too.
  if (text.length <= limit) return text.length > 0 ? [text] : [];
  return splitTextUtf16(text, limit);
}

/** Short labels (numbers, yes/no) share rows, up to four; longer ones get a row each. */
export function inlineKeyboard(choices: readonly Choice[]): InlineKeyboardMarkup {
  if (choices.length > MAX_BUTTONS)
    throw new RangeError(`a Telegram keyboard holds at most ${MAX_BUTTONS} buttons (got ${choices.length})`);
  const buttons: InlineKeyboardButton.CallbackButton[] = choices.map((c) => {
    const bytes = Buffer.byteLength(c.id, 'utf8');
    if (bytes < 1 || bytes > CALLBACK_DATA_LIMIT)
      throw new RangeError(`choice id "${c.id}" is ${bytes} bytes; Telegram callback_data takes 1–${CALLBACK_DATA_LIMIT}`);
    return { text: c.label.trim() || c.id, callback_data: c.id };
  });
  const short = buttons.every((b) => [...b.text].length <= 8);
  const perRow = short ? 4 : 1;
  const rows: InlineKeyboardButton.CallbackButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { inline_keyboard: rows };
}

/** A file's caption as HTML, cut (with …) to Telegram's 1,024 characters. */
export function renderCaption(caption: string): string {
  const trimmed = caption.trim();
  const fits =
    trimmed.length <= TELEGRAM_CAPTION_LIMIT ? trimmed : `${(splitForTelegram(trimmed, TELEGRAM_CAPTION_LIMIT - 1)[0] ?? '').trimEnd()}…`;
  return escapeHtml(fits);
}
