#!/usr/bin/env bash
# KVS figures, as PERFORMANCE.md measures flux-core's: each in a fresh size-1 instance.
#   bench/kvs.sh [RUNS]   (build first: ./mvnw -DskipTests package)
# Prints one line per figure: the median of RUNS (default 3) runs (put_each: one run).
#  - put_each_ms:     1000 x `flux kvs put k$i=$i`, mean milliseconds per command
#  - put_batch_ms:    one `flux kvs put` of 1000 pairs (one commit), wall ms incl. JVM start
#  - get_each_ms:     100 x `flux kvs get k$i`, mean ms per command
#  - KvsLoad figures: commits/s (1 and 16 committers), lookups/s, watch latency (one JVM client)
#  - sqlite_kib_per_10k: content.sqlite size after 10,000 keys put in 10 commits of 1000
# (values differ per directory: identical directories would be stored once, content-addressed)
# Each figure is measured with the default settings (durable commits) and, where it says
# "nodur", with [kvs] durable-commits = false (flux-core's behaviour) for the cost of durability.
# A persistent statedir (synchronous=FULL) is used for the "disk" rows; a temporary one
# (synchronous=OFF, as flux-core's flux start) otherwise.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
flux=$top/bin/flux
runs=${1:-3}
jar=$top/bench/target/benchmarks.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '[kvs]\ndurable-commits = false\n' > "$work/nodur.toml"
mkdir -p "$work/conf-nodur" && cp "$work/nodur.toml" "$work/conf-nodur/kvs.toml"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s%N; }

# runs "$@" as the initial program of a fresh instance; extra broker options in $BOPTS
instance() { "$flux" broker ${BOPTS-} "$@"; }

put_each() {
    instance sh -c 's=$(date +%s%N); for i in $(seq 1 1000); do flux kvs put k$i=$i; done; e=$(date +%s%N);
        echo $(( (e - s) / 1000000 ))' | awk '{ printf "%.2f\n", $1 / 1000 }'
}
put_batch() {
    instance sh -c 'args=""; for i in $(seq 1 1000); do args="$args k$i=$i"; done;
        s=$(date +%s%N); flux kvs put $args; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))'
}
get_each() {
    instance sh -c 'for i in $(seq 1 100); do args="$args k$i=$i"; done; flux kvs put $args;
        s=$(date +%s%N); for i in $(seq 1 100); do flux kvs get k$i >/dev/null; done; e=$(date +%s%N);
        echo $(( (e - s) / 1000 ))' | awk '{ printf "%.2f\n", $1 / 100000 }'
}
load() {  # prints KvsLoad's lines
    instance sh -c "java -cp $jar org.fluxj.bench.KvsLoad $1 3"
}
size10k() {
    local sd=$work/sd.$RANDOM
    BOPTS="-Sstatedir=$sd ${BOPTS-}" instance sh -c 'for b in 0 1 2 3 4 5 6 7 8 9; do args="";
        for i in $(seq 1 1000); do args="$args job.b$b.k$i=value$b.$i"; done; flux kvs put $args; done'
    du -k "$sd/content.sqlite" | awk '{ print $1 }'
    rm -rf "$sd"
}

figure() {  # name command...
    local name=$1; shift
    local v
    v=$(for r in $(seq 1 "$runs"); do "$@"; done | median)
    echo "$name $v"
}

for mode in default nodur; do
    if [ $mode = nodur ]; then export BOPTS="-c $work/conf-nodur"; sfx=_nodur; else unset BOPTS; sfx=""; fi
    echo "put_each_ms$sfx $(put_each)"   # 1000 JVM starts: one run
    figure "put_batch_ms$sfx" put_batch
    figure "get_each_ms$sfx" get_each
    for c in 1 16; do
        for r in $(seq 1 "$runs"); do load $c; done > "$work/load.$mode.$c"
        echo "commits_per_s_c$c$sfx $(awk '$1=="commits_per_s"{print $2}' "$work/load.$mode.$c" | median)"
        if [ $c = 1 ]; then
            echo "lookups_per_s$sfx $(awk '$1=="lookups_per_s"{print $2}' "$work/load.$mode.$c" | median)"
            echo "watch_latency_ms$sfx $(awk '$1=="watch_latency_ms_median"{print $2}' "$work/load.$mode.$c" | median)"
        fi
        # the same load with a persistent statedir: synchronous=FULL
        for r in $(seq 1 "$runs"); do
            sd=$work/disk.$r; BOPTS="-Sstatedir=$sd ${BOPTS-}" load $c; rm -rf "$sd"
        done > "$work/disk.$mode.$c"
        echo "commits_per_s_c${c}_disk$sfx $(awk '$1=="commits_per_s"{print $2}' "$work/disk.$mode.$c" | median)"
    done
    figure "sqlite_kib_per_10k$sfx" size10k
done
