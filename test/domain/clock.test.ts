import { describe, expect, it } from 'vitest';
import { createShiftedClock } from '../../src/domain/clock.js';

describe('shifted clock (rehearsals)', () => {
  it('starts at the given instant and then runs at the real pace', () => {
    let real = 1_000_000;
    const clock = createShiftedClock(Date.parse('2025-06-13T07:59:30+07:00'), () => real);
    expect(clock.now()).toBe(Date.parse('2025-06-13T07:59:30+07:00'));
    real += 45_000;
    expect(new Date(clock.now()).toISOString()).toBe('2025-06-13T01:00:15.000Z');
  });
});
