-- GETs one URL; with BENCH_ETAG set, sends it as If-None-Match (a client whose copy
-- is current gets 304).
dofile("bench/wrk/common.lua")

local etag = os.getenv("BENCH_ETAG")
if etag and etag ~= "" then
  wrk.headers["If-None-Match"] = etag
end
