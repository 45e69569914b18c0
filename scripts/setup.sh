#!/usr/bin/env bash
# Everything a fresh Debian machine needs for gouji and its tests: npm packages;
# LibreOffice (recalculates the written workbooks in tests), poppler (PDF → PNG),
# xmllint (validates the add-in manifest offline), jing and a JDK (validate every .xlsx/.docx
# part against the ECMA-376 schemas in tests, all of a file's parts in one JVM), Chromium (the task pane's browser test)
# and a font that shows Chinese; for the files units send: LibreOffice Writer (saves the
# tests' .doc/.docx), Tesseract's Chinese and English models (OCR of scanned PDFs, read from
# /usr/share/tesseract-ocr/5/tessdata), img2pdf and ImageMagick (the tests' scans).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
# Writer comes apart from Calc: without it soffice cannot save a .doc
dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || dpkg -s libreoffice-writer >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
[ -f /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ] || need+=(tesseract-ocr-chi-sim)
[ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || need+=(tesseract-ocr-eng)
command -v img2pdf >/dev/null 2>&1 || need+=(img2pdf)
command -v convert >/dev/null 2>&1 || need+=(imagemagick)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
command -v jing >/dev/null 2>&1 || need+=(jing)
command -v javac >/dev/null 2>&1 || need+=(default-jdk-headless)
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
# the task pane (dist/) and the offline copy (dist-offline/), built once here: the browser
# tests use them as built, and rebuild only what a later edit has made stale
npm run build --silent
