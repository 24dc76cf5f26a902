# Shared by the benchmark scripts; sourced, not run.

# Replaces the section "## $1" of $doc (up to the next "## ") with the file
# $2, or appends it, so each script rewrites only its own sections.
replace_section() {
    local title=$1 body=$2 tmp
    tmp=$(mktemp)
    awk -v title="## $title" -v body="$body" '
        function emit() { while ((getline line < body) > 0) print line; close(body) }
        $0 == title { emit(); skipping = 1; done = 1; next }
        skipping && /^## / { skipping = 0 }
        !skipping { print }
        END { if (!done) { print ""; emit() } }
    ' "$doc" >"$tmp"
    mv "$tmp" "$doc"
}

# Makes the generated handbook in $2 (unless it is there) with $1 roles. It
# builds with the binary's built-in default theme; a handbook generated
# before the theme was built in has a copy of its own, which would be the
# theme of that day, so it is removed.
generated_handbook() {
    local roles=$1 root=$2
    if [[ ! -f "$root/handbook.yaml" ]]; then
        rm -rf "$root"
        "$bin" generate --roles "$roles" --out "$root" >/dev/null
    fi
    rm -rf "$root/themes"
}
