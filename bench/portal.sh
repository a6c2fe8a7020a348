#!/usr/bin/env bash
# Portal benchmark (issues 2 and 7; documented in docs/BENCHMARKS.md; not part of the tests).
#
#   bash bench/portal.sh [sqlite|postgres|both]        (default: both)
#
# Measured as the NukeViet anchor was (issue 7): the server under test alone on one core, the load
# generator alone on the other.
#   - daihoi:  taskset -c $SERVER_CPU daihoi serve …      (tokio sees one CPU: one worker thread)
#   - nginx:   taskset -c $SERVER_CPU nginx, worker_processes 1, serving a saved copy of the exact
#              article page daihoi answered (same body bytes, same path)
#   - wrk:     taskset -c $WRK_CPU wrk -t$THREADS -c$CONNECTIONS     (-t1 -c64)
# For each database: starts daihoi with the demo data in a fresh data dir (PostgreSQL: a fresh
# database on $PG_URL), saves one demo article page, starts nginx on it, warms both up, then runs
# $ROUNDS alternated rounds (daihoi, nginx, daihoi, nginx…), every request a new cookieless
# visitor. Before each run it records the load average; during each run the server's CPU time
# (/proc/<pid>/stat, all threads) and how busy each core was. Prints, per run and as medians:
# requests/s, ratio daihoi/nginx, p50/p99 latency, CPU µs per request, bytes per response;
# daihoi's peak RSS; then stops daihoi with SIGTERM and checks that the visits stored (people,
# and the automated beyond one address's allowance of new visitors) grew by exactly the
# new-visitor requests wrk sent (every round and warm-up together).
#
# Settings (environment): CONNECTIONS=64 THREADS=1 DURATION=20 WARMUP=5 (seconds) ROUNDS=3
#   SERVER_CPU=0 WRK_CPU=1 (the two cores; they must differ)
#   DAIHOI_BIN=<path> to measure a binary already built (release!) instead of building one
#   PG_URL=postgres://postgres@127.0.0.1:5432 (server URL without a database name)
#   PERF=1: also count, with `perf stat` (apt: linux-perf), the system calls and context switches
#     of the server in every round, and print them per request
#   PERF_RECORD=<file>: also `perf record` daihoi (call graphs) during its last round into <file>
#     (<file>.sqlite / <file>.postgres); read with `perf report -i <file>.sqlite --no-children`.
#     The recorded round is slower than the others (the profiler runs on the wrk core).
# Only loopback addresses are used; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-1}
DURATION=${DURATION:-20}
DURATION=${DURATION%s}
WARMUP=${WARMUP:-5}
WARMUP=${WARMUP%s}
ROUNDS=${ROUNDS:-3}
SERVER_CPU=${SERVER_CPU:-0}
WRK_CPU=${WRK_CPU:-1}
# Last seconds of each run, sent as a returning visitor (see bench/wrk-report.lua).
TAIL=2
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
WHICH=${1:-both}
# The script's own requests say they are a bot, so they never count as people.
SCRIPT_UA="daihoi-bench-script-bot/1.0"

case $WHICH in
  sqlite | postgres | both) ;;
  *) echo "usage: bash bench/portal.sh [sqlite|postgres|both]" >&2; exit 2 ;;
esac
if [ "$SERVER_CPU" = "$WRK_CPU" ]; then
  echo "SERVER_CPU and WRK_CPU must be two different cores (both are $SERVER_CPU)" >&2
  exit 2
fi
if ! [ "$ROUNDS" -ge 1 ] 2>/dev/null; then
  echo "ROUNDS must be a whole number ≥ 1 (got '$ROUNDS')" >&2
  exit 2
fi

