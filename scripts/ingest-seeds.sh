#!/usr/bin/env bash
# Ingests the seed articles of ../shared/seeds with the metadata of their manifest into DIR (default: data/), then
# folds the segments into DIR/index.json (the file the Worker bundles).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seeds=${SEEDS:-$here/../shared/seeds}
dir=${1:-$here/data}
node -e '
const m = require(process.argv[1]);
for (const a of m.articles) console.log([a.file, a.id, a.title, a.source ?? "", a.published].join("\x1f"));
' "$seeds/manifest.json" | while IFS=$'\x1f' read -r file id title source published; do
  args=(ingest "$seeds/$file" --data "$dir" --id "$id" --title "$title" --published "$published")
  [ -n "$source" ] && args+=(--source "$source")
  node "$here/bin/sitrep.js" "${args[@]}"
done
node "$here/bin/sitrep.js" build --data "$dir"
