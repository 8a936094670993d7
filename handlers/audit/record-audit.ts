import type { AuditAction } from '../../src/domain/audit.js';
import type { AccountId } from '../../src/domain/roles.js';
import type { Services } from '../services.js';

/** Writes one audit entry; every change to who may act for whom goes through here. */
export async function recordAudit(
  services: Services,
  actor: AccountId | 'system',
  action: AuditAction,
  subject: string,
  detail?: string,
): Promise<void> {
  await services.store.audit.append({ at: services.clock.now(), actor, action, subject, ...(detail ? { detail } : {}) });
}
