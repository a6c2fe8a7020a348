-- wrk script of bench/portal.sh.
-- Every request is the same GET with an ordinary browser User-Agent and no cookie, so to daihoi
-- every request is a new visitor (a person, not a bot). Counts the requests written (`sent`), so
-- the script can tell requests answered from requests still in flight when wrk stopped, and prints
-- one machine-readable line with throughput and latency percentiles.

local UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  req = wrk.format("GET", wrk.path, { ["User-Agent"] = UA, ["Accept"] = "text/html" })
end

function request()
  sent = sent + 1
  return req
end

function done(summary, latency, requests)
  local total_sent = 0
  for _, t in ipairs(threads) do
    total_sent = total_sent + t:get("sent")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d sent=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, total_sent, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
