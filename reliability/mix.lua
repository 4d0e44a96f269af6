-- A read mix for wrk: requests come from the file named by MIX_FILE, one a line,
-- "GET path" or "POST path json-body", taken in turn. Counts answers by status and
-- the 2xx answers whose body carries GraphQL `errors` (wrk alone calls them
-- successes), and prints them with the latency percentiles.
local lines = {}
local file = assert(io.open(os.getenv("MIX_FILE"), "r"))
for line in file:lines() do
  local method, path, body = line:match("^(%u+) (%S+) ?(.*)$")
  if method then table.insert(lines, { method, path, body }) end
end
file:close()

-- MIX_HEADER ("Name: value"), when set, is sent with every request: a client's key.
local extra_name, extra_value = (os.getenv("MIX_HEADER") or ""):match("^([^:]+):%s*(.*)$")

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  -- Formatted here, not above: wrk knows the Host header only by now (a proxy
  -- refuses an HTTP/1.1 request without one).
  requests = {}
  for _, l in ipairs(lines) do
    local headers, body = {}, l[3]
    if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
    if extra_name then headers[extra_name] = extra_value end
    table.insert(requests, wrk.format(l[1], l[2], headers, body))
  end
  turn = id
  statuses = {}
  graphql_errors = 0
end

function request()
  turn = turn + 1
  return requests[(turn % #requests) + 1]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status < 300 and body and string.find(body, '"errors":[', 1, true) then
    graphql_errors = graphql_errors + 1
  end
end

function done(summary, latency, requests)
  local merged = {}
  local errors = 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("graphql_errors")
    for status, count in pairs(thread:get("statuses")) do
      merged[status] = (merged[status] or 0) + count
    end
  end
  for status, count in pairs(merged) do
    io.write(string.format("status %d %d\n", status, count))
  end
  io.write(string.format("graphql_errors %d\n", errors))
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("socket_errors %d\n", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("timeouts %d\n", summary.errors.timeout))
  io.write(string.format("rps %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("max_ms %.2f\n", latency.max / 1000))
end
