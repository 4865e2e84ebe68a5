#!/usr/bin/env bash
# Load test of BearerAuthFilter (not run by CI): what the filter costs on each container.
#
# For each container the example app (examples/servlet-app) runs twice on loopback ports, with the
# filter and with --no-auth. wrk (64 connections, 30 s per variant) sends GET /api/echo with the
# right key to both, in 6 rounds of 5 s that alternate which variant goes first (so a drift in the
# machine's load hits both alike), and the table shows requests/s with the filter divided by
# requests/s without, plus the median and range of the rounds' ratios. Then, on the app with the filter, a right-key run and a wrong-keys run go in
# parallel: the first must get no non-2xx answer, the second nothing but 401.
#
# Usage: scripts/load-servlet.sh            (builds the jar if it is missing; needs wrk)
# Knobs: CONTAINERS="tomcat jetty-ee10 jetty-ee11" CONNECTIONS=64 DURATION=30 ROUNDS=6 WARMUP=10
#        PARALLEL_DURATION=10 THREADS=2 JAVA=java JAVA_OPTS=
set -euo pipefail
cd "$(dirname "$0")/.."

CONTAINERS=${CONTAINERS:-"tomcat jetty-ee10 jetty-ee11"}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30}            # seconds per variant, split into ROUNDS slices
ROUNDS=${ROUNDS:-6}
WARMUP=${WARMUP:-15}                # seconds per server before measuring
PARALLEL_DURATION=${PARALLEL_DURATION:-10}
THREADS=${THREADS:-2}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
JAR=examples/servlet-app/target/servlet-app.jar

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if [ ! -f "$JAR" ]; then
  echo "building $JAR" >&2
  mvn -B -ntp -q -pl examples/servlet-app -am -DskipTests package
fi

