-- POSTs one JSON body (the BENCH_BODY_FILE file) to the URL, e.g. a GraphQL query.
dofile("bench/wrk/common.lua")

wrk.method = "POST"
wrk.body = read_env_file("BENCH_BODY_FILE")
wrk.headers["Content-Type"] = "application/json"
