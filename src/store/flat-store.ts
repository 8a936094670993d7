import type { Agency } from '../domain/agency.js';
import type { AccountId, Role, RoleGrant } from '../domain/roles.js';
import type { NewSubmission, Submission } from '../domain/submission.js';
import type { Invite, RedeemResult } from '../domain/invite.js';
import type { ChatBinding } from '../domain/chat-binding.js';
import type { Delegation } from '../domain/delegation.js';
import type { AuditEntry } from '../domain/audit.js';
import type { Contact } from '../domain/contact.js';
import type { AdHocRequest } from '../domain/ad-hoc.js';
import type { Platform } from '../domain/roles.js';
import type { AgencySyncResult, DeliveryClaim, Store } from './store.js';

/**
 * What each implementation still is inside, one class with the old flat method names, until it is
 * split by port. `portsOver` below names which port each method serves; the contract of every one
 * is documented on its port (`ports/`), not here.
 */
export interface FlatStore {
  readonly kind: 'redis' | 'embedded';
  syncAgencies(agencies: readonly Agency[]): Promise<AgencySyncResult>;
  getAgency(id: string): Promise<Agency | undefined>;
  listAgencies(options?: { includeArchived?: boolean }): Promise<Agency[]>;
  grantRole(grant: RoleGrant): Promise<void>;
  revokeRole(account: AccountId, role: Role, agencyId?: string): Promise<boolean>;
  rolesOf(account: AccountId): Promise<RoleGrant[]>;
  agencyMembers(agencyId: string): Promise<RoleGrant[]>;
  holdersOf(role: Role): Promise<RoleGrant[]>;
  addSubmission(submission: NewSubmission): Promise<Submission>;
  latestSubmission(periodId: string, agencyId: string): Promise<Submission | undefined>;
  submissionHistory(periodId: string, agencyId: string): Promise<Submission[]>;
  latestSubmissions(periodId: string): Promise<Map<string, Submission>>;
  getConversation<T>(key: string): Promise<T | undefined>;
  putConversation<T>(key: string, state: T, ttlMs: number): Promise<void>;
  deleteConversation(key: string): Promise<void>;
  countConversations(kind: string): Promise<number>;
  claimOnce(key: string, token: string, ttlMs: number): Promise<boolean>;
  renewLease(key: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(key: string, owner: string): Promise<boolean>;
  markDone(key: string, detail?: string): Promise<boolean>;
  isDone(key: string): Promise<boolean>;
  claimUnlessDone(key: string, token: string, ttlMs: number): Promise<DeliveryClaim>;
  createInvite(invite: Invite): Promise<void>;
  getInvite(id: string): Promise<Invite | undefined>;
  redeemInvite(id: string, account: AccountId, at: number): Promise<RedeemResult>;
  revokeInvite(id: string, by: AccountId, at: number): Promise<boolean>;
  listOpenInvites(): Promise<Invite[]>;
  bindChat(binding: ChatBinding): Promise<void>;
  unbindChat(platform: Platform, chatId: string): Promise<boolean>;
  chatBinding(platform: Platform, chatId: string): Promise<ChatBinding | undefined>;
  listChatBindings(): Promise<ChatBinding[]>;
  setDelegation(delegation: Delegation): Promise<void>;
  getDelegation(agencyId: string): Promise<Delegation | undefined>;
  clearDelegation(agencyId: string): Promise<boolean>;
  getContact(account: AccountId): Promise<Contact | undefined>;
  putContact(contact: Contact): Promise<void>;
  getContacts(accounts: readonly AccountId[]): Promise<Map<AccountId, Contact>>;
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(limit: number): Promise<AuditEntry[]>;
  listAuditArchive(limit: number): Promise<AuditEntry[]>;
  hit(key: string, windowMs: number): Promise<number>;
  putAdHocRequest(request: AdHocRequest): Promise<void>;
  createAdHocRequest(request: AdHocRequest): Promise<boolean>;
  listAdHocRequests(): Promise<AdHocRequest[]>;
  getMeta(key: string): Promise<string | undefined>;
  getMetas(keys: readonly string[]): Promise<Map<string, string>>;
  setMeta(key: string, value: string): Promise<void>;
  ping(): Promise<number>;
  close(): Promise<void>;
}

/** The ports over a flat implementation. */
export function portsOver(flat: FlatStore): Store {
  return {
    kind: flat.kind,
    agencies: {
      sync: flat.syncAgencies.bind(flat),
      get: flat.getAgency.bind(flat),
      list: flat.listAgencies.bind(flat),
    },
    people: {
      grant: flat.grantRole.bind(flat),
      revoke: flat.revokeRole.bind(flat),
      rolesOf: flat.rolesOf.bind(flat),
      membersOf: flat.agencyMembers.bind(flat),
      holdersOf: flat.holdersOf.bind(flat),
    },
    reports: {
      add: flat.addSubmission.bind(flat),
      latest: flat.latestSubmission.bind(flat),
      history: flat.submissionHistory.bind(flat),
      latestOfPeriod: flat.latestSubmissions.bind(flat),
    },
    invites: {
      create: flat.createInvite.bind(flat),
      get: flat.getInvite.bind(flat),
      redeem: flat.redeemInvite.bind(flat),
      revoke: flat.revokeInvite.bind(flat),
      listOpen: flat.listOpenInvites.bind(flat),
    },
    delegations: {
      set: flat.setDelegation.bind(flat),
      get: flat.getDelegation.bind(flat),
      clear: flat.clearDelegation.bind(flat),
    },
    chats: {
      bind: flat.bindChat.bind(flat),
      unbind: flat.unbindChat.bind(flat),
      get: flat.chatBinding.bind(flat),
      list: flat.listChatBindings.bind(flat),
    },
    contacts: {
      get: flat.getContact.bind(flat),
      put: flat.putContact.bind(flat),
      getMany: flat.getContacts.bind(flat),
    },
    audit: {
      append: flat.appendAudit.bind(flat),
      list: flat.listAudit.bind(flat),
      listArchive: flat.listAuditArchive.bind(flat),
    },
    adHocRequests: {
      put: flat.putAdHocRequest.bind(flat),
      create: flat.createAdHocRequest.bind(flat),
      list: flat.listAdHocRequests.bind(flat),
    },
    conversations: {
      get: flat.getConversation.bind(flat),
      put: flat.putConversation.bind(flat),
      delete: flat.deleteConversation.bind(flat),
      count: flat.countConversations.bind(flat),
    },
    leases: {
      claim: flat.claimOnce.bind(flat),
      renew: flat.renewLease.bind(flat),
      release: flat.releaseLease.bind(flat),
    },
    firstClaims: {
      claim: flat.claimOnce.bind(flat),
    },
    deliveries: {
      claim: flat.claimUnlessDone.bind(flat),
      markDone: flat.markDone.bind(flat),
      isDone: flat.isDone.bind(flat),
    },
    hitCounters: {
      hit: flat.hit.bind(flat),
    },
    settings: {
      get: flat.getMeta.bind(flat),
      getMany: flat.getMetas.bind(flat),
      set: flat.setMeta.bind(flat),
    },
    ping: () => flat.ping(),
    close: () => flat.close(),
  };
}
