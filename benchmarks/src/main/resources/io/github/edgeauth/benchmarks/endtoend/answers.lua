-- edgeauth end-to-end benchmark, shared by its wrk scripts: every answer counted by what it was, per thread, and
-- done() printing wrk's summary and the answers of every thread added up. wrk's own status errors count only
-- statuses above 399, so a 302 would pass unseen.
local threads = {}

-- Per thread (a global, so that done() can read it with thread:get).
answers = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- Counts one answer as key.
function count(key)
  answers[key] = (answers[key] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("answers")) do
      totals[key] = (totals[key] or 0) + n
    end
  end
  local parts = {}
  for key, n in pairs(totals) do
    parts[#parts + 1] = string.format("%s=%d", key, n)
  end
  table.sort(parts)
  local e = summary.errors
  io.write(string.format(
    "EDGEAUTH-WRK requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
  io.write("EDGEAUTH-WRK-ANSWERS " .. table.concat(parts, ",") .. "\n")
end
