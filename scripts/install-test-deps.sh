#!/usr/bin/env bash
# Installs the Debian packages the tests need (a browser for end-to-end tests, a database server).
# Idempotent and quick when everything is already there.
set -euo pipefail
need=()
for pkg in "$@" ; do need+=("$pkg"); done
[ ${#need[@]} -gt 0 ] || exit 0
missing=()
for pkg in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing test dependencies: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
