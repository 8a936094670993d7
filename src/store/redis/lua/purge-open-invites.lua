-- Drops from the open index the ids whose invite has expired out of Redis. Checked again here,
-- not trusted from the client's earlier read, so an id re-created meanwhile is never dropped.
-- KEYS: open index, then the invite keys. ARGV: the ids, in the same order.
local removed = 0
for i, id in ipairs(ARGV) do
  if redis.call('EXISTS', KEYS[i + 1]) == 0 then removed = removed + redis.call('ZREM', KEYS[1], id) end
end
return removed
