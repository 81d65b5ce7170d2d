#!/bin/bash
# Generation time of cargo-progenitor against ours on the same operation copied N times
# (issue 19; docs/benchmarks.md, "Is generation >= 2x faster than progenitor on this machine?").
# Interleaved, RUNS rounds of: progenitor, then our CLI, each into a fresh folder; /usr/bin/time
# (wall, user, sys, peak RSS; user + sys include progenitor's rustfmt child) and the load average
# before each run. Writes under $OUT only (deleted at the end unless KEEP=1).
#
#   benches/peer_scale.sh CARGO_PROGENITOR OUR_CLI N [RUNS]
#   e.g. benches/peer_scale.sh /work/tools/progenitor/bin/cargo-progenitor target/release/otc-sdkgen 1000 3
#
# Inputs: ours reads $SPEC (default: spec/rds/v3/create_instance.yaml copied N times as
# create_instance_0001 … in $OUT/spec-N, as benches/scale_before_after.sh makes them); progenitor
# reads $PEER_DOC (default: `cargo run --release -p sdkgen --example peer_scale -- N`, the same
# operation from openapi/rds.yaml as OpenAPI 3.0, copied N times).
set -eu
PROGENITOR=$1 OURS=$2 N=$3 RUNS=${4:-3}
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$(mktemp -d /tmp/peer-scale.XXXXXX)}
mkdir -p "$OUT"
if [ -z "${SPEC:-}" ]; then
  SPEC=$OUT/spec-$N; mkdir -p "$SPEC/rds/v3"
  for i in $(seq -f "%04g" 1 "$N"); do
    sed "s/^  id: create_instance$/  id: create_instance_$i/" "$REPO/spec/rds/v3/create_instance.yaml" > "$SPEC/rds/v3/create_instance_$i.yaml"
  done
fi
if [ -z "${PEER_DOC:-}" ]; then
  PEER_DOC=$OUT/peer-$N.json
  (cd "$REPO" && cargo run -q --release -p sdkgen --example peer_scale -- "$N" "$PEER_DOC")
fi
TIME="%e s wall %U user %S sys %M KiB"
echo "progenitor: $PROGENITOR; ours: $OURS; N=$N; $(nproc) cores"
for run in $(seq 1 "$RUNS"); do
  rm -rf "$OUT/progenitor" "$OUT/ours" "$OUT/cache"; mkdir "$OUT/cache"
  echo "run $run progenitor: load $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -o "$OUT/time" -f "  $TIME" "$PROGENITOR" progenitor -i "$PEER_DOC" -o "$OUT/progenitor" -n peer-scale -v 0.1.0 \
    > "$OUT/log" 2>&1 || { cat "$OUT/log" "$OUT/time"; exit 1; }
  cat "$OUT/time"
  echo "run $run ours: load $(cut -d' ' -f1-3 /proc/loadavg)"
  SDKGEN_CACHE_DIR=$OUT/cache /usr/bin/time -o "$OUT/time" -f "  $TIME" "$OURS" --spec "$SPEC" --out "$OUT/ours" --no-cache generate \
    > "$OUT/log" 2>&1 || { cat "$OUT/log" "$OUT/time"; exit 1; }
  cat "$OUT/time"
done
for tool in progenitor ours; do
  echo "$tool writes: $(find "$OUT/$tool" -type f | wc -l) files, $(find "$OUT/$tool" -name '*.rs' | wc -l) .rs files, $(find "$OUT/$tool" -name '*.rs' -exec cat {} + | wc -l) lines of Rust, $(du -sh "$OUT/$tool" | cut -f1)"
done
[ "${KEEP:-}" = 1 ] && echo "kept: $OUT" || rm -rf "$OUT"
