#!/usr/bin/env bash
# flux dump / flux restore figures, each in a fresh size-1 instance holding 10,000 small keys in
# 10 directories plus 100 values of 4 KiB (blobs):
#   bench/dump.sh [RUNS]   (build first: ./mvnw -DskipTests package)
# Prints the median of RUNS (default 3) runs, wall milliseconds including the command's JVM start:
#  - dump_ms:            flux dump of the primary namespace to a .tgz
#  - dump_checkpoint_ms: flux dump --checkpoint --no-cache --maxreqs=128 (what rc3 runs for --gc)
#  - restore_key_ms:     flux restore --key of that archive
#  - gc_restart_ms:      flux start on a statedir whose dump/RESTORE is set, up to the initial
#                        program (rc1 restores the dump into an emptied content.sqlite)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
flux=$top/bin/flux
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

populate='for b in 0 1 2 3 4 5 6 7 8 9; do args="";
    for i in $(seq 1 1000); do args="$args job.b$b.k$i=value$b.$i"; done; flux kvs put $args; done
    big=$(head -c 4096 /dev/zero | tr "\0" v); args=""
    for i in $(seq 1 100); do args="$args blob.k$i=$i$big"; done; flux kvs put $args'
ms() { local s=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - s) / 1000000 )); }
export -f ms

one_run() {
    local sd=$work/sd.$1
    "$flux" broker -Sstatedir="$sd" bash -c "$populate
        echo dump_ms \$(ms flux dump -q $work/d.$1.tgz)
        echo dump_checkpoint_ms \$(ms flux dump -q --checkpoint --no-cache --maxreqs=128 $work/c.$1.tgz)
        echo restore_key_ms \$(ms flux restore -q --key=copy $work/d.$1.tgz)
        flux shutdown --gc --quiet >/dev/null 2>&1" 2>/dev/null || true
    local s=$(date +%s%N)
    "$flux" broker -Sstatedir="$sd" -Scontent.restore=auto sh -c 'echo gc_restart_ms $(( ($(date +%s%N) - '"$s"') / 1000000 ))'
    rm -rf "$sd"
}

for r in $(seq 1 "$runs"); do one_run "$r"; done > "$work/all"
for f in dump_ms dump_checkpoint_ms restore_key_ms gc_restart_ms; do
    echo "$f $(awk -v f=$f '$1==f{print $2}' "$work/all" | median)"
done
