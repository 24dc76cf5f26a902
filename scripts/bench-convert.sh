#!/usr/bin/env bash
# Script-conversion throughput: the built-in engine (cargo bench --bench
# convert) against OpenCC's C++ command on the same ~4 MB texts.
#
# OpenCC's time is measured per run as wall time of
#   opencc -c CONFIG.json -i FILE -o OUT
# best of 5, and its start-up (loading dictionaries, timed on a one-line
# file) is subtracted so both sides count conversion only; the raw figure is
# printed too.
#
# Environment:
#   OPENCC_BIN         opencc command to time (default: opencc, Debian's 1.1.6)
#   OPENCC_CONFIG_DIR  directory holding its CONFIG.json files (default: let
#                      opencc find them in its data directory)
set -euo pipefail

cd "$(dirname "$0")/.."
opencc_bin=${OPENCC_BIN:-opencc}
if ! command -v "$opencc_bin" >/dev/null; then
    echo "error: $opencc_bin not found (Debian: apt-get install -y opencc)" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== built-in engine"
BENCH_CONVERT_DUMP="$work" cargo bench --quiet --bench convert | tee "$work/bench.txt"

config_path() {
    if [[ -n "${OPENCC_CONFIG_DIR:-}" ]]; then
        echo "$OPENCC_CONFIG_DIR/$1.json"
    else
        echo "$1.json"
    fi
}

# Best wall time in seconds of 5 runs of opencc with CONFIG on FILE.
best_time() {
    local config=$1 input=$2 best="" start end took
    for _ in 1 2 3 4 5; do
        start=$(date +%s.%N)
        "$opencc_bin" -c "$(config_path "$config")" -i "$input" -o "$work/out.txt"
        end=$(date +%s.%N)
        took=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }')
        if [[ -z "$best" ]] || awk -v t="$took" -v b="$best" 'BEGIN { exit !(t < b) }'; then
            best=$took
        fi
    done
    echo "$best"
}

echo "汉字" >"$work/tiny.txt"
echo
version=$("$opencc_bin" --version 2>/dev/null | grep -m 1 -i version || true)
package=""
if [[ "$opencc_bin" == opencc ]]; then
    package=$(dpkg-query -W -f '${Version}' opencc 2>/dev/null || true)
fi
echo "== $opencc_bin: ${version:-unknown version}${package:+ (Debian package $package)}"
printf '%-6s %8s %10s %12s %12s %8s %8s\n' config MB "opencc s" "opencc MB/s" "built-in MB/s" ratio "raw"
for pair in s2t:simplified s2twp:simplified t2s:traditional; do
    config=${pair%%:*}
    input="$work/${pair#*:}.txt"
    bytes=$(stat -c %s "$input")
    full=$(best_time "$config" "$input")
    startup=$(best_time "$config" "$work/tiny.txt")
    # The bench's throughput table: | config | input | median | N MB/s | peak |
    ours=$(awk -F' *[|] *' -v c="$config" '$2 == c && $5 ~ /MB\/s$/ { sub(/ MB\/s$/, "", $5); print $5 }' "$work/bench.txt")
    awk -v c="$config" -v b="$bytes" -v f="$full" -v s="$startup" -v o="$ours" 'BEGIN {
        mb = b / 1e6
        conv = f - s; if (conv <= 0) conv = f
        theirs = mb / conv
        printf "%-6s %8.2f %10.3f %12.1f %12.1f %7.1fx %7.1fx\n", c, mb, f, theirs, o, o / theirs, o / (mb / f)
    }'
done
echo "(ratio: built-in / opencc conversion-only throughput; raw: against opencc's whole run including start-up)"
