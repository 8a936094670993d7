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

/** What the bot says. Plain text; each platform escapes and splits it to its own limits. */
export interface Reply {
  text: string;
  choices?: Choice[];
  /** Defaults to the chat the message came from. */
  to?: ReplyTarget;
}

export function reply(text: string, choices?: Choice[]): Reply {
  return choices && choices.length > 0 ? { text, choices } : { text };
}
