-- Redeems an invite in one step, deciding as `redeemOutcome` in records.ts does (used, revoked, then
-- expired at `at`). The used fields are appended to the stored JSON rather than re-encoded, which
-- keeps the caller's JSON byte for byte; KEEPTTL keeps the invite's retention.
-- KEYS: invite, open index. ARGV: id, at, JSON string of the account.
-- Loaded after read-invite.lua, whose readInvite it uses.
local json, invite = readInvite(KEYS[1])
if not json then return {'unknown'} end
if invite == 'corrupt' then return {'corrupt', json} end
if invite.usedAt ~= nil then return {'used', json} end
if invite.revokedAt ~= nil then return {'revoked', json} end
if tonumber(ARGV[2]) >= invite.expiresAt then return {'expired', json} end
local used = string.sub(json, 1, -2) .. ',"usedBy":' .. ARGV[3] .. ',"usedAt":' .. ARGV[2] .. '}'
redis.call('SET', KEYS[1], used, 'KEEPTTL')
redis.call('ZREM', KEYS[2], ARGV[1])
return {'ok', used}