mkdir -p target && work=$(mktemp -d "$PWD/target/load-servlet.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
on_error() {
  echo "load-servlet: failed; server output follows" >&2
  for f in "$work"/*.out; do [ -f "$f" ] && { echo "== $f" >&2; tail -20 "$f" >&2; }; done
}
trap on_error ERR

key() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
KEY=$(key)

# Right key on every request; prints one parsable line from wrk's own summary (no per-response hook,
# so wrk spends the same few cycles on both variants).
cat > "$work/right.lua" <<'EOF'
wrk.headers["Authorization"] = os.getenv("ATLAS_LOAD_AUTH")
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f non2xx=%d socket_errors=%d p99_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(99) / 1000))
end
EOF

# Wrong keys of every shape the filter must refuse; counts each status.
cat > "$work/wrong.lua" <<'EOF'
local wrong = { os.getenv("ATLAS_LOAD_WRONG"), "x", "Basic dXNlcjpw", "", string.rep("a", 600) }
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} n = 0 end
function request()
  n = n + 1
  local token = wrong[(n % #wrong) + 1]
  local value = token:find(" ") and token or ("Bearer " .. token)
  return wrk.format("GET", nil, { ["Authorization"] = value })
end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for status, count in pairs(t:get("statuses")) do all[status] = (all[status] or 0) + count end
  end
  local parts = {}
  for status, count in pairs(all) do table.insert(parts, status .. ":" .. count) end
  table.sort(parts)
  io.write(string.format("RESULT requests=%d statuses=%s\n", summary.requests, table.concat(parts, ",")))
end
EOF

# start NAME CONTAINER [--no-auth] -> sets PORT_<NAME>
start() {
  local name=$1 container=$2; shift 2
  HOST=127.0.0.1 PORT=0 ATLAS_PRESHARED_KEY="$KEY" "$JAVA" $JAVA_OPTS -jar "$JAR" --container "$container" "$@" \
    > "$work/$name.out" 2>&1 &
  pids+=($!)
  printf -v "PID_$name" '%s' "$!"
  local port=""
  for _ in $(seq 1 240); do
    port=$(sed -n 's/^servlet-app: .* listening on port \([0-9]*\).*/\1/p' "$work/$name.out")
    [ -n "$port" ] && break
    sleep 0.25
  done
  [ -n "$port" ] || { echo "$name did not start:" >&2; cat "$work/$name.out" >&2; exit 1; }
  echo "  $(date +%T) $container${*:+ $*} listening on port $port" >&2
  printf -v "PORT_$name" '%s' "$port"
}

# CPU time (user + system, clock ticks) a process has used so far
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# measure PORT SECONDS PID -> "requests seconds non2xx socket_errors p99 ticks": ticks is the CPU time
# the server used meanwhile, which other processes on a shared machine disturb far less than req/s.
measure() {
  echo "  $(date +%T) wrk ${2}s on port $1" >&2
  local before result
  before=$(cpu_ticks "$3")
  result=$(ATLAS_LOAD_AUTH="Bearer $KEY" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s -s "$work/right.lua" \
    "http://127.0.0.1:$1/api/echo" | sed -n 's/^RESULT //p')
  echo "$result ticks=$(( $(cpu_ticks "$3") - before ))"
}
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

echo "load-servlet: $(nproc) cores, $(uptime | sed 's/.*load average/load average/'), $("$JAVA" -version 2>&1 | head -1)"
echo "wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per variant in $ROUNDS alternating rounds, warm-up ${WARMUP}s"
rows=()
for c in $CONTAINERS; do
  start auth "$c"
  start open "$c" --no-auth
  measure "$PORT_auth" "$WARMUP" "$PID_auth" >/dev/null
  measure "$PORT_open" "$WARMUP" "$PID_open" >/dev/null
  # ROUNDS short rounds, alternating which variant goes first: a drift in the machine's load (other
  # builds on a shared box) then hits both alike. Totals give the ratio; the median of the rounds'
  # ratios, and their spread, say how much to trust it.
  slice=$(( DURATION / ROUNDS ))
  a_req=0 a_sec=0 o_req=0 o_sec=0 a_ticks=0 o_ticks=0 auth_bad=0 open_bad=0 round_ratios=() p99=""
  for r in $(seq 1 "$ROUNDS"); do
    if (( r % 2 )); then a=$(measure "$PORT_auth" "$slice" "$PID_auth"); o=$(measure "$PORT_open" "$slice" "$PID_open")
    else o=$(measure "$PORT_open" "$slice" "$PID_open"); a=$(measure "$PORT_auth" "$slice" "$PID_auth"); fi
    a_ticks=$(( a_ticks + $(field ticks "$a") )); o_ticks=$(( o_ticks + $(field ticks "$o") ))
    a_req=$(( a_req + $(field requests "$a") )); o_req=$(( o_req + $(field requests "$o") ))
    a_sec=$(awk -v x="$a_sec" -v y="$(field seconds "$a")" 'BEGIN { print x + y }')
    o_sec=$(awk -v x="$o_sec" -v y="$(field seconds "$o")" 'BEGIN { print x + y }')
    auth_bad=$(( auth_bad + $(field non2xx "$a") + $(field socket_errors "$a") ))
    open_bad=$(( open_bad + $(field non2xx "$o") + $(field socket_errors "$o") ))
    round_ratios+=("$(awk -v a="$(field requests "$a")" -v sa="$(field seconds "$a")" \
      -v o="$(field requests "$o")" -v so="$(field seconds "$o")" 'BEGIN { printf "%.3f", (a / sa) / (o / so) }')")
    p99=$(field p99_ms "$a")
  done
  auth_rps=$(awk -v r="$a_req" -v s="$a_sec" 'BEGIN { printf "%.0f", r / s }')
  open_rps=$(awk -v r="$o_req" -v s="$o_sec" 'BEGIN { printf "%.0f", r / s }')
  ratio=$(awk -v a="$auth_rps" -v o="$open_rps" 'BEGIN { printf "%.3f", a / o }')
  hz=$(getconf CLK_TCK)
  auth_cpu=$(awk -v t="$a_ticks" -v r="$a_req" -v hz="$hz" 'BEGIN { printf "%.1f", t / hz * 1e6 / r }')
  open_cpu=$(awk -v t="$o_ticks" -v r="$o_req" -v hz="$hz" 'BEGIN { printf "%.1f", t / hz * 1e6 / r }')
  cpu_ratio=$(awk -v a="$auth_cpu" -v o="$open_cpu" 'BEGIN { printf "%.3f", o / a }')
  spread=$(printf '%s\n' "${round_ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f [%s..%s]", m, v[1], v[NR] }')

  # Parallel: right key and wrong keys at once against the app with the filter.
  right_out="$work/right-$c.txt"; wrong_out="$work/wrong-$c.txt"
  ATLAS_LOAD_AUTH="Bearer $KEY" wrk -t1 -c$(( CONNECTIONS / 2 )) -d"$PARALLEL_DURATION"s -s "$work/right.lua" \
    "http://127.0.0.1:$PORT_auth/api/echo" > "$right_out" &
  right_pid=$!
  ATLAS_LOAD_WRONG=$(key) wrk -t1 -c$(( CONNECTIONS / 2 )) -d"$PARALLEL_DURATION"s -s "$work/wrong.lua" \
    "http://127.0.0.1:$PORT_auth/api/echo" > "$wrong_out"
  wait "$right_pid"
  pr=$(sed -n 's/^RESULT //p' "$right_out"); pw=$(sed -n 's/^RESULT //p' "$wrong_out")
  rows+=("$(printf '%-11s %9s %9s %6s %-20s %8s %8s %6s %8s %8s %8s %9s  %s' "$c" "$open_rps" "$auth_rps" "$ratio" "$spread" \
    "$open_cpu" "$auth_cpu" "$cpu_ratio" \
    "$open_bad" "$auth_bad" "$p99" \
    "$(( $(field non2xx "$pr") + $(field socket_errors "$pr") ))/$(field requests "$pr")" \
    "$(field statuses "$pw")")")

  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
done

echo
printf '%-11s %9s %9s %6s %-20s %8s %8s %6s %8s %8s %8s %9s  %s\n' container "rps-open" "rps-auth" "ratio" "median [min..max]" \
  "cpu-open" "cpu-auth" "ratio" \
  "bad-open" "bad-auth" "p99ms" "par-bad" "parallel wrong-key statuses"
for row in "${rows[@]}"; do echo "$row"; done
echo
echo "ratio = rps-auth / rps-open over all rounds (goal >= 0.97), then the median and range of the per-round ratios;"
echo "cpu-* = server CPU microseconds per request (user + system, all threads), cpu ratio = cpu-open / cpu-auth:"
echo "  the filter's cost in the form least disturbed by other work on a shared machine;"
echo "bad-* = non-2xx + socket errors with the right key (goal 0); p99ms = auth p99 latency of the last round;"
echo "par-bad = non-2xx/total of the right-key run while the wrong-key run hammers the same server (goal 0);"
echo "the last column must list only 401. $(uptime | sed 's/.*load average/load average/') at the end."
