#!/usr/bin/env bash
# The shared libraries OpenCV (pulled in by rapidocr-onnxruntime) loads: libGL and GLib. The OCR
# models themselves ship inside the rapidocr-onnxruntime wheel. Installs them when missing and this
# runs as root; otherwise says what is needed.
set -euo pipefail
need=()
ldconfig -p | grep -q "libGL.so.1 " || need+=(libgl1)
ldconfig -p | grep -q "libgthread-2.0.so.0 " || need+=(libglib2.0-0)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "OCR of scanned PDFs needs: apt-get install ${need[*]} (run as root)" >&2
  exit 0
fi
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
