#!/usr/bin/env bash
# The demo in one command: builds the control plane and the inference pod, then starts the control
# plane on http://localhost:${PORT:-8080}/ (it prints the URL). Open it, press "Start session".
# Every pod is a local child process and ends with the control plane (Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp -DskipTests -pl examples/control-plane,examples/inference-pod -am package

if [ ! -f examples/inference-pod/target/inference-pod.jar ]; then
  echo "examples/inference-pod/target/inference-pod.jar was not built; is the inference-pod example present?" >&2
  exit 1
fi
exec java -jar examples/control-plane/target/control-plane.jar
