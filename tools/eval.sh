#!/bin/sh
# Score the extractor on the FRUS dev volume and list the worst documents.
# Run from the repository root (make eval).
set -eu
DEV=${DEV:-../shared/corpus/frus-dev/frus1958-60v01}
SCORER=${SCORER:-../shared/tools/score_frus.py}
OUT=${OUT:-bin/frus-dev.jsonl}
TOP=${TOP:-12}

go build -o bin/archivegraph ./cmd/archivegraph
bin/archivegraph extract "$DEV"/docs/*.txt > "$OUT"
python3 "$SCORER" "$DEV/gold.jsonl" "$OUT" --dev-persons "$DEV/persons.json"
echo
python3 tools/eval.py "$DEV/gold.jsonl" "$OUT" --scorer "$SCORER" --top "$TOP"
