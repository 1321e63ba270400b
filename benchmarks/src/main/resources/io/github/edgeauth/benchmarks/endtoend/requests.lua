-- edgeauth end-to-end benchmark: GET EDGEAUTH_WRK_PATH with the headers of EDGEAUTH_WRK_HEADERS, one line
-- ("Name: value") per request, in turn. Every request is formatted once, in init, so a pool of thousands of
-- tokens costs the load generator what one token does.
local requests = {}
local count = 0
local next = 0
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  local path = os.getenv("EDGEAUTH_WRK_PATH")
  for line in io.lines(os.getenv("EDGEAUTH_WRK_HEADERS")) do
    local name, value = line:match("^([^:]+): (.*)$")
    if name then
      count = count + 1
      requests[count] = wrk.format("GET", path, { [name] = value, ["Host"] = wrk.headers["Host"] })
    end
  end
  -- Each thread starts at its own place in the pool.
  next = (id * 997) % count
end

function request()
  next = next % count + 1
  return requests[next]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "EDGEAUTH-WRK requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
