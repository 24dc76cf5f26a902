#!/usr/bin/env bash
# Build benchmarks (issue 8): full builds of generated handbooks of 100, 1,000
# and 10,000 roles (all four variants, org charts, search index), timed as
# the released binary runs them, with peak memory; then the stage breakdown
# and the incremental rebuild of `handbook serve` (cargo bench --bench build);
# then the conversion, search-index and org-chart benchmarks. Each reports
# median wall time and peak memory.
#
# Rewrites the sections "## Full build", "## Incremental rebuild",
# "## Script conversion", "## Search index" and "## Org chart layout" of
# docs/benchmarks.md and nothing else.
#
#   scripts/bench.sh              everything (7–10 minutes on 2 cores)
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
    echo "changed) validated again. Median and largest of the edits of each kind. Peak memory: the"
    echo "session's largest resident set over the edits of a kind, with what it held before them"
    echo "(after its first build and the edits before) in brackets."
    echo
    echo "Machine: $(machine)."
    echo
    echo "$edits"
    echo
} >"$incremental"
replace_section "Incremental rebuild" "$incremental"

# The benches' own sections: a fixed description, the machine, their tables.
other_section() {
    local bench=$1 title=$2 description=$3 out="$dir/$1-section.md"
    echo "cargo bench --bench $bench…" >&2
    if ! cargo bench --quiet --bench "$bench" >"$dir/$bench-bench.txt" 2>&1; then
        echo "  $bench failed; its section is left as it was:" >&2
        tail -n 20 "$dir/$bench-bench.txt" >&2
        return
    fi
    {
        echo "## $title"
        echo
        echo "$description"
        echo
        echo "Machine: $(machine)."
        echo
        cat "$dir/$bench-bench.txt"
        echo
    } >"$out"
    replace_section "$title" "$out"
}

if [[ ${BENCH_OTHERS:-1} != 0 ]]; then
    other_section convert "Script conversion" "$(cat <<'TEXT'
`cargo bench --bench convert` (`benches/convert.rs`): the built-in OpenCC 1.4.2 engine
(`convert::builtin::Engine`) on `tests/fixtures/seed.txt` (Traditional) repeated to 4.2 MB.
s2t, s2tw, s2hk (the build's three converted variants) and s2twp convert its Simplified
version (the engine's t2s output), t2s the Traditional original. First, the cost of the
first conversion of a config in a fresh process (building its tables); then the median of
7 runs after one warm-up. Peak memory is the bench process's largest resident set during
a case's runs, with what it held before them (the inputs, the tables) in brackets; the
allocator keeps what it freed, so a case after another may show no growth.
Target: at least 3× OpenCC's C++ throughput (see "Conversion against OpenCC" below).
TEXT
)"
    other_section search "Search index" "$(cat <<'TEXT'
`cargo bench --bench search` (`benches/search.rs`; set `HANDBOOK_SEARCH_DUMP=<folder>` to
keep the index files): the index of the real handbook in its four variants, and of two generated
10,000-role handbooks made from it (`handbook::generate::synthetic_handbook`, fixed seed, 50
roles per document). *Sentences*: real titles and whole real sentences recombined, as a
larger handbook of the same companies would be; every passage is stored once, so the index
grows by the entries only. *Clauses*: new sentences of 2–3 real clauses (split at ，；、), so
nearly every passage is new text, the worst case for size. Sizes are of `search-index.js`
as written; gzip is `flate2` at the default level. Build is `index_script`: the first run
(which also makes the character table from the OpenCC dictionaries, once per process) and
the median of 5. Peak memory as for conversion. Rust query: `Searcher::search` on every
prefix of 12 queries as typed, 5 rounds. Related roles: `related_roles` (TF-IDF cosine,
5 per role), median of 5. *Regional vocabulary*: what the groups of regional words
(`search::Vocabulary`) add to the index: the groups shipped, and the bytes of their words
plus the character pairs only those words need, raw and gzip.
Targets: under 3 MB gzip for 10,000 roles (the generated handbook; see
[decisions/search.md](decisions/search.md) for the Clauses case).
TEXT
)"
    other_section orgchart "Org chart layout" "$(cat <<'TEXT'
`cargo bench --bench orgchart` (`benches/orgchart.rs`): random recursive trees (each role
reports to a random earlier one, so a few roles have hundreds of reports) with titles of 2
to 12 ideographs, from a fixed seed; the median of the runs. *tree*: the tidy tree alone
(`layout_as(…, Style::Tree)`); *indented*: `layout_as(…, Style::Indented)`; *auto*:
`layout`, which for such wide trees tries the tree, then the stacked tree, then falls back
to the indented layout; *auto + SVG*: `to_svg`, that layout and the SVG text. Peak memory
over the row's cases, as for conversion. Target: under 50 ms for 10,000 roles. The real
handbook's charts have under 20 boxes each.
TEXT
)"
    other_section hostile "Inputs a user controls" "$(cat <<'TEXT'
`cargo bench --bench hostile` (`benches/hostile.rs`): one document holding an input whose
size a user controls, at the size given and at twice that size; `check` and a first `build`
(into an empty folder, in memory under `/dev/shm` so that the disk's delays are not
counted), the median of 3 runs. *ratio* is the build's time at twice the size over its time
at the size: about 2 is linear, about 4 quadratic. Refused inputs fail the build, as they
should; their time is the time to refuse. The rules that keep these linear are in
[decisions/output-safety.md](decisions/output-safety.md), "Inputs that must not stall a
build".
TEXT
)"
fi
echo "updated $doc" >&2
