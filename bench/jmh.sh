#!/usr/bin/env bash
# Run the JMH benchmarks of bench/ (build first: ./mvnw -DskipTests package).
#   bench/jmh.sh [JMH options]     e.g. bench/jmh.sh Hostlist -f 1 -wi 3 -i 5
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=$top/bench/target/benchmarks.jar
[ -f "$jar" ] || { echo "jmh.sh: $jar not built; run ./mvnw -DskipTests package" >&2; exit 1; }
exec java -jar "$jar" "$@"
