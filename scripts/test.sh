#!/usr/bin/env bash
# The project's one test command: installs what the tests need on a fresh machine, then runs the
# whole Maven build with every test. Uses JAVA_HOME when set (CI runs it on Java 17, then 25).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh chromium chromium-driver

mvn -v | grep -E 'Apache Maven|Java version'
mvn -B -ntp ${MAVEN_ARGS_EXTRA:-} clean verify