# --- tools -----------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
command -v taskset >/dev/null 2>&1 || need+=(util-linux)
if [ "$WHICH" != sqlite ]; then command -v psql >/dev/null 2>&1 || need+=(postgresql-client); fi
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]} (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null ||
    { [[ " ${need[*]} " == *" nginx-light "* ]] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for cpu in "$SERVER_CPU" "$WRK_CPU"; do
  taskset -c "$cpu" true 2>/dev/null || { echo "core $cpu is not available to this shell (taskset -c $cpu failed)" >&2; exit 2; }
done

PERF_EVENTS=""
if [ -n "${PERF:-}" ] || [ -n "${PERF_RECORD:-}" ]; then
  command -v perf >/dev/null 2>&1 || {
    echo "== installing linux-perf (apt)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null
  }
fi
if [ -n "${PERF:-}" ]; then
  for e in recvfrom read writev write sendfile64 sendto epoll_wait epoll_pwait epoll_ctl accept4 futex sched_yield; do
    if perf list "syscalls:sys_enter_$e" 2>/dev/null | grep -q Tracepoint; then
      PERF_EVENTS+="syscalls:sys_enter_$e,"
    fi
  done
  PERF_EVENTS+="context-switches,cpu-migrations"
fi

if [ -n "${DAIHOI_BIN:-}" ]; then
  DAIHOI=$DAIHOI_BIN
  echo "== using $DAIHOI (DAIHOI_BIN)"
else
  echo "== building daihoi (release)"
  cargo build --release --bin daihoi --quiet
  DAIHOI="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/daihoi"
fi

WORK=$(mktemp -d /tmp/daihoi-bench.XXXXXX)
chmod 755 "$WORK"
DAIHOI_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$DAIHOI_PID" ] && kill "$DAIHOI_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Waits (at most 120 s) until $1 answers 200.
wait_http() {
  local url=$1
  for _ in $(seq 1 600); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -A "$SCRIPT_UA" "$url" || true)" = 200 ]; then return 0; fi
    sleep 0.2
  done
  echo "no answer from $url within 120 s" >&2
  return 1
}

# Stored visits as "people bots": sqlite file or postgres URL.
stored_visits() {
  local q="SELECT COALESCE(SUM(CASE WHEN kind='person' THEN visits END),0) || ' ' || COALESCE(SUM(CASE WHEN kind='bot' THEN visits END),0) FROM daily_visit"
  case $1 in
    postgres://*) psql -X -q -tA "$1" -c "$q" ;;
    *) sqlite3 "$1" "$q" ;;
  esac
}

# Runs wrk on core $WRK_CPU for $2 seconds of new visitors plus $TAIL seconds of a returning one
# (cookie $3); prints its BENCH line.
run_wrk() {
  taskset -c "$WRK_CPU" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$(($2 + TAIL))s" --latency \
    -s "$ROOT/bench/wrk-report.lua" "$1" -- "$2" "${3:-}" | grep '^BENCH'
}
# CPU time (user + system, clock ticks) used so far by the processes $@ (all their threads).
cpu_ticks() {
  local total=0 p
  for p in "$@"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}
# "busy total" clock ticks of core $1 since boot (/proc/stat; idle and iowait are not busy).
core_ticks() {
  awk -v c="cpu$1" '$1 == c {t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6, t}' /proc/stat
}

