/**
 * What Telegram does with `parse_mode: HTML`: only its tags, properly nested; `<`, `>` and `&`
 * outside markup only as entities (`&lt; &gt; &amp; &quot;` or numeric). Returns the text as the
 * user sees it, or the error Telegram would answer with.
 */
const ALLOWED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
  'tg-time',
]);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const SPECIAL = /[<>&]/g;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*>/y;
const ENTITY = /&(?:([a-z]+)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/y;

export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const stack: string[] = [];
  const parts: string[] = [];
  const at = (i: number) => `byte offset ${Buffer.byteLength(html.slice(0, i))}`;
  let last = 0;
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(html); m; m = SPECIAL.exec(html)) {
    const i = m.index;
    if (i < last) continue;
    parts.push(html.slice(last, i));
    const c = m[0];
    if (c === '>') return { error: `Bad Request: can't parse entities: Unexpected character ">" at ${at(i)}` };
    if (c === '<') {
      TAG.lastIndex = i;
      const t = TAG.exec(html);
      if (!t) return { error: `Bad Request: can't parse entities: Unexpected character "<" at ${at(i)}` };
      const name = (t[2] as string).toLowerCase();
      if (!ALLOWED_TAGS.has(name)) return { error: `Bad Request: can't parse entities: Unsupported start tag "${name}" at ${at(i)}` };
      if (t[1]) {
        if (stack.pop() !== name) return { error: `Bad Request: can't parse entities: Unmatched end tag at ${at(i)}, found "</${name}>"` };
      } else stack.push(name);
      last = i + t[0].length;
    } else {
      ENTITY.lastIndex = i;
      const e = ENTITY.exec(html);
      const named = e?.[1];
      const code = e && named === undefined ? (e[2] !== undefined ? Number(e[2]) : parseInt(e[3] as string, 16)) : 0;
      if (!e || (named !== undefined && !(named in NAMED_ENTITIES)) || code > 0x10ffff)
        return { error: `Bad Request: can't parse entities: Character entity expected at ${at(i)}` };
      parts.push(named !== undefined ? (NAMED_ENTITIES[named] as string) : String.fromCodePoint(code));
      last = i + e[0].length;
    }
    SPECIAL.lastIndex = last;
  }
  parts.push(html.slice(last));
  if (stack.length > 0)
    return { error: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${stack.at(-1)}"` };
  return { text: parts.join('') };
}
