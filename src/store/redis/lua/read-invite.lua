-- Reads an invite and returns it with its status, or nothing when unknown. A value that is not an
-- object with a numeric expiresAt, closed by a final brace, is reported as corrupt and left alone.
local function readInvite(key)
  local json = redis.call('GET', key)
  if not json then return nil, 'unknown' end
  local ok, invite = pcall(cjson.decode, json)
  if not ok or type(invite) ~= 'table' or type(invite.expiresAt) ~= 'number' or string.sub(json, -1) ~= '}' then
    return json, 'corrupt'
  end
  return json, invite
end