# One measured run: server $1 (daihoi|nginx), round $2, url $3, cookie $4, pids $5…
# Appends one RUN line to $WORK/runs.txt.
measure() {
  local server=$1 round=$2 url=$3 cookie=$4
  shift 4
  local load c0 w0 t0 bench c1 w1 t1 pids stat_pid="" rec_pid="" counts=""
  pids=$(IFS=,; echo "$*")
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  if [ -n "$PERF_EVENTS" ]; then
    taskset -c "$WRK_CPU" perf stat -x, -e "$PERF_EVENTS" -p "$pids" -o "$WORK/perf-stat.txt" &
    stat_pid=$!
  fi
  if [ -n "${PERF_RECORD:-}" ] && [ "$server" = daihoi ] && [ "$round" = "$ROUNDS" ]; then
    taskset -c "$WRK_CPU" perf record -q -F 999 --call-graph dwarf,16384 -p "$pids" \
      -o "$PERF_RECORD.$CURRENT_BACKEND" >/dev/null 2>&1 &
    rec_pid=$!
  fi
  t0=$(cpu_ticks "$@")
  read -r c0 _ < <(core_ticks "$SERVER_CPU")
  read -r w0 _ < <(core_ticks "$WRK_CPU")
  bench=$(run_wrk "$url" "$DURATION" "$cookie")
  t1=$(cpu_ticks "$@")
  read -r c1 _ < <(core_ticks "$SERVER_CPU")
  read -r w1 _ < <(core_ticks "$WRK_CPU")
  if [ -n "$stat_pid" ]; then
    kill -INT "$stat_pid" 2>/dev/null || true
    wait "$stat_pid" 2>/dev/null || true
    # "count,unit,event,…" lines: one ev_<event>=<count> field each.
    counts=$(awk -F, '$3 != "" && $1 ~ /^[0-9]+$/ {e = $3; sub(/^syscalls:sys_enter_/, "", e); gsub(/-/, "_", e); printf "ev_%s=%s ", e, $1}' \
      "$WORK/perf-stat.txt")
  fi
  if [ -n "$rec_pid" ]; then
    kill -INT "$rec_pid" 2>/dev/null || true
    wait "$rec_pid" 2>/dev/null || true
    echo "   perf record of daihoi's round $round: $PERF_RECORD.$CURRENT_BACKEND"
  fi
  echo "RUN server=$server round=$round load=${load// /,} server_ticks=$((t1 - t0)) core_busy_ticks=$((c1 - c0)) wrk_core_busy_ticks=$((w1 - w0)) $counts${bench#BENCH }" \
    >>"$WORK/runs.txt"
  printf '   %-6s round %s: %s req/s (load average before: %s)\n' "$server" "$round" \
    "$(sed -n 's/.* rps=\([0-9]*\).*/\1/p' <<<"$bench")" "$load"
}

