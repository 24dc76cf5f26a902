#!/usr/bin/env bash
# Build benchmarks (issue 8): full builds of generated handbooks of 100, 1,000
# and 10,000 roles (all four variants, org charts, search index), timed as
# the released binary runs them, with peak memory; then the stage breakdown
# and the incremental rebuild of `handbook serve` (cargo bench --bench build);
# then the conversion, search and org-chart benchmarks, whose figures are
# kept in target/bench/ for their own sections of docs/benchmarks.md.
#
# Rewrites the sections "## Full build" and "## Incremental rebuild" of
# docs/benchmarks.md and nothing else.
#
#   scripts/bench.sh              everything (about 15 minutes on 2 cores)
#   BENCH_HUGE=1 scripts/bench.sh also builds 100,000 roles once
#   BENCH_SIZES="100 1000" BENCH_RUNS=3 BENCH_OTHERS=0 scripts/bench.sh
#
# Environment:
#   BENCH_SIZES   role counts to build (default "100 1000 10000")
#   BENCH_RUNS    builds per size and mode; the median is reported (default 5)
#   BENCH_BUILD_ROLES  sizes of the stage and incremental benchmark (default 1000,10000)
#   BENCH_EDITS   edits of each kind timed for the incremental rebuild (default 5)
#   BENCH_OTHERS  0 skips the convert, search and orgchart benches
#   BENCH_HUGE    1 also builds 100,000 roles (once; about 10 GB of disk)
#   BENCH_DIR     where handbooks are generated (default target/bench)
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=${BENCH_SIZES:-100 1000 10000}
runs=${BENCH_RUNS:-5}
dir=${BENCH_DIR:-$PWD/target/bench}
doc=docs/benchmarks.md

if [[ ! -x /usr/bin/time ]]; then
    echo "installing GNU time (Debian package time) for peak memory" >&2
    apt-get install -y -qq time >/dev/null
fi

cargo build --release --quiet
mkdir -p "$dir"
# A copy: other builds of the work tree must not swap the binary mid-run.
bin="$dir/handbook"
cp target/release/handbook "$bin"

