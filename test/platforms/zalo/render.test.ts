import { describe, expect, it } from 'vitest';
import { matchChoice, renderZaloText, ZALO_TEXT_LIMIT } from '../../../src/platforms/zalo/render.js';
import { isZaloUpdate, translateZaloUpdate, unwrapWebhookBody, updateKey } from '../../../src/platforms/zalo/translate.js';
import type { ZaloUpdate } from '../../../src/platforms/zalo/client.js';

const choices = [
  { id: 'st:1:d', label: 'Hoàn thành' },
  { id: 'st:1:p', label: 'Đang thực hiện' },
  { id: 'st:1:n', label: 'Chưa thực hiện' },
];

describe('Zalo rendering: plain text, numbered options, 2,000 characters', () => {
  it('lists options by number under the text, with how to answer', () => {
    const [text] = renderZaloText({ text: 'Mục 1: tiến độ?', choices });
    expect(text).toBe(
      'Mục 1: tiến độ?\n\n1. Hoàn thành\n2. Đang thực hiện\n3. Chưa thực hiện\nTrả lời bằng số (1–3) hoặc nội dung lựa chọn.',
    );
  });

  it('splits long text at 2,000 characters, the options on the last piece', () => {
    const long = Array.from({ length: 500 }, (_, i) => `dòng ${i} của báo cáo`).join('\n');
    const pieces = renderZaloText({ text: long, choices });
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    expect(pieces.at(-1)).toContain('3. Chưa thực hiện');
    expect(pieces.join('\n')).toContain('dòng 499 của báo cáo');
    // emoji count double in UTF-16: still within the limit
    for (const p of renderZaloText({ text: '📊'.repeat(3000) })) expect(p.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    expect(renderZaloText({ text: '   ' })).toEqual([]);
  });

  it('maps a typed number or the option text (with or without diacritics) back to the option', () => {
    expect(matchChoice('2', choices)?.id).toBe('st:1:p');
    expect(matchChoice(' 3. ', choices)?.id).toBe('st:1:n');
    expect(matchChoice('hoan thanh', choices)?.id).toBe('st:1:d');
    expect(matchChoice('Đang thực hiện', choices)?.id).toBe('st:1:p');
    expect(matchChoice('4', choices)).toBeUndefined();
    expect(matchChoice('/huy', choices)).toBeUndefined();
    expect(matchChoice('xong rồi', choices)).toBeUndefined();
  });
});

const update = (over: Partial<ZaloUpdate['message']> = {}, event = 'message.text.received'): ZaloUpdate => ({
  event_name: event,
  message: {
    message_id: 'abc123',
    date: 1,
    text: '/kyhan',
    from: { id: 'f00d', display_name: 'Lò Thị Mai' },
    chat: { id: 'f00d', chat_type: 'PRIVATE' },
    ...over,
  },
});

describe('Zalo updates', () => {
  it('translates a text message in a private chat', () => {
    const t = translateZaloUpdate(update(), 5);
    expect(t).toEqual({
      kind: 'incoming',
      incoming: {
        platform: 'zalo',
        updateId: 'message.text.received:abc123',
        chat: { id: 'f00d', kind: 'private' },
        sender: { account: 'zalo:f00d', name: 'Lò Thị Mai' },
        content: { type: 'text', text: '/kyhan' },
        receivedAt: 5,
      },
    });
    expect(updateKey(update())).toBe('message.text.received:abc123');
  });

  it('groups as groups; images, stickers and the rest as unsupported (a caption is text); bots ignored', () => {
    const g = translateZaloUpdate(update({ chat: { id: 'g1', chat_type: 'GROUP' } }), 0);
    expect(g.kind === 'incoming' && g.incoming.chat.kind).toBe('group');
    const img = translateZaloUpdate(update({ text: undefined, photo_url: 'https://x/y.jpg' }, 'message.image.received'), 0);
    expect(img.kind === 'incoming' && img.incoming.content).toEqual({ type: 'unsupported', what: 'photo' });
    const captioned = translateZaloUpdate(update({ text: undefined, caption: '/kyhan' }, 'message.image.received'), 0);
    expect(captioned.kind === 'incoming' && captioned.incoming.content).toEqual({ type: 'text', text: '/kyhan' });
    const sticker = translateZaloUpdate(update({ text: undefined, sticker: 's1' }, 'message.sticker.received'), 0);
    expect(sticker.kind === 'incoming' && sticker.incoming.content.type).toBe('unsupported');
    expect(translateZaloUpdate(update({ from: { id: 'b0', is_bot: true } }), 0).kind).toBe('ignore');
    expect(translateZaloUpdate(update({}, 'user.follow'), 0).kind).toBe('ignore');
    const named = translateZaloUpdate(update({ from: { id: 'f00d', first_name: 'Mai' } }), 0);
    expect(named.kind === 'incoming' && named.incoming.sender.name).toBe('Mai');
    // A name of the wrong type (the webhook checks only the ids) is no name, rather than a failed update.
    const odd = translateZaloUpdate(update({ from: { id: 'f00d', display_name: 42 as unknown as string } }), 0);
    expect(odd.kind === 'incoming' && odd.incoming.sender.name).toBe('zalo:f00d');
    // Ids become parts of store keys: a forged 10,000-character chat id is not one.
    expect(translateZaloUpdate(update({ chat: { id: 'x'.repeat(10_000), chat_type: 'PRIVATE' } }), 0)).toEqual({
      kind: 'ignore',
      reason: 'chat id not usable',
    });
  });

  it('accepts a webhook body as the update itself or wrapped in result', () => {
    expect(unwrapWebhookBody(update())).toEqual(update());
    expect(unwrapWebhookBody({ ok: true, result: update() })).toEqual(update());
    expect(unwrapWebhookBody({ result: { event_name: 'x' } })).toBeUndefined();
    expect(isZaloUpdate({ update_id: 1 })).toBe(false);
  });
});
