/** One option a person can pick: a button on Telegram, a numbered line elsewhere. */
export interface Choice {
  /** Short, stable id sent back when picked (Telegram callback_data: at most 64 bytes). */
  id: string;
  label: string;
}

/** Where a reply goes when it is not an answer in the same chat. */
export interface ReplyTarget {
  platform?: string;
  chatId: string;
}

/** A file sent with a reply: an export (document) or a chart (photo). */
export interface Attachment {
  kind: 'document' | 'photo';
  /** e.g. `bao-cao-2025-6-thang-20250619.xlsx`: plain ASCII, safe as a file name everywhere. */
  filename: string;
  mime: string;
  data: Uint8Array;
  caption?: string;
}

/** What the bot says. Plain text; each platform escapes and splits it to its own limits. */
export interface Reply {
  text: string;
  choices?: Choice[];
  /** Defaults to the chat the message came from. */
  to?: ReplyTarget;
  /** Files sent after the text (Telegram: as documents or photos; Zalo: as links). */
  attachments?: Attachment[];
  /**
   * A question the person answers by typing (a report step, "how many?"). In a Telegram group the
   * bot only sees commands and replies to its own messages (privacy mode), so such a reply is sent
   * with force_reply (selective: only the person asked) and the typed answer reaches the bot with
   * `Incoming.replyToBot`. Replies with `choices` need no flag: button presses always reach the bot.
   */
  expectsReply?: boolean;
}

export function reply(text: string, choices?: Choice[]): Reply {
  return choices && choices.length > 0 ? { text, choices } : { text };
}
