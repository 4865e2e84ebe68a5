#!/usr/bin/env bash
# Load comparison for the JAX-RS bearer filter (not run by CI): the inference pod with the filter
# on versus --no-auth, in the same run, on each runtime. GET /v1/models, 64 connections, 30 s per
# measurement, after a warm-up of each pod. MODE=abba (default) loads one pod at a time in the
# order on, off, off, on, so drift hits both sides alike; MODE=parallel loads both pods at the same
# time (one wrk each), so whatever else runs on the machine slows both equally and the ratio shows
# the filter's own cost. Both pods of a runtime run side by side. Requests are byte-identical
# (the no-auth pod gets the same Authorization header). Needs wrk (apt-get install wrk) and the
# shaded jar (built here if missing). On a shared machine, absolute figures are noise; the ratio
# is the figure of merit (target >= 0.97).
#
#   scripts/load-jaxrs.sh [jersey] [resteasy]   env: MODE=abba|parallel DURATION=30s CONNECTIONS=64 THREADS=2 WARMUP=10s
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=examples/inference-pod/target/inference-pod.jar
MODE=${MODE:-abba}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
RUNTIMES=("$@")
[ ${#RUNTIMES[@]} -gt 0 ] || RUNTIMES=(jersey resteasy)

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -f "$JAR" ] || mvn -B -ntp -q -pl examples/inference-pod -am package -DskipTests

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# A fresh key for this run, handed over in the environment only (never on a command line).
LOAD_KEY=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
export LOAD_KEY
cat > "$WORK/auth.lua" <<'LUA'
wrk.headers["Authorization"] = "Bearer " .. os.getenv("LOAD_KEY")
LUA

start_pod() { # runtime name extra-args... ; prints the port
  local runtime=$1 name=$2; shift 2
  PORT=0 ATLAS_PRESHARED_KEY=$LOAD_KEY java -jar "$JAR" --runtime "$runtime" "$@" \
    >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PIDS+=($!)
  for _ in $(seq 1 120); do
    if grep -q "ready on port" "$WORK/$name.out"; then
      sed -E 's/.*ready on port ([0-9]+).*/\1/' "$WORK/$name.out"
      return
    fi
    sleep 0.5
  done
  echo "$name did not start:" >&2; cat "$WORK/$name.err" >&2; exit 1
}

measure() { # port duration ; prints requests/sec, fails on any non-2xx answer
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 10s -s "$WORK/auth.lua" "http://127.0.0.1:$1/v1/models")
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers under load:" >&2; echo "$out" >&2; exit 1; fi
  awk '/^Requests\/sec:/ {print $2}' <<<"$out"
}

measure_both() { # port-on port-off duration ; prints "on off", both loaded at the same time
  measure "$1" "$3" >"$WORK/par-on" &
  local a=$!
  measure "$2" "$3" >"$WORK/par-off" &
  local b=$!
  wait "$a" "$b"
  echo "$(cat "$WORK/par-on") $(cat "$WORK/par-off")"
}

echo "# $(date -u +%FT%TZ)  $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), java $(java -version 2>&1 | head -1)"
if [ "$MODE" = parallel ]; then
  echo "# wrk -t$THREADS -c$CONNECTIONS -d$DURATION GET /v1/models on both pods at once, twice, after a $WARMUP warm-up"
  printf '%-9s %12s %12s %12s %12s %8s\n' runtime on-1 off-1 on-2 off-2 ratio
else
  echo "# wrk -t$THREADS -c$CONNECTIONS -d$DURATION GET /v1/models, order on/off/off/on after a $WARMUP warm-up of each"
  printf '%-9s %12s %12s %12s %12s %8s\n' runtime on-1 off-1 off-2 on-2 ratio
fi
for runtime in "${RUNTIMES[@]}"; do
  on=$(start_pod "$runtime" "$runtime-on")
  off=$(start_pod "$runtime" "$runtime-off" --no-auth)
  curl -fsS -o /dev/null -H "Authorization: Bearer $LOAD_KEY" "http://127.0.0.1:$on/v1/models"
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$on/v1/models")
  [ "$code" = 401 ] || { echo "the filter is not active on the 'on' pod (got $code)" >&2; exit 1; }
  if [ "$MODE" = parallel ]; then
    measure_both "$on" "$off" "$WARMUP" >/dev/null
    read -r a1 b1 <<<"$(measure_both "$on" "$off" "$DURATION")"
    read -r a2 b2 <<<"$(measure_both "$on" "$off" "$DURATION")"
    cols=("$a1" "$b1" "$a2" "$b2")
  else
    measure "$on" "$WARMUP" >/dev/null
    measure "$off" "$WARMUP" >/dev/null
    a1=$(measure "$on" "$DURATION"); b1=$(measure "$off" "$DURATION")
    b2=$(measure "$off" "$DURATION"); a2=$(measure "$on" "$DURATION")
    cols=("$a1" "$b1" "$b2" "$a2")
  fi
  ratio=$(awk -v a1="$a1" -v a2="$a2" -v b1="$b1" -v b2="$b2" 'BEGIN { printf "%.3f", (a1 + a2) / (b1 + b2) }')
  printf '%-9s %12s %12s %12s %12s %8s\n' "$runtime" "${cols[@]}" "$ratio"
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
  if grep -qF "$LOAD_KEY" "$WORK"/*.out "$WORK"/*.err; then echo "the key appeared in a pod's output" >&2; exit 1; fi
done
