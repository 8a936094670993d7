import { replyLanguage, type Incoming } from '../../messaging/incoming.js';
import type { Reply } from '../../messaging/reply.js';
import { textsFor } from '../../texts/index.js';

/**
 * Whether the sender of an update that could not be handled is owed an answer: in a private chat
 * always, in a group only for what was addressed to the bot (a command, a button press). Group
 * chatter stays unanswered when it fails, as it would be anyway.
 */
export function owesFailureNotice(incoming: Incoming, pressed = false): boolean {
  return incoming.chat.kind === 'private' || pressed || (incoming.content.type === 'text' && incoming.content.text.startsWith('/'));
}

/**
 * What the sender of a failed update is told ("chưa xử lý được, đề nghị gửi lại"), so that an
 * update lost to a fault (the store unreachable past the client's retries) is never met with
 * silence: the person knows to send it again.
 */
export function failureNotice(incoming: Incoming): Reply {
  return { text: textsFor(replyLanguage(incoming)).notProcessed };
}
