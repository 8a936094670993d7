-- Appends an audit entry; entries past the cap move to the archive, never dropped.
-- KEYS: audit, archive. ARGV: entry JSON, cap.
redis.call('LPUSH', KEYS[1], ARGV[1])
local cap = tonumber(ARGV[2])
while redis.call('LLEN', KEYS[1]) > cap do redis.call('RPOPLPUSH', KEYS[1], KEYS[2]) end
return 1
