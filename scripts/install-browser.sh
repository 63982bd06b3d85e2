#!/bin/sh
# Installs what the browser tests (e2e/) need: Debian's chromium and CJK fonts, from the Debian
# archive only (playwright-core drives /usr/bin/chromium; no browser is ever downloaded by npm).
# Run as root, or with sudo available. Does nothing when both are already installed.
set -e
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  echo "chromium 与 fonts-noto-cjk 已安装"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk
