import { createHash, randomBytes } from 'node:crypto';

/**
 * Invite codes: 128 random bits as base64url (22 characters of A–Z a–z 0–9 _ -), so a code fits a
 * Telegram deep link's start payload (≤ 64 characters of that alphabet) and cannot be guessed.
 */
export function generateInviteCode(): string {
  return randomBytes(16).toString('base64url');
}

/** What is stored instead of the code: a copy of the database gives no usable code. */
export function inviteIdOf(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** The first characters of a code, shown in lists to tell invites apart. */
export function inviteHint(code: string): string {
  return code.slice(0, 4);
}

/** Whether text has the shape of a code (checked before any store lookup or throttling). */
export function looksLikeInviteCode(text: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(text);
}
