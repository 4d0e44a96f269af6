-- A reader-like mix, one request kind chosen per request by weight: the front page,
-- an article, the REST list (half of them revalidating with If-None-Match), a
-- meeting, a search and a comment. Paths and bodies come from the harness through
-- BENCH_* variables.
dofile("bench/wrk/common.lua")

local run = os.getenv("BENCH_RUN") or tostring(os.time())
local graphql = { ["Content-Type"] = "application/json" }
local front_page = read_env_file("BENCH_FRONT_PAGE_FILE")
local article = read_env_file("BENCH_ARTICLE_FILE")
local meeting = read_env_file("BENCH_MEETING_FILE")
local search = read_env_file("BENCH_SEARCH_FILE")
local list_path = os.getenv("BENCH_LIST_PATH")
local list_etag = os.getenv("BENCH_ETAG")
local comment_path = os.getenv("BENCH_COMMENT_PATH")
local sent = 0

-- Weights out of 100.
local kinds = {
  { 40, function() return wrk.format("POST", "/graphql", graphql, front_page) end },
  { 25, function() return wrk.format("POST", "/graphql", graphql, article) end },
  { 10, function() return wrk.format("GET", list_path) end },
  { 10, function() return wrk.format("GET", list_path, { ["If-None-Match"] = list_etag }) end },
  { 5, function() return wrk.format("POST", "/graphql", graphql, meeting) end },
  { 5, function() return wrk.format("POST", "/graphql", graphql, search) end },
  { 5, function()
      local id = string.format("%s-mix-%d-%d", run, thread_index, sent)
      local body = string.format(
        '{"authorName":"Читатель","authorEmail":"bench-%s@example.com","body":"Полезная новость, спасибо."}', id)
      return wrk.format("POST", comment_path,
        { ["Content-Type"] = "application/json", ["Idempotency-Key"] = "bench-" .. id }, body)
    end },
}

function request()
  sent = sent + 1
  local roll = math.random(100)
  for _, kind in ipairs(kinds) do
    roll = roll - kind[1]
    if roll <= 0 then
      return kind[2]()
    end
  end
  return kinds[1][2]()
end
