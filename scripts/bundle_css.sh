#!/bin/sh
# Assembles the one stylesheet the page loads (target/css/dateline.css)
# from the partials in styles/, one per component, in cascade order: the
# base (variables, layout, panels) first, then the palette, then the
# components. Run by Trunk before every build (Trunk.toml, pre_build hook);
# index.html links the result, so the browser fetches one render-blocking
# CSS file instead of one per component.
set -eu
cd "$(dirname "$0")/.."
out=target/css/dateline.css
mkdir -p target/css
tmp="$out.tmp.$$"
: > "$tmp"
for part in base palette header search_box outlet_filters languages timeline events_lane event_passages result_list export_buttons reader \
  also_published compare workflow print; do
  printf '/* styles/%s.css */\n' "$part" >> "$tmp"
  cat "styles/$part.css" >> "$tmp"
done
# A partial not in the list above still ships, after the others.
for f in styles/*.css; do
  name=$(basename "$f" .css)
  case " base palette header search_box outlet_filters languages timeline events_lane event_passages result_list export_buttons reader also_published compare workflow print " in
    *" $name "*) ;;
    *) printf '/* styles/%s.css */\n' "$name" >> "$tmp"; cat "$f" >> "$tmp" ;;
  esac
done
mv "$tmp" "$out"
