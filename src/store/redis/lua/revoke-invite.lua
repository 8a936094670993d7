-- Revokes an invite that is neither used nor revoked (expired or not).
-- KEYS: invite, open index. ARGV: id, at, JSON string of the revoker.
-- Loaded after read-invite.lua, whose readInvite it uses.
local json, invite = readInvite(KEYS[1])
if not json then return {'unknown'} end
if invite == 'corrupt' then return {'corrupt', json} end
if invite.usedAt ~= nil or invite.revokedAt ~= nil then return {'closed'} end
local revoked = string.sub(json, 1, -2) .. ',"revokedAt":' .. ARGV[2] .. ',"revokedBy":' .. ARGV[3] .. '}'
redis.call('SET', KEYS[1], revoked, 'KEEPTTL')
redis.call('ZREM', KEYS[2], ARGV[1])
return {'ok'}
