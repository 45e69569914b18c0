#!/usr/bin/env bash
# Everything a fresh Debian machine needs for gouji and its tests: npm packages;
# LibreOffice (recalculates the written workbooks in tests), poppler (PDF → PNG),
# xmllint (validates the add-in manifest offline), jing (validates every .xlsx/.docx part
# against the ECMA-376 schemas in tests), Chromium (the task pane's browser test)
# and a font that shows Chinese.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
command -v jing >/dev/null 2>&1 || need+=(jing)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "安装系统软件包：${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
npm ci --no-audit --no-fund
