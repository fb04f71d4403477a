#!/usr/bin/env bash
# Installs the system packages gapmap needs, if any is missing (Debian/Ubuntu).
# Usage: scripts/install-deps.sh [extra-package ...]
set -euo pipefail
packages=(libgeos-dev libproj-dev libgdal-dev libsqlite3-dev pkg-config "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "gapmap needs a Swift 6 toolchain (swift.org/install); 'swift' is not on PATH." >&2
  exit 1
fi
