import type { AccountId } from './roles.js';

/** Every change to who may act for whom is written down: who did what, to whom, when. */
export const AUDIT_ACTIONS = [
  'invite.created',
  'invite.redeemed',
  'invite.revoked',
  'invite.leaked',
  'role.granted',
  'role.revoked',
  'chat.bound',
  'chat.unbound',
  'delegation.set',
  'delegation.ended',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  at: number;
  actor: AccountId | 'system';
  action: AuditAction;
  /** What it was done to: an agency, an account, a chat, an invite hint. */
  subject: string;
  /** A short human-readable detail, in Vietnamese. */
  detail?: string;
}
