import { z } from 'zod';
import type { AdHocRequest } from '../domain/ad-hoc.js';
import type { Agency } from '../domain/agency.js';
import type { AuditEntry } from '../domain/audit.js';
import type { ChatBinding } from '../domain/chat-binding.js';
import type { Contact } from '../domain/contact.js';
import type { Delegation } from '../domain/delegation.js';
import type { Invite } from '../domain/invite.js';
import type { RoleGrant } from '../domain/roles.js';
import type { Submission } from '../domain/submission.js';

/**
 * The least a stored record must have to be read back, by either store: a value read from Redis
 * (which anyone with access can write) or from a damaged SQLite row that lacks it is logged and
 * skipped rather than trusted. Loose objects, so a
 * field added by a newer version passes through; what is written is checked by `records.ts`.
 */
const shapes = {
  agency: z.looseObject({ id: z.string(), name: z.string() }),
  grant: z.looseObject({ account: z.string(), role: z.string() }),
  submission: z.looseObject({ periodId: z.string(), agencyId: z.string(), revision: z.number(), answers: z.array(z.unknown()) }),
  invite: z.looseObject({ id: z.string(), kind: z.string(), createdAt: z.number(), expiresAt: z.number() }),
  chatBinding: z.looseObject({ platform: z.string(), chatId: z.string(), target: z.looseObject({}) }),
  adHocRequest: z.looseObject({ period: z.looseObject({ id: z.string(), agencyIds: z.array(z.unknown()) }), createdAt: z.number() }),
  delegation: z.looseObject({ agencyId: z.string(), startsOn: z.string(), endsOn: z.string() }),
  contact: z.looseObject({ account: z.string(), reachable: z.boolean() }),
  auditEntry: z.looseObject({ at: z.number(), action: z.string(), subject: z.string() }),
};

/** A type guard from a shape: true when the value has it (the value itself is kept, not a copy). */
const guard =
  <T>(shape: z.ZodType) =>
  (value: unknown): value is T =>
    shape.safeParse(value).success;

export const isAgency = guard<Agency>(shapes.agency);
export const isGrant = guard<RoleGrant>(shapes.grant);
export const isSubmission = guard<Submission>(shapes.submission);
export const isInvite = guard<Invite>(shapes.invite);
export const isChatBinding = guard<ChatBinding>(shapes.chatBinding);
export const isAdHocRequest = guard<AdHocRequest>(shapes.adHocRequest);
export const isDelegation = guard<Delegation>(shapes.delegation);
export const isContact = guard<Contact>(shapes.contact);
export const isAuditEntry = guard<AuditEntry>(shapes.auditEntry);

/**
 * A record read back from either store: the value when the JSON parses and has the shape, otherwise
 * undefined, for the caller to log where it found it and treat as absent (a corrupt value must not
 * fail a read of everything else).
 */
export function parseRecord<T>(json: string, isShape: (value: unknown) => value is T): T | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return isShape(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
