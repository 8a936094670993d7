import { createHash } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a reference read over the phone is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `BC-` and six base32 characters. */
export const REFERENCE_PATTERN = /^BC-[0-9A-HJKMNP-TV-Z]{6}$/;

/**
 * The reference number printed on a receipt, e.g. `BC-7K2Q9M` ("báo cáo"): the first 30 bits of
 * SHA-256 over `periodId|agencyId|revision`, in six characters of Crockford base32.
 *
 * It is derived, not stored: the same revision always gives the same reference, so a receipt can be
 * re-issued and a reference checked against the store without a lookup table. Thirty bits make a
 * clash between two revisions of one province's plan vanishingly unlikely (about 1 in 10⁵ for
 * 10 000 revisions in all), and a reference is only ever read together with the agency and period.
 */
export function referenceNumber(periodId: string, agencyId: string, revision: number): string {
  const digest = createHash('sha256').update(`${periodId}|${agencyId}|${revision}`, 'utf8').digest();
  // 30 bits from the first four bytes, five bits at a time.
  const bits = ((digest[0] ?? 0) << 22) | ((digest[1] ?? 0) << 14) | ((digest[2] ?? 0) << 6) | ((digest[3] ?? 0) >> 2);
  let out = '';
  for (let shift = 25; shift >= 0; shift -= 5) out += ALPHABET[(bits >>> shift) & 31];
  return `BC-${out}`;
}
