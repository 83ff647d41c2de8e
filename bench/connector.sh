#!/usr/bin/env bash
# What clients cost a broker (issue 10), fluxj beside flux-core in one run:
#   bench/connector.sh [FLUX_CORE_PREFIX]   (build first: ./mvnw -DskipTests package)
# For each implementation, in a fresh size-1 instance, bench/connector-clients.py prints:
#  - rss_start_mb, threads_start:    the broker before the probe
#  - rss_with_1000_idle_mb, threads_with_1000_idle: with 1,000 idle connections
#  - rss_before_partial_mb, rss_with_4_partial_mb, rss_after_mb: with 4 clients each holding a 100 MiB message but
#    its last byte, then 15 s after they left
# flux-core is measured when FLUX_CORE_PREFIX (default /work/flux-core-install) holds bin/flux.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
core=${1:-/work/flux-core-install}
clients=$top/bench/connector-clients.py
probe='export BROKER_PID=$(flux getattr broker.pid)
    python3 '"$clients"' idle 1000
    python3 '"$clients"' partial 4 104857600'
echo "== fluxj"
"$top/bin/flux" start bash -c "$probe"
if [ -x "$core/bin/flux" ]; then
    echo "== flux-core"
    "$core/bin/flux" start bash -c "$probe"
fi
