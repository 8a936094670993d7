import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OFFICE_HOURS,
  createWorkingCalendar,
  isInOfficeHours,
  nextOfficeTime,
  type OfficeHours,
} from '../../../src/domain/calendar/index.js';

const calendar = createWorkingCalendar();
/** An instant given in Hà Nội time, independent of the machine's TZ. */
const vn = (local: string) => Date.parse(`${local}:00+07:00`);

describe('is someone at the office? (Mon 16/6/2025)', () => {
  it.each([
    ['07:29', false],
    ['07:30', true],
    ['11:29', true],
    ['11:30', false],
    ['11:31', false],
    ['13:29', false],
    ['13:30', true],
    ['16:59', true],
    ['17:00', false],
    ['22:00', false],
  ])('at %s → %s', (time, expected) => {
    expect(isInOfficeHours(vn(`2025-06-16T${time}`), DEFAULT_OFFICE_HOURS, calendar)).toBe(expected);
  });

  it.each([
    ['Saturday 14/6/2025', '2025-06-14T09:00', false],
    ['Sunday 15/6/2025', '2025-06-15T09:00', false],
    ['Giỗ Tổ, Mon 7/4/2025', '2025-04-07T09:00', false],
    ['a Tết weekday, Wed 18/2/2026', '2026-02-18T09:00', false],
    ['the swapped Saturday 26/4/2025', '2025-04-26T09:00', true],
  ])('on %s at 09:00 → %s', (_story, at, expected) => {
    expect(isInOfficeHours(vn(at), DEFAULT_OFFICE_HOURS, calendar)).toBe(expected);
  });

  it('uses Hà Nội’s clock: 00:30 UTC is 07:30 in Vietnam', () => {
    expect(isInOfficeHours(Date.parse('2025-06-16T00:30:00Z'), DEFAULT_OFFICE_HOURS, calendar)).toBe(true);
    expect(isInOfficeHours(Date.parse('2025-06-16T00:29:00Z'), DEFAULT_OFFICE_HOURS, calendar)).toBe(false);
  });
});

describe('when to send a message that should not wake anybody', () => {
  it.each([
    ['inside office hours: right now', '2025-06-16T09:15', '2025-06-16T09:15'],
    ['before the morning: at 07:30', '2025-06-16T06:00', '2025-06-16T07:30'],
    ['over lunch: at 13:30', '2025-06-16T11:31', '2025-06-16T13:30'],
    ['Friday 17:05: Monday 07:30', '2025-06-13T17:05', '2025-06-16T07:30'],
    ['Saturday noon: Monday 07:30', '2025-06-14T12:00', '2025-06-16T07:30'],
    ['Friday 24/4/2025 evening: the swapped Saturday 26/4', '2025-04-24T18:00', '2025-04-25T07:30'],
    ['Friday 25/4/2025 evening: the swapped Saturday 26/4', '2025-04-25T18:00', '2025-04-26T07:30'],
    ['Tết eve 2026 (Mon 16/2): the first working day after Tết, Mon 23/2', '2026-02-16T10:00', '2026-02-23T07:30'],
    ['Tết eve 2025 (Tue 28/1): Mon 3/2', '2025-01-28T20:00', '2025-02-03T07:30'],
    ['the last working afternoon before Tết 2026, 16:00: right now', '2026-02-13T16:00', '2026-02-13T16:00'],
    ['the last working day before Tết 2026 at 17:00: Mon 23/2', '2026-02-13T17:00', '2026-02-23T07:30'],
  ])('%s', (_story, from, expected) => {
    expect(nextOfficeTime(vn(from), DEFAULT_OFFICE_HOURS, calendar)).toBe(vn(expected));
  });

  it('keeps the seconds of an instant already inside office hours', () => {
    const ms = Date.parse('2025-06-16T09:15:42.123+07:00');
    expect(nextOfficeTime(ms, DEFAULT_OFFICE_HOURS, calendar)).toBe(ms);
  });
});

describe('configurable hours', () => {
  const summer: OfficeHours = {
    windows: [
      { start: '14:00', end: '17:30' },
      { start: '07:00', end: '11:30' },
    ],
  };

  it('accepts windows in any order', () => {
    expect(isInOfficeHours(vn('2025-06-16T07:10'), summer, calendar)).toBe(true);
    expect(nextOfficeTime(vn('2025-06-16T12:00'), summer, calendar)).toBe(vn('2025-06-16T14:00'));
    expect(nextOfficeTime(vn('2025-06-16T17:30'), summer, calendar)).toBe(vn('2025-06-17T07:00'));
  });

  it.each<OfficeHours>([
    { windows: [] },
    { windows: [{ start: '7:30', end: '11:30' }] },
    { windows: [{ start: '11:30', end: '07:30' }] },
    { windows: [{ start: '07:60', end: '11:30' }] },
    { windows: [{ start: '07:30', end: '24:30' }] },
  ])('refuses %o', (hours) => {
    expect(() => isInOfficeHours(vn('2025-06-16T09:00'), hours, calendar)).toThrow(RangeError);
    expect(() => nextOfficeTime(vn('2025-06-16T09:00'), hours, calendar)).toThrow(RangeError);
  });

  it('allows a window running to midnight', () => {
    const late: OfficeHours = { windows: [{ start: '20:00', end: '24:00' }] };
    expect(isInOfficeHours(vn('2025-06-16T23:59'), late, calendar)).toBe(true);
    expect(nextOfficeTime(vn('2025-06-16T10:00'), late, calendar)).toBe(vn('2025-06-16T20:00'));
  });
});
