#!/usr/bin/env bash
# A large KVS value through bin/flux (docs/limits.md): one put and one get, timed, in a fresh
# size-1 instance on a persistent statedir, then one get after a restart (a cold cache).
#   bench/bigvalue.sh [MB]   (build first: ./mvnw -DskipTests package; default 100 MB)
# Prints put_ms, get_ms and get_after_restart_ms (wall time, the command's JVM start included).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
flux=$top/bin/flux
mb=${1:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -c $((mb * 1000000)) /dev/urandom > "$work/value"
mkdir "$work/state"
export VALUE=$work/value
timed='s=$(date +%s%N); "$@"; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))'
"$flux" start -Sstatedir="$work/state" bash -c '
    t() { '"$timed"'; }
    echo "put_ms $(t sh -c "flux kvs put -r big=- < \"\$VALUE\"")"
    echo "get_ms $(t sh -c "flux kvs get -r big > \"\$VALUE.got\"")"
    cmp -s "$VALUE" "$VALUE.got" || { echo "value read back differs" >&2; exit 1; }'
"$flux" start -Sstatedir="$work/state" bash -c '
    t() { '"$timed"'; }
    echo "get_after_restart_ms $(t sh -c "flux kvs get -r big > \"\$VALUE.got\"")"
    cmp -s "$VALUE" "$VALUE.got" || { echo "value read back differs" >&2; exit 1; }'
