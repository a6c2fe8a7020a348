#!/usr/bin/env bash
# Portal benchmark (issue 2; documented in docs/BENCHMARKS.md; not part of the tests).
#
#   bash bench/portal.sh [sqlite|postgres|both]        (default: both)
#
# For each database: builds daihoi in release, starts it with the demo data in a fresh data dir
# (PostgreSQL: a fresh database on $PG_URL), saves the bytes of one demo article page, serves
# them with nginx (generated config, loopback, access_log off, 2 workers), and runs wrk against
# both with the same connections, every request a new cookieless visitor. Prints requests/s,
# p50/p99 latency, daihoi's peak RSS and the ratio daihoi/nginx; then stops daihoi with SIGTERM
# and checks that the visits stored grew by exactly the requests wrk sent.
#
# Settings (environment): CONNECTIONS=64 THREADS=2 DURATION=20 WARMUP=5 (seconds)
#   DAIHOI_BIN=<path> to measure a binary already built (release!) instead of building one
#   PG_URL=postgres://postgres@127.0.0.1:5432 (server URL without a database name)
# Only loopback addresses are used; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-20}
DURATION=${DURATION%s}
WARMUP=${WARMUP:-5}
WARMUP=${WARMUP%s}
# Last seconds of each run, sent as a returning visitor (see bench/wrk-report.lua).
TAIL=2
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
WHICH=${1:-both}
# The script's own requests say they are a bot, so they never count as people.
SCRIPT_UA="daihoi-bench-script-bot/1.0"

# --- tools -----------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
if [ "$WHICH" != sqlite ]; then command -v psql >/dev/null 2>&1 || need+=(postgresql-client); fi
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]} (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null ||
    { [[ " ${need[*]} " == *" nginx-light "* ]] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

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

# Runs wrk for $2 seconds of new visitors plus $TAIL seconds of a returning one (cookie $3);
# prints its BENCH line.
run_wrk() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$(($2 + TAIL))s" --latency -s "$ROOT/bench/wrk-report.lua" "$1" -- "$2" "${3:-}" |
    grep '^BENCH'
}
# CPU time (user + system, clock ticks) used so far by the processes $@ (all their threads).
cpu_ticks() {
  local total=0 p
  for p in "$@"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}
field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<" $1"; }

bench_one() {
  local backend=$1 db_url="" db_for_sql args=()
  local data="$WORK/$backend"
  mkdir -p "$data"
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
  echo "== $backend: starting daihoi (demo data) in $data"
  local port
  port=$(free_port)
  env -u DATABASE_URL RUST_LOG=warn "$DAIHOI" serve --listen "127.0.0.1:$port" --data-dir "$data" "${args[@]}" \
    >"$data/daihoi.log" 2>&1 &
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
  curl -s -A "$SCRIPT_UA" -c "$WORK/cookies.txt" -o "$WORK/www/page.html" "$url"
  # The visit cookie(s) daihoi set on that answer, as a Cookie header (HttpOnly ones included).
  local cookie
  cookie=$(awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) {printf "%s%s=%s", sep, $6, $7; sep="; "}' \
    "$WORK/cookies.txt")
  [ -n "$cookie" ] || { echo "daihoi set no visit cookie on $url" >&2; return 1; }
  chmod -R a+rX "$WORK/www"
  local nport
  nport=$(free_port)
  cat >"$WORK/nginx.conf" <<EOF
worker_processes 2;
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
  default_type "text/html; charset=utf-8";
  sendfile on;
  tcp_nopush on;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$nport;
    root $WORK/www;
    location / { try_files /page.html =404; }
  }
}
EOF
  "$NGINX" -c "$WORK/nginx.conf" -p "$WORK" &
  NGINX_PID=$!
  wait_http "http://127.0.0.1:$nport$path"
  local page_bytes
  page_bytes=$(stat -c %s "$WORK/www/page.html")
  echo "   page $path: $page_bytes bytes; daihoi :$port (pid $DAIHOI_PID), nginx :$nport"

  # Baseline of stored visits: so far only the script's bot requests reached daihoi.
  local before
  before=$(stored_visits "$db_for_sql")

  echo "   warm-up $WARMUP+$TAIL s each, then $DURATION+$TAIL s each: -t$THREADS -c$CONNECTIONS"
  local dw d nw n d_cpu0 d_cpu1 n_cpu0 n_cpu1 nginx_pids
  nginx_pids="$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"
  dw=$(run_wrk "$url" "$WARMUP" "$cookie")
  d_cpu0=$(cpu_ticks "$DAIHOI_PID")
  d=$(run_wrk "$url" "$DURATION" "$cookie")
  d_cpu1=$(cpu_ticks "$DAIHOI_PID")
  nw=$(run_wrk "http://127.0.0.1:$nport$path" "$WARMUP" "$cookie")
  # shellcheck disable=SC2086 # a list of pids
  n_cpu0=$(cpu_ticks $nginx_pids)
  n=$(run_wrk "http://127.0.0.1:$nport$path" "$DURATION" "$cookie")
  # shellcheck disable=SC2086
  n_cpu1=$(cpu_ticks $nginx_pids)
  local hwm
  hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$DAIHOI_PID/status")

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
  python3 - "$backend" "$dw" "$d" "$nw" "$n" "$hwm" "$rc" "$before" "$after" "$CONNECTIONS" "$hwm_start" "$DURATION" \
    "$((d_cpu1 - d_cpu0))" "$((n_cpu1 - n_cpu0))" "$(getconf CLK_TCK)" <<'PY' || ok=$?
