import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitText } from '../../src/messaging/split-text.js';

describe('splitting a long message to a platform limit', () => {
  it('leaves a short message alone', () => {
    expect(splitText('Kính gửi Sở Y tế.', 4096)).toEqual(['Kính gửi Sở Y tế.']);
  });

  it('cuts at line ends when it can, so no agency line is split', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${i + 1}. UBND xã Mường Kim — chưa báo cáo`);
    const pieces = splitText(lines.join('\n'), 2000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect([...p].length).toBeLessThanOrEqual(2000);
      for (const line of p.split('\n')) expect(line).toMatch(/^\d+\. UBND xã Mường Kim — chưa báo cáo$/);
    }
    expect(pieces.join('\n')).toBe(lines.join('\n'));
  });

  it('cuts a single over-long word only when it must', () => {
    expect(splitText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
  });

  it('never exceeds the limit, never splits a character, and keeps every word', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'ệ', 'Đ', ' ', '\n', '😀', 'x'), maxLength: 400 }),
        fc.integer({ min: 1, max: 60 }),
        (text, limit) => {
          const pieces = splitText(text, limit);
          for (const p of pieces) expect([...p].length).toBeLessThanOrEqual(limit);
          expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        },
      ),
    );
  });

  it('cuts a text, with or without emoji, exactly where cutting it character by character would', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'ệ', 'Đ', ' ', '\n', '😀', 'x', '.'), maxLength: 600 }),
        fc.integer({ min: 1, max: 80 }),
        (text, limit) => {
          expect(splitText(text, limit)).toEqual(characterByCharacter(text, limit));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('splitting a long message without emoji (one UTF-16 unit per character)', () => {
  it('cuts exactly where cutting it character by character would, whatever the whitespace', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'ệ', 'Đ', ' ', '\n', '\t', '\u00a0', '\u3000', '\r', 'x', '.'), maxLength: 600 }),
        fc.integer({ min: 1, max: 80 }),
        (text, limit) => {
          expect(splitText(text, limit)).toEqual(characterByCharacter(text, limit));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('cuts a /status-sized page of agency lines at line ends, as before', () => {
    const page = ['Tiến độ', '', ...Array.from({ length: 120 }, (_, i) => `${i + 1}. UBND xã Mường Kim — Thủ trưởng: Lò Văn Tài`)].join(
      '\n',
    );
    expect(splitText(page, 4096)).toEqual(characterByCharacter(page, 4096));
  });
});

/** The cut as first written, over an array of code points (the reference the faster cut must match). */
function characterByCharacter(text: string, limit: number): string[] {
  const chars = Array.from(text);
  if (chars.length <= limit) return text.length > 0 ? [text] : [];
  const pieces: string[] = [];
  let start = 0;
  while (chars.length - start > limit) {
    const window = chars.slice(start, start + limit + 1);
    const atLeast = Math.floor(limit / 2);
    const find = (test: (i: number) => boolean): number => {
      for (let i = limit; i > atLeast; i--) if (test(i)) return i;
      return -1;
    };
    const paragraph = find((i) => window[i - 1] === '\n' && window[i - 2] === '\n');
    const line = find((i) => window[i] === '\n' || window[i - 1] === '\n');
    const word = find((i) => /\s/u.test(window[i] ?? ''));
    const cut = paragraph > 0 ? paragraph : line > 0 ? line : word > 0 ? word : limit;
    const piece = chars
      .slice(start, start + cut)
      .join('')
      .replace(/\s+$/u, '');
    if (piece.length > 0) pieces.push(piece);
    start += cut;
    while (start < chars.length && /\s/u.test(chars[start] ?? '')) start++;
  }
  const rest = chars.slice(start).join('').replace(/\s+$/u, '');
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}
