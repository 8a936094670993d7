import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, endOfLocalDay, isLocalDate, localDateAt, startOfLocalDay, weekday } from '../../src/domain/local-date.js';

describe('calendar days in Vietnam', () => {
  it('accepts only real dates', () => {
    expect(isLocalDate('2025-06-18')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-6-18')).toBe(false);
    expect(isLocalDate('18/06/2025')).toBe(false);
  });
  it('starts and ends a day at Hà Nội midnight (UTC+7, no daylight saving)', () => {
    expect(new Date(startOfLocalDay('2025-06-18')).toISOString()).toBe('2025-06-17T17:00:00.000Z');
    expect(new Date(endOfLocalDay('2025-06-18')).toISOString()).toBe('2025-06-18T16:59:59.999Z');
  });
  it('knows which day it is in Vietnam whatever the machine zone', () => {
    expect(localDateAt(Date.parse('2025-06-17T17:00:00Z'))).toBe('2025-06-18');
    expect(localDateAt(Date.parse('2025-06-17T16:59:59Z'))).toBe('2025-06-17');
  });
  it('adds days across months and years, and counts days between', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-06-10', '2025-06-18')).toBe(8);
    expect(daysBetween('2025-06-18', '2025-06-10')).toBe(-8);
  });
  it('names weekdays: 18/06/2025 is a Wednesday', () => {
    expect(weekday('2025-06-18')).toBe(3);
  });
});
