-- edgeauth end-to-end benchmark: GET EDGEAUTH_WRK_PATH with the headers of EDGEAUTH_WRK_HEADERS, one line
-- ("Name: value") per request, in turn. Every request is formatted once, in init, so a pool of thousands of
-- tokens costs the load generator what one token does. Every answer is counted by what it was: "200" for a 200
-- whose body (trimmed) matches the Lua pattern EDGEAUTH_WRK_EXPECT_BODY (the expected caller's name),
-- "200-wrong-body" for another 200, else its status: wrk's own status errors count only statuses above 399, so a
-- 302 to sign in would pass unseen.
dofile(os.getenv("EDGEAUTH_WRK_ANSWERS")) -- setup, count(key) and done

local requests = {}
local size = 0
local next = 0
local expected

function init(args)
  local path = os.getenv("EDGEAUTH_WRK_PATH")
  expected = os.getenv("EDGEAUTH_WRK_EXPECT_BODY")
  for line in io.lines(os.getenv("EDGEAUTH_WRK_HEADERS")) do
    local name, value = line:match("^([^:]+): (.*)$")
    if name then
      size = size + 1
      requests[size] = wrk.format("GET", path, { [name] = value, ["Host"] = wrk.headers["Host"] })
    end
  end
  -- Each thread starts at its own place in the pool.
  next = (id * 997) % size
end

function request()
  next = next % size + 1
  return requests[next]
end

function response(status, headers, body)
  local key = tostring(status)
  if status == 200 and not body:match("^%s*(.-)%s*$"):match(expected) then
    key = "200-wrong-body"
  end
  count(key)
end
