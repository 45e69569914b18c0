#!/usr/bin/env bash
# `npm run validate`: check manifest.xml against the Office add-in manifest schema (XSD), offline.
# The schema files are not part of gouji: put them in schemas/office/ (or name their folder in
# GOUJI_OFFICE_SCHEMAS). Without them the manifest is still checked for well-formed XML, and
# this script says what it skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest="${1:-manifest.xml}"
if ! command -v xmllint >/dev/null 2>&1; then
  echo "没有 xmllint，无法校验清单：请先安装（Debian/Ubuntu：apt-get install libxml2-utils）。" >&2
  exit 2
fi
dir=""
for d in "${GOUJI_OFFICE_SCHEMAS:-}" schemas/office ../shared/office-schemas; do
  if [ -n "$d" ] && [ -f "$d/OfficeAppManifestV1_1.xsd" ]; then dir="$d"; break; fi
done
if [ -z "$dir" ]; then
  xmllint --noout "$manifest"
  echo "已检查 $manifest 是格式正确的 XML；未按架构校验：没有找到 OfficeAppManifestV1_1.xsd。" \
    "请把微软公布的加载项清单架构（OfficeAppManifestV1_1.xsd 及其引用的 .xsd）放到 schemas/office/，或用 GOUJI_OFFICE_SCHEMAS 指定所在文件夹。"
  exit 0
fi
xmllint --noout --schema "$dir/OfficeAppManifestV1_1.xsd" "$manifest"
echo "清单 $manifest 符合加载项清单架构（$dir）。"
