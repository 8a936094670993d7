-- Numbers a revision and stores it in one step, so concurrent reports never share a number. The
-- client sends the JSON without its closing brace; the script appends the revision and closes it,
-- which spares Lua from decoding and re-encoding (and reordering) the caller's JSON. It also bumps
-- the period's version and notes which agency changed, so readers refresh only what changed.
-- ARGV: agency id, the JSON without its closing brace, how many changes to keep.
local revision = redis.call('LLEN', KEYS[1]) + 1
local json = ARGV[2] .. ',"revision":' .. revision .. '}'
redis.call('RPUSH', KEYS[1], json)
redis.call('HSET', KEYS[2], ARGV[1], json)
local version = redis.call('INCR', KEYS[3])
redis.call('RPUSH', KEYS[4], version .. '|' .. ARGV[1])
redis.call('LTRIM', KEYS[4], -tonumber(ARGV[3]), -1)
return revision
