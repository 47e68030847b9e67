#!/usr/bin/env bash
# Renders the toolbar/store icons in public/icon/ from the hand-drawn SVGs in assets/.
# Needs ImageMagick's `convert`. The 16 px icon has its own simplified drawing so it stays legible.
set -euo pipefail
cd "$(dirname "$0")/.."

# ImageMagick reads an SVG at 96 dpi per user unit; render at 4x the target size and scale down for clean edges.
render() { # render <svg> <viewBox size> <px>
  local density=$((96 * 4 * $3 / $2))
  convert -background none -density "$density" "$1" -filter Box -resize "$3x$3" -define png:exclude-chunks=date,time "png32:public/icon/$3.png"
  echo "public/icon/$3.png"
}

mkdir -p public/icon
render assets/icon-16.svg 16 16
for px in 32 48 96 128; do render assets/icon.svg 128 "$px"; done