bench_one() {
  local backend=$1 db_url="" db_for_sql args=()
  local data="$WORK/$backend"
  CURRENT_BACKEND=$backend
  mkdir -p "$data"
  : >"$WORK/runs.txt"
  if [ "$backend" = postgres ]; then
    local name
    name="daihoi_bench_$(date +%s)_$$"
    psql -X -q "$PG_URL/postgres" -c "CREATE DATABASE $name" >/dev/null
    db_url="$PG_URL/$name"
    db_for_sql=$db_url
    args=(--database-url "$db_url")
  else
    db_for_sql="$data/daihoi.db"
  fi
  echo
  echo "== $backend: starting daihoi (demo data) on core $SERVER_CPU in $data"
  local port
  port=$(free_port)
  env -u DATABASE_URL -u TOKIO_WORKER_THREADS RUST_LOG=warn taskset -c "$SERVER_CPU" \
    "$DAIHOI" serve --listen "127.0.0.1:$port" --data-dir "$data" "${args[@]}" >"$data/daihoi.log" 2>&1 &
  DAIHOI_PID=$!
  wait_http "http://127.0.0.1:$port/healthz"
  local hwm_start
  hwm_start=$(awk '/^VmHWM/ {print $2}' "/proc/$DAIHOI_PID/status")

  local slug
  slug=$(curl -s -A "$SCRIPT_UA" "http://127.0.0.1:$port/api/v1/articles?page=1&per_page=1" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); l=d if isinstance(d,list) else next(v for v in d.values() if isinstance(v,list)); print(l[0]["slug"])')
  local path="/tin-tuc/$slug"
  local url="http://127.0.0.1:$port$path"

  # nginx serves the same bytes at the same path.
  mkdir -p "$WORK/www" "$WORK/nginx-tmp"
  curl -s -A "$SCRIPT_UA" -c "$WORK/cookies.txt" -D "$WORK/daihoi-headers.txt" -o "$WORK/www/page.html" "$url"
  # The visit cookie(s) daihoi set on that answer, as a Cookie header (HttpOnly ones included).
  local cookie
  cookie=$(awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) {printf "%s%s=%s", sep, $6, $7; sep="; "}' \
    "$WORK/cookies.txt")
  [ -n "$cookie" ] || { echo "daihoi set no visit cookie on $url" >&2; return 1; }
  chmod -R a+rX "$WORK/www"
  # nginx also sends daihoi's own headers (security headers, cache control, the visit cookie of
  # that answer…), so the responses compared are the same bytes, headers included, give or take
  # nginx's Server/ETag/Last-Modified/Accept-Ranges lines (bytes per response are reported).
  local content_type mirrored
  content_type=$(awk 'BEGIN {IGNORECASE = 1} tolower($1) == "content-type:" {sub(/^[^:]*: */, ""); sub(/\r$/, ""); print; exit}' \
    "$WORK/daihoi-headers.txt")
  mirrored=$(python3 - "$WORK/daihoi-headers.txt" <<'PY'
import sys
skip = {"date", "content-length", "content-type", "connection", "keep-alive", "transfer-encoding", "server"}
for line in open(sys.argv[1], encoding="latin-1").read().splitlines()[1:]:
    name, sep, value = line.partition(":")
    value = value.strip()
    if not sep or name.lower() in skip or '"' in value or "$" in value:
        continue
    print(f'    add_header {name} "{value}" always;')
PY
)
  local nport
  nport=$(free_port)
  cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-tmp/body;
  proxy_temp_path $WORK/nginx-tmp/proxy;
  fastcgi_temp_path $WORK/nginx-tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx-tmp/uwsgi;
  scgi_temp_path $WORK/nginx-tmp/scgi;
  default_type "${content_type:-text/html; charset=utf-8}";
  server_tokens off;
  etag off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$nport;
    root $WORK/www;
    location / {
      try_files /page.html =404;
$mirrored
    }
  }
}
EOF
  taskset -c "$SERVER_CPU" "$NGINX" -c "$WORK/nginx.conf" -p "$WORK" &
  NGINX_PID=$!
  local nurl="http://127.0.0.1:$nport$path"
  wait_http "$nurl"
  cmp -s "$WORK/www/page.html" <(curl -s -A "$SCRIPT_UA" "$nurl") ||
    { echo "nginx does not serve the saved page byte for byte" >&2; return 1; }
  local page_bytes nginx_pids
  page_bytes=$(stat -c %s "$WORK/www/page.html")
  nginx_pids="$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"
  echo "   page $path: $page_bytes bytes; daihoi :$port (pid $DAIHOI_PID), nginx :$nport (pids $nginx_pids)"
  echo "   affinity: daihoi $(taskset -cp "$DAIHOI_PID" | sed 's/.*: //'), nginx $(for p in $nginx_pids; do taskset -cp "$p" | sed 's/.*: //'; done | sort -u | tr '\n' ' ')(cpus the server may use); cpus seen there: $(taskset -c "$SERVER_CPU" nproc) (nproc = std's available_parallelism)"
  # tokio's multi-thread runtime starts available_parallelism() workers (TOKIO_WORKER_THREADS
  # unset), i.e. the cpus of the affinity mask; its blocking-pool threads bear the same name
  # (tokio-rt-worker) but leave after 10 s idle, so the count after nginx's last run (daihoi
  # idle meanwhile) is the worker count.
  echo "   daihoi threads after start-up: $(cat /proc/"$DAIHOI_PID"/task/*/comm | sort | uniq -c | awk '{printf "%s%s×%s", sep, $1, $2; sep=", "}')"

  # Baseline of stored visits: so far only the script's bot requests reached daihoi (the saved
  # page counts as one automated visit); wait for the visit flusher (every 5 s) to store them, so
  # the baseline holds them and the check below counts wrk's requests only.
  sleep 6
  local before
  before=$(stored_visits "$db_for_sql")

  echo "   warm-up $WARMUP+$TAIL s each, then $ROUNDS alternated rounds of $DURATION+$TAIL s each;" \
    "wrk on core $WRK_CPU: -t$THREADS -c$CONNECTIONS"
  local dw nw r
  dw=$(run_wrk "$url" "$WARMUP" "$cookie")
  nw=$(run_wrk "$nurl" "$WARMUP" "$cookie")
  for r in $(seq 1 "$ROUNDS"); do
    measure daihoi "$r" "$url" "$cookie" "$DAIHOI_PID"
    # shellcheck disable=SC2086 # a list of pids
    measure nginx "$r" "$nurl" "$cookie" $nginx_pids
  done
  local hwm threads_end workers
  hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$DAIHOI_PID/status")
  workers=$(grep -lx 'tokio-rt-worker' /proc/"$DAIHOI_PID"/task/*/comm 2>/dev/null | wc -l)
  # Threads of daihoi with the CPU ticks each used since start.
  threads_end=$(for t in /proc/"$DAIHOI_PID"/task/*; do
    printf '%s:%s\n' "$(cat "$t/comm" | tr ' ' _)" "$(awk '{print $14 + $15}' "$t/stat")"
  done | awk -F: '{n[$1]++; c[$1]+=$2} END {for (k in n) printf "%s×%s (%s ticks) ", n[k], k, c[k]}')

  echo "   stopping daihoi (SIGTERM)"
  kill -TERM "$DAIHOI_PID"
  local rc=0
  wait "$DAIHOI_PID" || rc=$?
  DAIHOI_PID=""
  kill "$NGINX_PID" 2>/dev/null || true
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
  local after
  after=$(stored_visits "$db_for_sql")

  local ok=0
  python3 - "$backend" "$dw" "$nw" "$WORK/runs.txt" "$hwm" "$rc" "$before" "$after" "$CONNECTIONS" "$hwm_start" \
    "$DURATION" "$(getconf CLK_TCK)" "$page_bytes" "$workers" "$threads_end" <<'PY' || ok=$?
import statistics as st
import sys
(backend, dw, nw, runs_file, hwm, rc, before, after, conns, hwm_start, new_secs, hz, page_bytes,
 workers, threads_end) = sys.argv[1:16]
new_secs, hz = float(new_secs), int(hz)
def parse(line):
    out = {}
    for kv in line.split()[1:]:
        k, v = kv.split("=", 1)
        out[k] = v if k in ("server", "load") else float(v)
    return out
dw, nw = parse(dw), parse(nw)
runs = [parse(l) for l in open(runs_file) if l.startswith("RUN ")]
for r in runs:
    secs = r["duration_us"] / 1e6
    r["cpu_us"] = r["server_ticks"] * 1e6 / hz / r["requests"]
    r["server_core_pct"] = 100 * r["server_ticks"] / hz / secs
    # Busy time of the server's core not spent by the server: other processes (and interrupts).
    r["foreign_pct"] = max(0.0, 100 * (r["core_busy_ticks"] - r["server_ticks"]) / hz / secs)
    r["wrk_core_pct"] = 100 * r["wrk_core_busy_ticks"] / hz / secs
    r["resp_bytes"] = r["bytes"] / r["requests"]
d = [r for r in runs if r["server"] == "daihoi"]
n = [r for r in runs if r["server"] == "nginx"]
print(f"   {'server':6} {'round':>5} {'load avg before':>16} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} "
      f"{'CPU us/req':>10} {'server core':>11} {'others there':>12} {'wrk core':>8} {'bytes/resp':>10}")
for r in runs:
    print(f"   {r['server']:6} {int(r['round']):>5} {r['load']:>16} {r['rps']:>8.0f} {r['p50_us']/1000:>7.2f} "
          f"{r['p99_us']/1000:>7.2f} {r['max_us']/1000:>7.2f} {r['cpu_us']:>10.1f} {r['server_core_pct']:>10.0f}% "
          f"{r['foreign_pct']:>11.0f}% {r['wrk_core_pct']:>7.0f}% {r['resp_bytes']:>10.0f}")
med = lambda rs, k: st.median(r[k] for r in rs)
d_rps, n_rps = med(d, "rps"), med(n, "rps")
ratio = d_rps / n_rps
pair = [a["rps"] / b["rps"] for a, b in zip(d, n)]
d_p99 = max(r["p99_us"] for r in d) / 1000
d_cpu, n_cpu = med(d, "cpu_us"), med(n, "cpu_us")
print(f"   medians: daihoi {d_rps:.0f} req/s, nginx {n_rps:.0f} req/s; ratio daihoi/nginx {ratio:.3f} (target >= 0.8; "
      f"round by round {', '.join(f'{p:.3f}' for p in pair)}); daihoi p99 worst round {d_p99:.2f} ms (target <= 10)")
print(f"   server CPU time per request (user + system, all threads, median of rounds): daihoi {d_cpu:.1f} us, "
      f"nginx {n_cpu:.1f} us (CPU-bound ceiling on one core: daihoi {1e6/d_cpu:.0f}, nginx {1e6/n_cpu:.0f} req/s; "
      f"their ratio {n_cpu/d_cpu:.3f}, which does not depend on the share of the core each server got)")
print(f"   bytes per response read by wrk (headers + {page_bytes}-byte page): daihoi {med(d, 'resp_bytes'):.0f}, "
      f"nginx {med(n, 'resp_bytes'):.0f}")
events = sorted({k for r in runs for k in r if k.startswith("ev_")})
if events:
    print("   per request (perf stat, median of rounds): " + "; ".join(
        f"{e[3:]} daihoi {st.median(r.get(e, 0) / r['requests'] for r in d):.2f} / nginx "
        f"{st.median(r.get(e, 0) / r['requests'] for r in n):.2f}" for e in events
        if any(r.get(e, 0) for r in runs)))
print(f"   tokio workers (tokio-rt-worker threads left after daihoi idled through nginx's last run): {workers}; "
      f"daihoi threads at the end, with CPU ticks since start: {threads_end}")
sent = int(dw["sent"] + sum(r["sent"] for r in d))
answered = int(dw["requests"] + sum(r["requests"] for r in d))
returning = int(dw["returning"] + sum(r["returning"] for r in d))
errs = {}
for r in [dw] + d:
    for k in r:
        if k.startswith("err_") and r[k]:
            errs[k] = errs.get(k, 0) + int(r[k])
pb, bb = map(int, before.split()); pa, ba = map(int, after.split())
people = pa - pb
hwm_mib = int(hwm) / 1024
print(f"   daihoi peak RSS (VmHWM) {hwm_mib:.1f} MiB (target <= 64; {int(hwm_start)/1024:.1f} MiB after start-up and demo load); "
      f"exit code after SIGTERM {rc}")
if errs: print(f"   wrk errors against daihoi: {errs}")
print(f"   visits: wrk answered {answered} requests of daihoi (warm-up + {len(d)} rounds): {sent} from new visitors, then "
      f"{returning} written as a returning visitor ({sent + returning - answered} of these in flight at wrk's stops); "
      f"people stored grew by {people}; bots (automated beyond the address's allowance) by {ba-bb}")
# One address may bring only so many new visitors as people (issue 10: 300, then one per 10 s);
# the rest of wrk's new visitors are stored as automated, with the bots. Every one is stored.
counted = people + (ba - bb)
lost = sent - counted
verdict = "zero visits lost" if counted == sent else (f"LOST {lost} visits" if lost > 0 else f"{-lost} visits too many")
print(f"   {verdict}")
loads = " ".join(r["load"].split(",")[0] for r in runs)
print(f"RESULT backend={backend} conns={conns} rounds={len(d)} daihoi_rps={d_rps:.0f} nginx_rps={n_rps:.0f} ratio={ratio:.3f} "
      f"ratio_min={min(pair):.3f} ratio_max={max(pair):.3f} p50_ms={med(d, 'p50_us')/1000:.2f} p99_ms={d_p99:.2f} "
      f"nginx_p99_ms={max(r['p99_us'] for r in n)/1000:.2f} cpu_us_daihoi={d_cpu:.1f} cpu_us_nginx={n_cpu:.1f} cpu_ratio={n_cpu/d_cpu:.3f} "
      f"rss_mib={hwm_mib:.1f} answered={answered} sent={sent} people_stored={people} bots_stored={ba-bb} exit={rc} "
      f"load1=[{loads.replace(' ', ',')}] workers={workers}")
sys.exit(0 if counted == sent and rc == "0" else 3)
PY
  if [ "$backend" = postgres ]; then
    psql -X -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS ${db_url##*/} WITH (FORCE)" >/dev/null || true
  fi
  return $ok
}

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(date -u +%Y-%m-%dT%H:%MZ); $(git rev-parse --short HEAD); server on core $SERVER_CPU, wrk on core $WRK_CPU; load average $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
case $WHICH in
  sqlite) bench_one sqlite || status=$? ;;
  postgres) bench_one postgres || status=$? ;;
  both)
    bench_one sqlite || status=$?
    bench_one postgres || status=$?
    ;;
esac
exit $status