import sys
backend, dw, d, nw, n, hwm, rc, before, after, conns, hwm_start = sys.argv[1:12]
def parse(line):
    return {k: float(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
dw, d, nw, n = map(parse, (dw, d, nw, n))
pb, bb = map(int, before.split()); pa, ba = map(int, after.split())
answered = int(dw["requests"] + d["requests"]); sent = int(dw["sent"] + d["sent"])
returning = int(dw["returning"] + d["returning"])
people = pa - pb
ratio = d["rps"] / n["rps"]
hwm_mib = int(hwm) / 1024
errors = {k: int(d[k] + dw[k]) for k in d if k.startswith("err_") and d[k] + dw[k]}
print(f"   {'':8} {'req/s':>10} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
for name, r in (("daihoi", d), ("nginx", n)):
    print(f"   {name:8} {r['rps']:>10.0f} {r['p50_us']/1000:>8.2f} {r['p90_us']/1000:>8.2f} {r['p99_us']/1000:>8.2f} {r['max_us']/1000:>8.2f}")
print(f"   ratio daihoi/nginx {ratio:.3f} (target >= 0.8); daihoi p99 {d['p99_us']/1000:.2f} ms (target <= 10)")
new_secs = float(sys.argv[12])
d_ticks, n_ticks, hz = map(int, sys.argv[13:16])
d_cpu_us = d_ticks * 1e6 / hz / d["requests"]
n_cpu_us = n_ticks * 1e6 / hz / n["requests"]
print(f"   server CPU time per request (user + system, all threads): daihoi {d_cpu_us:.1f} us, nginx {n_cpu_us:.1f} us")
print(f"   daihoi, new visitors only: about {d['sent']/new_secs:.0f} req/s in the first {new_secs:.0f} s; "
      f"as a returning visitor: about {d['returning']/(d['duration_us']/1e6 - new_secs):.0f} req/s in the last "
      f"{d['duration_us']/1e6 - new_secs:.0f} s (os.time() resolution: ±1 s)")
print(f"   daihoi peak RSS (VmHWM) {hwm_mib:.1f} MiB (target <= 64; {int(hwm_start)/1024:.1f} MiB after start-up and demo load); exit code after SIGTERM {rc}")
if errors: print(f"   wrk errors against daihoi: {errors}")
print(f"   visits: wrk answered {answered} requests: {sent} from new visitors, then {returning} written as a "
      f"returning visitor ({sent + returning - answered} of these in flight at wrk's stop); "
      f"people stored grew by {people}; bots by {ba-bb} (the script's own page fetch)")
lost = sent - people
verdict = "zero visits lost" if people == sent else (f"LOST {lost} visits" if lost > 0 else f"{-lost} visits too many")
print(f"   {verdict}")
print(f"RESULT backend={backend} conns={conns} daihoi_rps={d['rps']:.0f} nginx_rps={n['rps']:.0f} ratio={ratio:.3f} "
      f"p50_ms={d['p50_us']/1000:.2f} p99_ms={d['p99_us']/1000:.2f} nginx_p99_ms={n['p99_us']/1000:.2f} "
      f"cpu_us_daihoi={d_cpu_us:.1f} cpu_us_nginx={n_cpu_us:.1f} rss_mib={hwm_mib:.1f} answered={answered} sent={sent} people_stored={people} bots_stored={ba-bb} exit={rc}")
sys.exit(0 if people == sent and rc == "0" else 3)
PY
  if [ "$backend" = postgres ]; then
    psql -X -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS ${db_url##*/} WITH (FORCE)" >/dev/null || true
  fi
  return $ok
}

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(date -u +%Y-%m-%dT%H:%MZ); $(git rev-parse --short HEAD)"
status=0
case $WHICH in
  sqlite) bench_one sqlite || status=$? ;;
  postgres) bench_one postgres || status=$? ;;
  both)
    bench_one sqlite || status=$?
    bench_one postgres || status=$?
    ;;
  *) echo "usage: bash bench/portal.sh [sqlite|postgres|both]" >&2; exit 2 ;;
esac
exit $status
