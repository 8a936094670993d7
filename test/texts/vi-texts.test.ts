import { describe, expect, it } from 'vitest';
import type { InputProblem } from '../../src/domain/report/answers.js';
import type { Period } from '../../src/domain/period.js';
import { vi } from '../../src/texts/vi.js';

/**
 * Every text the bot sends in Vietnamese, rendered with sample values and read as an official
 * letter would be proofread: no word or punctuation mark twice in a row, no empty or unfilled
 * placeholder, no Vietnamese word typed without its diacritics. Functions are called with a
 * universal sample (a name where a string is read, 3 where a number is, a list of two where a list
 * is); those that need real dates or cases get explicit samples below.
 */
const PERIOD: Period = {
  id: '2025-6-thang',
  campaignId: 'thi-dua-2025',
  kind: 'half-year-1',
  name: 'sơ kết 6 tháng đầu năm 2025',
  cutoff: { from: '2024-12-15', to: '2025-06-14' },
  deadline: '2025-06-18',
  opensOn: '2025-06-01',
};
const PROBLEMS: InputProblem[] = [
  { kind: 'empty' },
  { kind: 'not-understood' },
  { kind: 'percent-not-number' },
  { kind: 'percent-not-whole' },
  { kind: 'percent-negative' },
  { kind: 'percent-over', value: 120 },
  { kind: 'status-conflict', status: 'done', percent: 50 },
  { kind: 'quantity-not-number' },
  { kind: 'quantity-negative' },
  { kind: 'quantity-not-whole' },
  { kind: 'quantity-too-large' },
  { kind: 'quantity-not-asked', itemNo: 1 },
  { kind: 'note-too-long', length: 630, max: 500 },
  { kind: 'nothing-to-keep' },
  { kind: 'unknown-item', itemNo: 8, max: 7 },
  { kind: 'duplicate-item', itemNo: 2 },
  { kind: 'no-item-number', line: 'xong hết' },
  { kind: 'stray-number', text: '2' },
  { kind: 'leftover', text: '12' },
  { kind: 'two-statuses' },
  { kind: 'percent-in-note', text: 'giải ngân 40% kinh phí' },
  { kind: 'item-in-note', itemNo: 5, text: 'phối hợp với Sở 5 hoàn thành' },
  { kind: 'choice-out-of-range', max: 3 },
  { kind: 'resume-choice' },
];

const AT = Date.parse('2025-06-10T08:00:00+07:00');
const LIST_METHODS = new Set(['map', 'filter', 'join', 'slice', 'forEach', 'some', 'every', 'flatMap', 'reduce', 'concat']);

/** A value that reads as a Vietnamese name, 3, or a list of two such values, as the code asks. */
const NAME = 'Sở Y tế';
function sample(): unknown {
  const target = function () {
    return undefined;
  };
  return new Proxy(target, {
    get(_t, key) {
      // In a template a name; compared or counted 3; as a time (new Date(x)) 08:00 10/06/2025.
      if (key === Symbol.toPrimitive) return (hint: string) => (hint === 'number' ? 3 : hint === 'default' ? AT : NAME);
      if (key === 'toString') return () => NAME;
      if (key === 'length') return 3;
      if (typeof key === 'string' && LIST_METHODS.has(key)) {
        const list = [sample(), sample()];
        const member = (list as unknown as Record<string, unknown>)[key];
        return typeof member === 'function' ? (member.bind(list) as unknown) : member;
      }
      if (key === Symbol.iterator)
        return function* () {
          yield sample();
          yield sample();
        };
      return sample();
    },
    apply: () => sample(),
  });
}

/** Explicit samples for texts that need real values (dates, cases). */
const EXPLICIT: Record<string, unknown[][]> = {
  'report.problem': PROBLEMS.map((p) => [p]),
  'report.statusNames': [],
  'progress.day': [['2025-06-18']],
  periodBlock: [[{ period: PERIOD, campaign: 'Phong trào thi đua năm 2025', legalBasis: 'Chỉ thị số 09/CT-UBND ngày 31/12/2024' }]],
};

interface Rendered {
  path: string;
  text: string;
}

