/**
 * Telegram's HTML parse mode: every `<`, `>` and `&` that is not markup must be written as an
 * entity. Our texts are plain (agency names, people's names and progress notes are whatever people
 * typed), so the whole text is escaped; no markup is ever built from user input.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Escapes text for a double-quoted HTML attribute (`href="…"`). */
export function escapeHtmlAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** A mention of a Telegram user by id that works without a username (a `text_mention` entity). */
export function mentionHtml(userId: string, name: string): string {
  return `<a href="tg://user?id=${escapeHtmlAttribute(userId)}">${escapeHtml(name)}</a>`;
}
