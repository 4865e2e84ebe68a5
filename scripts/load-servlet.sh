#!/usr/bin/env bash
# Load test of BearerAuthFilter (not run by CI): what the filter costs on each container.
#
# For each container the example app (examples/servlet-app) runs twice on loopback ports, with the
# filter and with --no-auth. wrk (64 connections, 30 s per variant) sends GET /api/echo with the
# right key to both, in the order with/without/without/with (two halves each, so a drift in the
# machine's load hits both alike), and the table shows requests/s with the filter divided by
# requests/s without. Then, on the app with the filter, a right-key run and a wrong-keys run go in
# parallel: the first must get no non-2xx answer, the second nothing but 401.
#
# Usage: scripts/load-servlet.sh            (builds the jar if it is missing; needs wrk)
# Knobs: CONTAINERS="tomcat jetty-ee10 jetty-ee11" CONNECTIONS=64 DURATION=30 WARMUP=10
#        PARALLEL_DURATION=10 THREADS=2 JAVA=java JAVA_OPTS=
set -euo pipefail
cd "$(dirname "$0")/.."

CONTAINERS=${CONTAINERS:-"tomcat jetty-ee10 jetty-ee11"}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30}            # seconds per variant, split into two halves
WARMUP=${WARMUP:-10}                # seconds per server before measuring
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

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

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
  local port=""
  for _ in $(seq 1 240); do
    port=$(sed -n 's/^servlet-app: .* listening on port \([0-9]*\).*/\1/p' "$work/$name.out")
    [ -n "$port" ] && break
    sleep 0.25
  done
  [ -n "$port" ] || { echo "$name did not start:" >&2; cat "$work/$name.out" >&2; exit 1; }
  printf -v "PORT_$name" '%s' "$port"
}

# measure PORT SECONDS -> "requests seconds non2xx socket_errors p99"
measure() {
  ATLAS_LOAD_AUTH="Bearer $KEY" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s -s "$work/right.lua" \
    "http://127.0.0.1:$1/api/echo" | sed -n 's/^RESULT //p'
}
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

echo "load-servlet: $(nproc) cores, $(uptime | sed 's/.*load average/load average/'), $("$JAVA" -version 2>&1 | head -1)"
echo "wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per variant (2 halves, order with/without/without/with), warm-up ${WARMUP}s"
rows=()
for c in $CONTAINERS; do
  start auth "$c"
  start open "$c" --no-auth
  measure "$PORT_auth" "$WARMUP" >/dev/null
  measure "$PORT_open" "$WARMUP" >/dev/null
  half=$(( DURATION / 2 ))
  a1=$(measure "$PORT_auth" "$half"); o1=$(measure "$PORT_open" "$half")
  o2=$(measure "$PORT_open" "$half"); a2=$(measure "$PORT_auth" "$half")
  sum() { awk -v a="$(field "$1" "$2")" -v b="$(field "$1" "$3")" 'BEGIN { printf "%s", a + b }'; }
  auth_rps=$(awk -v r="$(sum requests "$a1" "$a2")" -v s="$(sum seconds "$a1" "$a2")" 'BEGIN { printf "%.0f", r / s }')
  open_rps=$(awk -v r="$(sum requests "$o1" "$o2")" -v s="$(sum seconds "$o1" "$o2")" 'BEGIN { printf "%.0f", r / s }')
  ratio=$(awk -v a="$auth_rps" -v o="$open_rps" 'BEGIN { printf "%.3f", a / o }')
  auth_bad=$(( $(field non2xx "$a1") + $(field non2xx "$a2") + $(field socket_errors "$a1") + $(field socket_errors "$a2") ))
  open_bad=$(( $(field non2xx "$o1") + $(field non2xx "$o2") + $(field socket_errors "$o1") + $(field socket_errors "$o2") ))

  # Parallel: right key and wrong keys at once against the app with the filter.
  right_out="$work/right-$c.txt"; wrong_out="$work/wrong-$c.txt"
  ATLAS_LOAD_AUTH="Bearer $KEY" wrk -t1 -c$(( CONNECTIONS / 2 )) -d"$PARALLEL_DURATION"s -s "$work/right.lua" \
    "http://127.0.0.1:$PORT_auth/api/echo" > "$right_out" &
  right_pid=$!
  ATLAS_LOAD_WRONG=$(key) wrk -t1 -c$(( CONNECTIONS / 2 )) -d"$PARALLEL_DURATION"s -s "$work/wrong.lua" \
    "http://127.0.0.1:$PORT_auth/api/echo" > "$wrong_out"
  wait "$right_pid"
  pr=$(sed -n 's/^RESULT //p' "$right_out"); pw=$(sed -n 's/^RESULT //p' "$wrong_out")
  rows+=("$(printf '%-11s %10s %10s %7s %9s %9s %6s %8s  %s' "$c" "$open_rps" "$auth_rps" "$ratio" \
    "$open_bad" "$auth_bad" "$(field p99_ms "$a2")" \
    "$(( $(field non2xx "$pr") + $(field socket_errors "$pr") ))/$(field requests "$pr")" \
    "$(field statuses "$pw")")")

  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
done

echo
printf '%-11s %10s %10s %7s %9s %9s %6s %8s  %s\n' container "rps-open" "rps-auth" "ratio" \
  "bad-open" "bad-auth" "p99ms" "par-bad" "parallel wrong-key statuses"
for row in "${rows[@]}"; do echo "$row"; done
echo
echo "ratio = rps-auth / rps-open (goal >= 0.97); bad-* = non-2xx + socket errors with the right key (goal 0);"
echo "par-bad = non-2xx/total of the right-key run while the wrong-key run hammers the same server (goal 0);"
echo "the last column must list only 401. $(uptime | sed 's/.*load average/load average/') at the end."
