#!/usr/bin/env bash
# Installs everything the app and its tests need on a Debian machine:
# system packages (when root and missing) and the npm packages. Where the
# Electron binary cannot be downloaded, npm ci is run again without it and
# `npm start` falls back to browser mode.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(chromium fonts-noto-cjk socat libusb-1.0-0 udev poppler-utils postgresql cups-ipp-utils dbus avahi-daemon)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing system packages (install them with sudo apt-get install): ${missing[*]}" >&2
  fi
fi

if ! npm ci --no-fund --no-audit; then
  echo "npm ci failed; retrying without the Electron binary download (browser mode only)." >&2
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-fund --no-audit
fi