# Prints "seconds peak-kilobytes" of one run of the binary.
timed() {
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$bin" "$@" >/dev/null
    cat "$dir/time.txt"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
maximum() { sort -n | tail -n 1; }

generate() {
    local root="$dir/roles-$1"
    generated_handbook "$1" "$root"
    echo "$root"
}

# "median-seconds max-peak-kB pages" of $runs builds of $1 roles; $2 = clean
# removes the output folder before each build, warm keeps the previous one.
full_builds() {
    local root out times=() line
    root=$(generate "$1")
    out="$root/output"
    "$bin" --root "$root" build >/dev/null # the warm runs start from a site
    for _ in $(seq "$runs"); do
        # The staging folder a build keeps would spare a clean build its work.
        [[ $2 == clean ]] && rm -rf "$out" "$root/.output.old" "$root/.output.new"
        line=$(timed --root "$root" build)
        times+=("$line")
    done
    local secs peak pages
    secs=$(printf '%s\n' "${times[@]}" | awk '{ print $1 }' | median)
    peak=$(printf '%s\n' "${times[@]}" | awk '{ print $2 }' | maximum)
    pages=$(find "$out" -name '*.html' | wc -l)
    echo "$secs $peak $pages"
}

machine() {
    local cpu mem
    cpu=$(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }')
    mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
    echo "$(nproc) cores ($cpu), $mem, Linux $(uname -r), $(rustc --version | cut -d' ' -f1-2), load average before the run $(cut -d' ' -f1-3 /proc/loadavg)"
}

# shellcheck source=scripts/lib.sh
. scripts/lib.sh

table=$dir/full-build.md
{
    echo "## Full build"
    echo
    echo "\`scripts/bench.sh\`: \`handbook build\` of handbooks made by \`handbook generate --roles N\`"
    echo "(documents of 100 roles, reporting trees 4–6 levels deep, real sentences of \`content/\`"
    echo "recombined), all four variants with org charts, print page and search index. Median of"
    echo "$runs runs of the release binary, timed with GNU time; peak is the largest resident set."
    echo "*Rebuild*: the previous site is in place (the usual case: unchanged pages are already in"
    echo "the staging folder kept from the build before). *Clean*: the output folder and the"
    echo "kept staging folder are removed before each build, so every file is created."
    echo
    echo "Machine: $(machine)."
    echo
    echo "| roles | pages written | rebuild | clean | ms per page (rebuild) | peak memory |"
    echo "|---:|---:|---:|---:|---:|---:|"
} >"$table"
for n in $sizes; do
    echo "full builds of $n roles…" >&2
    read -r warm peak_w pages < <(full_builds "$n" warm)
    read -r clean peak_c _ < <(full_builds "$n" clean)
    peak=$(printf '%s\n%s\n' "$peak_w" "$peak_c" | maximum)
    per_page=$(awk -v s="$warm" -v p="$pages" 'BEGIN { printf "%.2f", s * 1000 / p }')
    printf '| %s | %s | %s s | %s s | %s | %s MB |\n' "$n" "$pages" "$warm" "$clean" "$per_page" \
        "$(( peak / 1024 ))" >>"$table"
done
if [[ ${BENCH_HUGE:-0} == 1 ]]; then
    echo "full build of 100000 roles…" >&2
    root=$(generate 100000)
    rm -rf "$root/output" "$root/.output.old" "$root/.output.new"
    read -r secs peak < <(timed --root "$root" build)
    pages=$(find "$root/output" -name '*.html' | wc -l)
    printf '| 100000 | %s | | %s s | %s | %s MB |\n' "$pages" "$secs" \
        "$(awk -v s="$secs" -v p="$pages" 'BEGIN { printf "%.2f", s * 1000 / p }')" \
        "$(( peak / 1024 ))" >>"$table"
fi

echo "stage breakdown and incremental rebuilds…" >&2
HANDBOOK_BENCH_ROLES=${BENCH_BUILD_ROLES:-1000,10000} HANDBOOK_BENCH_EDITS=${BENCH_EDITS:-5} \
    cargo bench --quiet --bench build >"$dir/build-bench.txt"
stages=$(awk '/^\| stage/ { on = 1 } on && /^$/ { exit } on' "$dir/build-bench.txt")
edits=$(awk '/^\| roles \| edit/ { on = 1 } on' "$dir/build-bench.txt")
{
    echo
    echo "Where the time goes (\`cargo bench --bench build\`: each stage alone, one after the other;"
    echo "the build runs the variants and the pages of each variant in parallel on both cores):"
    echo
    echo "$stages"
    echo
} >>"$table"
replace_section "Full build" "$table"

incremental=$dir/incremental.md
{
    echo "## Incremental rebuild"
    echo
    echo "\`cargo bench --bench build\` (run by \`scripts/bench.sh\`): \`handbook serve\`'s rebuild after"
    echo "one edit, on generated handbooks (see [decisions/incremental.md](decisions/incremental.md))."
    echo "The first pass writes the pages of the edited role and document and their neighbours: the"
    echo "browser reloads after it on a large handbook. The whole rebuild adds related roles, the role"
    echo "index, org charts, print page and search index of every variant. As in \`handbook serve\`,"
    echo "the rebuild is told the path the file watcher saw, for a new role file (*add a role*) and a"
    echo "removed one (*remove a role* deletes the files *add a role* made) as for an edit: only that"
    echo "file is read, and only its document (and the documents linking to a role whose title"
    echo "changed) validated again. Median and largest of the edits of each kind."
    echo
    echo "Machine: $(machine)."
    echo
    echo "$edits"
    echo
} >"$incremental"
replace_section "Incremental rebuild" "$incremental"

if [[ ${BENCH_OTHERS:-1} != 0 ]]; then
    for bench in convert search orgchart; do
        echo "cargo bench --bench $bench…" >&2
        cargo bench --quiet --bench "$bench" >"$dir/$bench-bench.txt" 2>&1 || echo "  $bench failed" >&2
    done
    echo "their figures: $dir/{convert,search,orgchart}-bench.txt" >&2
fi
echo "updated $doc" >&2
