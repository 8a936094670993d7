import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, mentionHtml } from '../../../src/platforms/telegram/html.js';
import {
  inlineKeyboard,
  renderCaption,
  renderReply,
  splitForTelegram,
  TELEGRAM_TEXT_LIMIT,
} from '../../../src/platforms/telegram/render.js';
import { parseTelegramHtml } from '../../fake-telegram/html-check.js';

const plain = (html: string) => {
  const parsed = parseTelegramHtml(html);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.text;
};

describe('HTML for Telegram', () => {
  it('escapes what people typed so Telegram reads it as text', () => {
    expect(escapeHtml('Sở <Y tế> & "Dân số"')).toBe('Sở &lt;Y tế&gt; &amp; "Dân số"');
    expect(plain(escapeHtml('a < b && c > d <b>not bold</b>'))).toBe('a < b && c > d <b>not bold</b>');
    expect(plain(mentionHtml('42', 'Lò Văn <A>'))).toBe('Lò Văn <A>');
  });

  it('any text, escaped, is accepted by Telegram and reads back unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(plain(escapeHtml(text))).toBe(text);
      }),
    );
  });

  it('the fake rejects what Telegram rejects', () => {
    expect(parseTelegramHtml('a < b')).toHaveProperty('error');
    expect(parseTelegramHtml('AT&T')).toHaveProperty('error');
    expect(parseTelegramHtml('<div>x</div>')).toHaveProperty('error');
    expect(parseTelegramHtml('<b>x</i>')).toHaveProperty('error');
    expect(parseTelegramHtml('<b>x')).toHaveProperty('error');
    expect(parseTelegramHtml('<b>đậm</b> &amp; &#272;')).toEqual({ text: 'đậm & Đ' });
  });
});

describe('renderReply', () => {
  it('a plain reply in private: escaped HTML, no preview, nothing else', () => {
    expect(renderReply({ text: 'Hạn <18/6>' }, { chatKind: 'private', replyToMessageId: 5 })).toEqual([
      { text: 'Hạn &lt;18/6&gt;', parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
    ]);
  });

  it('splits at 4,096 characters, keyboard on the last piece, quote on the first (in a group)', () => {
    const long = Array.from({ length: 600 }, (_, i) => `Dòng ${i}: Sở Y tế đã báo cáo & <đúng hạn>.`).join('\n');
    const messages = renderReply({ text: long, choices: [{ id: 'a', label: 'Đồng ý' }] }, { chatKind: 'group', replyToMessageId: 9 });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(plain(m.text).length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(messages.map((m) => plain(m.text)).join('\n')).toBe(long);
    expect(messages[0]?.reply_parameters).toEqual({ message_id: 9, allow_sending_without_reply: true });
    expect(messages.slice(1).every((m) => m.reply_parameters === undefined)).toBe(true);
    expect(messages.at(-1)?.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Đồng ý', callback_data: 'a' }]] });
    expect(messages.slice(0, -1).every((m) => m.reply_markup === undefined)).toBe(true);
  });

  it('counts UTF-16 units as Telegram does: emoji-heavy text still fits', () => {
    const pieces = splitForTelegram('😀'.repeat(5000));
    expect(pieces.every((p) => p.length <= TELEGRAM_TEXT_LIMIT)).toBe(true);
    expect(pieces.join('')).toBe('😀'.repeat(5000));
  });

  it('a question in a group asks with a selective force_reply to the person quoted', () => {
    const [m] = renderReply(
      { text: 'Tỷ lệ hoàn thành (%)?', expectsReply: true },
      { chatKind: 'group', replyToMessageId: 12, addressee: { userId: '7', name: 'An' } },
    );
    expect(m?.reply_markup).toEqual({ force_reply: true, selective: true });
    expect(m?.reply_parameters?.message_id).toBe(12);
    expect(plain(m?.text ?? '')).toBe('Tỷ lệ hoàn thành (%)?');
  });

  it('with no message to quote (after a button), the question mentions the person so force_reply targets them', () => {
    const [m] = renderReply(
      { text: 'Số hội nghị?', expectsReply: true },
      { chatKind: 'group', addressee: { userId: '7', name: 'Lò <A>' } },
    );
    expect(m?.text).toBe('<a href="tg://user?id=7">Lò &lt;A&gt;</a>, Số hội nghị?');
    expect(m?.reply_markup).toEqual({ force_reply: true, selective: true });
  });

  it('a mention never pushes the first piece past 4,096: a name longer than Telegram allows is cut, emoji counted twice', () => {
    // A 6,000-character name once made the limit negative: splitText threw and the question was never sent.
    const huge = renderReply(
      { text: 'Số hội nghị?', expectsReply: true },
      { chatKind: 'group', addressee: { userId: '7', name: 'Nguyễn'.repeat(1000) } },
    );
    expect(huge).toHaveLength(1);
    expect(plain(huge[0]?.text ?? '')).toMatch(/^(Nguyễn)+Ng?u?, Số hội nghị\?$/);
    const emoji = renderReply(
      { text: 'x'.repeat(4090), expectsReply: true },
      { chatKind: 'group', addressee: { userId: '7', name: '😀'.repeat(60) } },
    );
    for (const m of emoji) expect(plain(m.text).length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
  });

  it('in private a question needs no force_reply; buttons win over force_reply', () => {
    expect(renderReply({ text: 'Số?', expectsReply: true }, { chatKind: 'private' })[0]?.reply_markup).toBeUndefined();
    expect(
      renderReply({ text: 'Chọn', expectsReply: true, choices: [{ id: 'x', label: 'X' }] }, { chatKind: 'group' })[0]?.reply_markup,
    ).toHaveProperty('inline_keyboard');
  });

  it('short labels share rows of four; long ones get a row each; callback_data over 64 bytes is refused', () => {
    const numbers = inlineKeyboard(['1', '2', '3', '4', '5'].map((n) => ({ id: n, label: n })));
    expect(numbers.inline_keyboard.map((r) => r.length)).toEqual([4, 1]);
    const long = inlineKeyboard([
      { id: 'a', label: 'Hoàn thành' },
      { id: 'b', label: 'Đang thực hiện' },
    ]);
    expect(long.inline_keyboard.map((r) => r.length)).toEqual([1, 1]);
    expect(() => inlineKeyboard([{ id: 'đ'.repeat(33), label: 'x' }])).toThrow(/66 bytes/);
  });

  it('an empty text renders nothing; a caption is cut to 1,024 characters', () => {
    expect(renderReply({ text: '  ' }, { chatKind: 'private' })).toEqual([]);
    expect(plain(renderCaption('x'.repeat(2000))).length).toBeLessThanOrEqual(1024);
    expect(renderCaption('Biểu đồ <6 tháng>')).toBe('Biểu đồ &lt;6 tháng&gt;');
  });
});
