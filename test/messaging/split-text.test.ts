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
});
