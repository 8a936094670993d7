-- KEYS[1]: the grants' state token; KEYS[2]: one role index hash.
-- The token and the index in one step, so the grants returned are exactly those of that state.
return { redis.call('GET', KEYS[1]) or false, redis.call('HVALS', KEYS[2]) }
