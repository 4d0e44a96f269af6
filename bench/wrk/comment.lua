-- POSTs a new reader comment per request to the URL (REST), each with its own
-- Idempotency-Key and email, so every request is a real write and none is answered
-- from an earlier one. BENCH_RUN keeps keys unique across runs on a kept database.
dofile("bench/wrk/common.lua")

local run = os.getenv("BENCH_RUN") or tostring(os.time())
local sent = 0
local text = "Спасибо за подробный рассказ о встрече. В нашем микрорайоне тоже нужны "
  .. "такие рейды: вечером у школы плохо освещены дорожки, и родители волнуются за детей."

function request()
  sent = sent + 1
  local id = string.format("%s-%d-%d", run, thread_index, sent)
  local body = string.format(
    '{"authorName":"Читатель %d","authorEmail":"bench-%s@example.com","body":"%s"}',
    sent, id, text)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. id,
  }, body)
end
