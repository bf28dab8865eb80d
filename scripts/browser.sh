#!/usr/bin/env bash
# Debian's chromium and a CJK font for the end-to-end test (Playwright's own browser download
# is not used). Installs them when missing and this runs as root; otherwise says what is needed.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || need+=(fonts-wqy-microhei)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "the end-to-end test needs: apt-get install ${need[*]} (run as root)" >&2
  exit 0
fi
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
