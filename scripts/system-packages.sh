#!/usr/bin/env bash
# Install the Debian packages given as arguments that are not installed yet.
# As root: with apt-get. Otherwise: stop with a message naming what is missing.
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Saknade systempaket: ${missing[*]}" >&2
  echo "Installera dem först, t.ex.: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installerar systempaket: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