function render(value: unknown, path: string, out: Rendered[], failures: string[]): void {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (typeof value === 'function') {
    const calls = EXPLICIT[path] ?? [Array.from({ length: Math.max(1, value.length) }, sample)];
    for (const args of calls) {
      try {
        const result: unknown = (value as (...a: unknown[]) => unknown)(...args);
        if (typeof result === 'string') out.push({ path, text: result });
        else if (result !== undefined && typeof result !== 'object') failures.push(`${path}: returned ${typeof result}`);
        else if (result === undefined) failures.push(`${path}: returned nothing`);
      } catch (err) {
        failures.push(`${path}: needs an explicit sample (${err instanceof Error ? err.message : String(err)})`);
      }
    }
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) render(v, path ? `${path}.${key}` : key, out, failures);
  }
}

/** Vietnamese words people type without diacritics; in the bot's own text they must carry them. */
// Only words that are never right without their marks ("ngay", "nam", "dang" are words too).
const ASCII_VIETNAMESE =
  /\b(?:bao cao|hoan thanh|thuc hien|ky han|noi dung|dong chi|co quan|don vi|ghi chu|so luong|tien do|xac nhan|duyet|thang|han gui|kinh gui|de nghi|tong hop|chua|duoc|nhan|nhac|trang thai|thu truong)\b/i;

/** Prose without what is quoted to be typed ("6 thang"), commands, codes and links. */
const prose = (text: string) => text.replace(/"[^"]*"|“[^”]*”|\/[a-z_]+(?: [a-z0-9_-]+)?|\b[\w-]*\d[\w-]*\b|https?:\S+/g, ' ');
const ENGLISH = /\b(?:the|and|please|error|report|done|pending|draft|deadline|period|agency|item|items|status|cancel|confirm)\b/i;

/** What a proofreader would mark in one text; empty when it reads as an official letter should. */
function proofread(text: string): string[] {
  const marks: string[] = [];
  for (const line of text.split('\n')) {
    const doubled = /(?<![\p{L}\d])(\p{L}+)\s+\1(?![\p{L}\d])/iu.exec(line);
    if (doubled && !/^(?:từng|các|mỗi)$/i.test(doubled[1] ?? '')) marks.push(`doubled word "${doubled[0]}"`);
    if (/([.,;:!?])\s*\1/.test(line.replace(/\.\.\.|…/g, ''))) marks.push('doubled punctuation');
    if (/\s[.,;:](?!\d)/.test(line.replace(/ \/[a-z]/g, ''))) marks.push('space before punctuation');
  }
  if (/undefined|null|NaN|\[object |\$\{|\(\s*\)|""|“”|function \(/.test(text)) marks.push('empty or unfilled placeholder');
  const ascii = ASCII_VIETNAMESE.exec(prose(text));
  if (ascii) marks.push(`"${ascii[0]}" without diacritics`);
  const english = ENGLISH.exec(prose(text));
  if (english) marks.push(`English word "${english[0]}"`);
  return marks;
}

describe('every Vietnamese text, rendered with sample values', () => {
  const rendered: Rendered[] = [];
  const failures: string[] = [];
  render(vi, '', rendered, failures);

  it('renders every text (a new text that needs real values gets an explicit sample here)', () => {
    expect(failures).toEqual([]);
    expect(rendered.length).toBeGreaterThan(150);
  });

  it('reads as official correspondence: no doubled words or punctuation, no empty placeholder, no unaccented Vietnamese, no English', () => {
    const problems = rendered.flatMap(({ path, text }) => proofread(text).map((m) => `${path}: ${m} in: ${text}`));
    expect(problems).toEqual([]);
  });

  it('the proofreader itself marks what it should', () => {
    expect(proofread('Kính gửi gửi đồng chí')).toEqual(['doubled word "gửi gửi"']);
    expect(proofread('Đã nhận báo cáo..')).toEqual(['doubled punctuation']);
    expect(proofread('Hạn gửi: undefined')).toEqual(['empty or unfilled placeholder']);
    expect(proofread('Kính gửi đồng chí ,')).toEqual(['space before punctuation']);
    expect(proofread('Đề nghị gửi bao cao.')).toEqual(['"bao cao" without diacritics']);
    expect(proofread('Đã nhận report.')).toEqual(['English word "report"']);
    expect(proofread('Gõ "tiep tuc" hoặc /baocao 2025-6-thang.')).toEqual([]);
  });
});
