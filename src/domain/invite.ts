import type { AccountId } from './roles.js';

/**
 * What an invite grants when redeemed:
 * - `head`, `deputy`: a person acting for an agency (redeemed in a private chat);
 * - `coordinator`: a Sở Nội vụ coordinator (private chat);
 * - `agency-group`: binds the group it is sent in to an agency (`/lienket CODE` in the group);
 * - `coordinator-group`: makes the group it is sent in the coordinators' chat;
 * - `account-link`: gives the person's second app account (Zalo or Telegram) the same roles.
 */
export const INVITE_KINDS = ['head', 'deputy', 'coordinator', 'agency-group', 'coordinator-group', 'account-link'] as const;
export type InviteKind = (typeof INVITE_KINDS)[number];

export function isGroupInvite(kind: InviteKind): boolean {
  return kind === 'agency-group' || kind === 'coordinator-group';
}

/** Default lifetime of an invite. */
export const INVITE_TTL_MS = 7 * 24 * 3_600_000;

/** A code to pair one's own second account is typed minutes later on the other phone app. */
export const ACCOUNT_LINK_TTL_MS = 30 * 60_000;

/**
 * An invite as stored. The code itself is never stored: only its hash (the id) and its first
 * characters (the hint, to tell invites apart in a list) — a copy of the database holds no usable code.
 */
export interface Invite {
  /** SHA-256 of the code, hex. */
  id: string;
  /** The code's first 4 characters, shown in lists and used to revoke. */
  hint: string;
  kind: InviteKind;
  /** The agency for head, deputy and agency-group invites. */
  agencyId?: string;
  createdBy: AccountId;
  createdAt: number;
  expiresAt: number;
  usedBy?: AccountId;
  usedAt?: number;
  revokedAt?: number;
  revokedBy?: AccountId;
}

export type InviteState = 'pending' | 'used' | 'expired' | 'revoked';

export function inviteState(invite: Invite, nowMs: number): InviteState {
  if (invite.usedAt !== undefined) return 'used';
  if (invite.revokedAt !== undefined) return 'revoked';
  if (nowMs >= invite.expiresAt) return 'expired';
  return 'pending';
}

/** Result of trying to redeem a code; the store decides it atomically so a code works once. */
export type RedeemResult =
  { ok: true; invite: Invite } | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'revoked'; invite?: Invite };
