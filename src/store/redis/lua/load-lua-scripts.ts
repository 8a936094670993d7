import { readFileSync } from 'node:fs';

/** The Redis store's scripts, read once from the `.lua` files beside this module (copied into dist/ by the build). */
export interface LuaScripts {
  addSubmission: string;
  releaseLease: string;
  claimOnce: string;
  claimUnlessDone: string;
  renewLease: string;
  createInvite: string;
  redeemInvite: string;
  revokeInvite: string;
  purgeOpenInvites: string;
  appendAudit: string;
  readGrants: string;
}

const read = (name: string) => readFileSync(new URL(`./${name}.lua`, import.meta.url), 'utf8');

export function loadLuaScripts(): LuaScripts {
  // Redeeming and revoking read the invite the same way: the shared reader goes first.
  const readInvite = read('read-invite');
  return {
    addSubmission: read('add-submission'),
    releaseLease: read('release-lease'),
    claimOnce: read('claim-once'),
    claimUnlessDone: read('claim-unless-done'),
    renewLease: read('renew-lease'),
    createInvite: read('create-invite'),
    redeemInvite: `${readInvite}\n${read('redeem-invite')}`,
    revokeInvite: `${readInvite}\n${read('revoke-invite')}`,
    purgeOpenInvites: read('purge-open-invites'),
    appendAudit: read('append-audit'),
    readGrants: read('read-grants'),
  };
}
