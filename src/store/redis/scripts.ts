// The store's Lua scripts (lua/), registered on the client as typed commands.
import type { Cluster, Redis } from 'ioredis';
import { loadLuaScripts } from './lua/load-lua-scripts.js';

const LUA = loadLuaScripts();

/** The Lua commands registered with `defineCommand`, which ioredis cannot type by itself. */
export interface StoreScripts {
  dondocAddSubmission(
    revisionsKey: string,
    latestKey: string,
    versionKey: string,
    changesKey: string,
    agencyId: string,
    jsonWithoutClosingBrace: string,
    changesKept: number,
  ): Promise<number>;
  dondocReleaseLease(leaseKey: string, owner: string): Promise<number>;
  dondocClaimOnce(leaseKey: string, token: string, ttlMs: number): Promise<number>;
  dondocRenewLease(leaseKey: string, owner: string, ttlMs: number): Promise<number>;
  dondocClaimUnlessDone(doneKey: string, leaseKey: string, token: string, ttlMs: number): Promise<number>;
  dondocCreateInvite(inviteKey: string, openKey: string, json: string, keepMs: number, createdAt: number, id: string): Promise<number>;
  dondocRedeemInvite(inviteKey: string, openKey: string, id: string, at: number, accountJson: string): Promise<[string, string?]>;
  dondocRevokeInvite(inviteKey: string, openKey: string, id: string, at: number, byJson: string): Promise<[string, string?]>;
  dondocPurgeOpenInvites(numberOfKeys: number, ...keysThenIds: string[]): Promise<number>;
  dondocAppendAudit(auditKey: string, archiveKey: string, json: string, cap: number): Promise<number>;
  dondocReadGrants(stateKey: string, indexKey: string): Promise<[string | null, string[]]>;
}

/** Registers every script on `redis` (before it connects) and returns it typed with them. */
export function defineStoreScripts(redis: Redis | Cluster): StoreScripts {
  redis.defineCommand('dondocAddSubmission', { numberOfKeys: 4, lua: LUA.addSubmission });
  redis.defineCommand('dondocReleaseLease', { numberOfKeys: 1, lua: LUA.releaseLease });
  redis.defineCommand('dondocClaimOnce', { numberOfKeys: 1, lua: LUA.claimOnce });
  redis.defineCommand('dondocRenewLease', { numberOfKeys: 1, lua: LUA.renewLease });
  redis.defineCommand('dondocClaimUnlessDone', { numberOfKeys: 2, lua: LUA.claimUnlessDone });
  redis.defineCommand('dondocCreateInvite', { numberOfKeys: 2, lua: LUA.createInvite });
  redis.defineCommand('dondocRedeemInvite', { numberOfKeys: 2, lua: LUA.redeemInvite });
  redis.defineCommand('dondocRevokeInvite', { numberOfKeys: 2, lua: LUA.revokeInvite });
  redis.defineCommand('dondocAppendAudit', { numberOfKeys: 2, lua: LUA.appendAudit });
  redis.defineCommand('dondocReadGrants', { numberOfKeys: 2, lua: LUA.readGrants });
  // The number of keys varies with the number of open invites, so it is the first argument.
  redis.defineCommand('dondocPurgeOpenInvites', { lua: LUA.purgeOpenInvites });
  return redis as unknown as StoreScripts;
}
