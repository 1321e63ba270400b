-- edgeauth end-to-end benchmark, anonymous page views: GET EDGEAUTH_WRK_PATH?q=<EDGEAUTH_WRK_QUERY_LENGTH URL-safe
-- characters> as a browser's page navigation (Accept: text/html, Sec-Fetch-Mode: navigate) with no cookies. Every
-- query is different: a per-request tag, then a window that slides over a per-thread pool of random characters
-- (cheap: no random numbers per request). Every answer is counted by what it was: "signin" for a 302 whose
-- Location starts with EDGEAUTH_WRK_EXPECT_LOCATION (the provider), else its status ("302-elsewhere" for another
-- redirect), because wrk's own status errors count only statuses above 399.
local URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"

dofile(os.getenv("EDGEAUTH_WRK_ANSWERS")) -- setup, count(key) and done

local path, length, expected, pool, headers
local sent = 0

function init(args)
  path = os.getenv("EDGEAUTH_WRK_PATH")
  length = tonumber(os.getenv("EDGEAUTH_WRK_QUERY_LENGTH"))
  expected = os.getenv("EDGEAUTH_WRK_EXPECT_LOCATION")
  math.randomseed(os.time() * 1000 + id)
  local chars = {}
  for i = 1, 2 * length do
    local k = math.random(#URL_SAFE)
    chars[i] = URL_SAFE:sub(k, k)
  end
  pool = table.concat(chars)
  headers = {
    ["Host"] = wrk.headers["Host"],
    ["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    ["Accept-Language"] = "en-GB,en;q=0.9",
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) edgeauth-bench",
    ["Sec-Fetch-Mode"] = "navigate",
    ["Sec-Fetch-Dest"] = "document",
    ["Sec-Fetch-Site"] = "none",
    ["Upgrade-Insecure-Requests"] = "1",
  }
end

function request()
  sent = sent + 1
  local tag = string.format("%x.%x.", id, sent)
  local from = sent % length + 1
  return wrk.format("GET", path .. "?q=" .. tag .. pool:sub(from, from + length - #tag - 1), headers)
end

function response(status, response_headers, body)
  local key = tostring(status)
  if status == 302 then
    key = "302-elsewhere"
    for name, value in pairs(response_headers) do
      if name:lower() == "location" and value:sub(1, #expected) == expected then
        key = "signin"
      end
    end
  end
  count(key)
end
