-- The outbox's claim (KEYS: ledger entry, delivery lease): 2 if the delivery is recorded done, else
-- CLAIM_ONCE_LUA's 1 or 0. One script, so no release can fall between the check and the claim.
if redis.call('EXISTS', KEYS[1]) == 1 then return 2 end
if redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end
if redis.call('GET', KEYS[2]) == ARGV[1] then return 1 end
return 0
