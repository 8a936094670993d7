import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REFERENCE_PATTERN, referenceNumber } from '../../../src/domain/report/reference.js';

describe('reference numbers', () => {
  it('are BC- and six unambiguous characters, the same for the same revision', () => {
    const ref = referenceNumber('2025-6-thang', 'so-y-te', 1);
    expect(ref).toMatch(REFERENCE_PATTERN);
    expect(referenceNumber('2025-6-thang', 'so-y-te', 1)).toBe(ref);
    expect(ref).not.toMatch(/[ILOU]/);
  });
  it('differ between revisions, agencies and periods', () => {
    const refs = new Set<string>();
    for (const period of ['2025-6-thang', '2025-ca-nam'])
      for (let agency = 0; agency < 60; agency++)
        for (let rev = 1; rev <= 10; rev++) refs.add(referenceNumber(period, `agency-${agency}`, rev));
    expect(refs.size).toBe(2 * 60 * 10);
  });
  it('always fit the pattern', () => {
    fc.assert(fc.property(fc.string(), fc.string(), fc.nat(), (p, a, r) => REFERENCE_PATTERN.test(referenceNumber(p, a, r))));
  });
});
