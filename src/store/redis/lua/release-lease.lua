-- Deletes a lease only if the caller still holds it; a GET then DEL from the client could race.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
