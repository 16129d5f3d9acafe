#!/usr/bin/env bash
# Measures the peak memory of `archivegraph extract` on a generated corpus of
# MB megabytes (default 100) and prints it. Extraction streams, so the figure
# should stay far below the size of the input.
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${MB:-100}
dir=${MEM_DIR:-tmp/mem-corpus}
[ -x /usr/bin/time ] || { echo "make mem: /usr/bin/time (GNU time) is needed" >&2; exit 1; }

go build -o bin/archivegraph ./cmd/archivegraph
if [ ! -f "$dir/.size-$MB" ]; then
	rm -rf "$dir"
	go run ./tools/gencorpus -mb "$MB" -out "$dir"
	touch "$dir/.size-$MB"
fi
echo "input: $(du -sh --exclude=.size-* "$dir" | cut -f1) in $dir"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
/usr/bin/time -v bin/archivegraph extract "$dir" >/dev/null 2>"$log" || { tail -20 "$log" >&2; exit 1; }
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$log"
