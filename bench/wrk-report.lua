-- wrk script of bench/portal.sh.
--
-- Arguments (after `--`): NEW_SECONDS [COOKIE].
-- For the first NEW_SECONDS of the run every request is the same GET with an ordinary browser
-- User-Agent and no cookie, so to daihoi every request is a new visitor (a person, not a bot).
-- After that, until wrk stops, requests carry COOKIE (a live visit cookie): the same page and
-- the same work, but a returning visitor, not a new visit. So the requests still in flight when
-- wrk stops are never new visits, and the number of new-visitor requests written (`sent`, all
-- answered long before the end) is exactly the number of visits daihoi must store.
-- Prints one machine-readable line with throughput, bytes read (headers + bodies) and latency
-- percentiles.

local UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  returning = 0
  switch_at = os.time() + (tonumber(args[1]) or 1e9)
  local headers = { ["User-Agent"] = UA, ["Accept"] = "text/html" }
  new_req = wrk.format("GET", wrk.path, headers)
  if args[2] and args[2] ~= "" then headers["Cookie"] = args[2] end
  returning_req = wrk.format("GET", wrk.path, headers)
end

function request()
  if os.time() < switch_at then
    sent = sent + 1
    return new_req
  end
  returning = returning + 1
  return returning_req
end

function done(summary, latency, requests)
  local total_sent, total_returning = 0, 0
  for _, t in ipairs(threads) do
    total_sent = total_sent + t:get("sent")
    total_returning = total_returning + t:get("returning")
  end
  -- wrk calls request() once on the first thread before the run, to check the script
  -- (script_verify_request); that request is never written.
  total_sent = total_sent - 1
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d sent=%d returning=%d duration_us=%d bytes=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, total_sent, total_returning, summary.duration, summary.bytes,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
