-- Shared by the wrk scripts: counts answers that carry GraphQL `errors` (wrk alone
-- would count them as successes) and prints one figure a line for the harness.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_index", #threads)
end

function init(args)
  graphql_errors = 0
end

function response(status, headers, body)
  -- A failed status is already counted by wrk; a 2xx answer with `errors` is not.
  if status < 300 and body and string.find(body, '"errors"', 1, true) then
    graphql_errors = graphql_errors + 1
  end
end

function done(summary, latency, requests)
  local errors = 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("graphql_errors")
  end
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("graphql_errors %d\n", errors))
  io.write(string.format("p50_ms %.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("p99_ms %.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("rps %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("non_2xx %d\n", summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

-- The contents of a file named by an environment variable.
function read_env_file(name)
  local f = assert(io.open(assert(os.getenv(name), name .. " is not set"), "r"))
  local text = f:read("*a")
  f:close()
  return text
end
