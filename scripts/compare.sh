#!/usr/bin/env bash
# handbook side by side with Hugo and mdBook on the same generated handbook
# (issue 8). The content made by `handbook generate` is laid out for each
# tool: Hugo gets the same Markdown files (its front matter is YAML too),
# once with a minimal theme that shows the fields and once with a theme that
# has the same page parts as handbook's role page; mdBook gets src/SUMMARY.md and
# one chapter per document and per role, front matter written out as
# Markdown. Each tool publishes one language; handbook publishes four
# variants with org charts, a print page and a search index.
#
# The tools run in turn (handbook, Hugo, mdBook, handbook, …) because these
# machines are noisy, each into the output of its previous run. Prints one
# table and rewrites the section "## Compared with Hugo and mdBook" of
# docs/benchmarks.md, nothing else.
#
#   scripts/compare.sh                   10,000 roles, 5 rounds
#   COMPARE_ROLES=1000 COMPARE_RUNS=3 scripts/compare.sh
#
# A tool whose build takes over COMPARE_SLOW seconds (default 120) runs in
# the first round only.
#
# Installs Debian's hugo and `cargo install mdbook` when missing.
set -euo pipefail

cd "$(dirname "$0")/.."
roles=${COMPARE_ROLES:-10000}
runs=${COMPARE_RUNS:-5}
slow=${COMPARE_SLOW:-120}
dir=${COMPARE_DIR:-$PWD/target/compare}
doc=docs/benchmarks.md

need() {
    command -v "$1" >/dev/null && return
    echo "installing $1…" >&2
    case $1 in
    hugo) apt-get install -y -qq hugo >/dev/null ;;
    mdbook) cargo install --locked --quiet mdbook ;;
    time) apt-get install -y -qq time >/dev/null ;;
    esac
}
need hugo
need mdbook
[[ -x /usr/bin/time ]] || need time
command -v python3 >/dev/null || { echo "error: python3 is needed to lay out the content" >&2; exit 1; }

cargo build --release --quiet
mkdir -p "$dir"
bin="$dir/handbook"
cp target/release/handbook "$bin"
site="$dir/roles-$roles"
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
generated_handbook "$roles" "$site"

echo "laying out $roles roles for Hugo and mdBook…" >&2
rm -rf "$dir/hugo" "$dir/hugo-full" "$dir/mdbook"
python3 - "$site" "$dir" <<'PY'
import json, os, sys

site, out = sys.argv[1], sys.argv[2]
content = os.path.join(site, "content")

def front_matter(path):
    """The generated files' front matter: `key: "json"` and `  - "json"`."""
    text = open(path, encoding="utf-8").read()
    _, yaml, body = text.split("---\n", 2)
    meta, key = {}, None
    for line in yaml.splitlines():
        if line.startswith("  - "):
            meta.setdefault(key, []).append(json.loads(line[4:]))
        elif ": " in line:
            key, value = line.split(": ", 1)
            meta[key] = json.loads(value) if value.startswith(('"', "[")) else value
        elif line.endswith(":"):
            key = line[:-1]
    return meta, body

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

def hugo_site(name):
    """A Hugo site over the same content; layouts are written below."""
    root = os.path.join(out, name)
    write(os.path.join(root, "hugo.toml"), """baseURL = "/"
languageCode = "zh-Hans"
title = "handbook comparison"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
""")
    return root

lists = "".join(
    '{{ with .Params.%s }}<h2>%s</h2><ol>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ol>{{ end }}\n' % kv
    for kv in [("key_responsibility", "岗位关键职责"), ("authority", "岗位权限"), ("qualifications", "任职条件")]
)

# Minimal: the role's fields and nothing else.
hugo = hugo_site("hugo")
head = '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head><body>\n'
write(os.path.join(hugo, "layouts/_default/single.html"), head +
      '<nav><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></nav><h1>{{ .Title }}</h1>\n'
      '<p>{{ .Params.reports_to }}</p>\n<h2>职责</h2>{{ .Content }}\n' + lists +
      '{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
      '{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n')
write(os.path.join(hugo, "layouts/_default/list.html"), head +
      '<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n')
write(os.path.join(hugo, "layouts/index.html"), head +
      '<h1>{{ .Site.Title }}</h1><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n')

# Same page parts as handbook's role page (themes/default: base.html,
# search_box.html, role.html) except the org chart and related roles, which
# Hugo has no equivalent for: head with stylesheets, header with the site
# navigation and the search form, breadcrumbs, the document and organization,
# the superior looked up by id, direct reports found among the section's
# pages, the four lists, previous and next, footer and scripts.
hugo_full = hugo_site("hugo-full")
write(os.path.join(hugo_full, "layouts/_default/baseof.html"), """<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="stylesheet" href="/static/print.css" media="print">
<link rel="alternate" hreflang="zh-Hans" href="{{ .RelPermalink }}">
</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
<header class="site-header"><div class="site-header-inner">
<a class="site-title" href="/index.html">{{ .Site.Title }}</a>
<nav class="site-nav" aria-label="网站导航"><ul>
<li><a href="/index.html">首页</a></li><li><a href="/roles.html">岗位索引</a></li>
<li><a href="/orgcharts.html">组织结构图</a></li><li><a href="/print.html">打印版</a></li>
<li><a href="/search.html">搜索</a></li></ul></nav>
<link rel="stylesheet" href="/static/search.css">
<form class="site-search" id="site-search" role="search" action="/search.html" method="get" aria-label="搜索岗位职责"
 data-index="/search-index.js" data-root="/" data-status="site-search-status" data-msg-count="找到 {count} 条结果"
 data-msg-shown="显示前 {shown} 条" data-msg-none="没有找到" data-msg-more="查看全部结果" data-msg-loading="正在载入"
 data-msg-error="搜索索引无法载入" data-label-department="部门职责" data-field0="岗位名称" data-field1="岗位关键职责"
 data-field2="岗位职责" data-field3="岗位权限" data-field4="任职条件">
<label class="search-visually-hidden" for="site-search-q">搜索岗位职责</label>
<input id="site-search-q" class="search-input" type="search" name="q" placeholder="搜索岗位、职责…" autocomplete="off"
 spellcheck="false" enterkeyhint="search" aria-keyshortcuts="/" role="combobox" aria-autocomplete="list"
 aria-expanded="false" aria-controls="site-search-list">
<button class="search-submit" type="submit">搜索</button>
<div class="search-popup" hidden><div id="site-search-list" class="search-results" role="listbox" aria-label="搜索结果" hidden></div>
<p class="search-message" aria-hidden="true" hidden></p></div>
<p id="site-search-status" class="search-visually-hidden" role="status" aria-live="polite"></p>
</form>
<script src="/static/search.js" defer></script>
</div></header>
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p>岗位职责手册</p></footer>
<script src="/static/handbook.js"></script>
</body>
</html>
""")
write(os.path.join(hugo_full, "layouts/_default/single.html"), """{{ define "title" }}{{ .Title }} · {{ .Parent.Title }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
<nav class="breadcrumbs" aria-label="面包屑"><ol>
<li><a href="/index.html">首页</a></li>
<li><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></li>
<li><span aria-current="page">{{ .Title }}</span></li></ol></nav>
<article class="role">
<h1>{{ .Title }}</h1>
<dl class="facts role-facts">
<div><dt>所属文档</dt><dd><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a>（{{ .Parent.Params.organization }}）</dd></div>
<div><dt>直接上级</dt><dd>{{ with .Params.reports_to }}{{ with $.Site.GetPage (printf "/%s/%s" $.Section .) }}<a href="{{ .RelPermalink }}" rel="up">{{ .Title }}</a>{{ else }}<span class="external">{{ . }}</span>{{ end }}{{ else }}无{{ end }}</dd></div>
{{ $id := .File.ContentBaseName }}
<div><dt>直接下级</dt><dd>{{ with where .CurrentSection.Pages "Params.reports_to" $id }}<ul class="inline-list">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ else }}无{{ end }}</dd></div>
</dl>
{{ with .Params.key_responsibility }}<section aria-labelledby="key-responsibility"><h2 id="key-responsibility">岗位关键职责</h2><div class="key-responsibility"><ol>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ol></div></section>{{ end }}
<section aria-labelledby="duties"><h2 id="duties">岗位职责</h2><div class="duties">{{ .Content }}</div></section>
{{ with .Params.authority }}<section aria-labelledby="authority"><h2 id="authority">岗位权限</h2><div class="authority"><ol>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ol></div></section>{{ end }}
{{ with .Params.qualifications }}<section aria-labelledby="qualifications"><h2 id="qualifications">任职条件</h2><div class="qualifications"><ol>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ol></div></section>{{ end }}
</article>
<nav class="pager" aria-label="翻页">
{{ with .PrevInSection }}<a class="prev" rel="prev" href="{{ .RelPermalink }}"><span class="pager-label">上一个</span> {{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a class="next" rel="next" href="{{ .RelPermalink }}"><span class="pager-label">下一个</span> {{ .Title }}</a>{{ end }}
</nav>
{{ end }}
""")
write(os.path.join(hugo_full, "layouts/_default/list.html"), """{{ define "main" }}
<h1>{{ .Title }}</h1><p>{{ .Params.organization }}</p>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""")
write(os.path.join(hugo_full, "layouts/index.html"), """{{ define "main" }}
<h1>{{ .Site.Title }}</h1><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""")

book = os.path.join(out, "mdbook")
write(os.path.join(book, "book.toml"), '[book]\ntitle = "handbook comparison"\nlanguage = "zh"\n')
summary = ["# Summary", ""]
sections = [("key_responsibility", "岗位关键职责"), ("authority", "岗位权限"), ("qualifications", "任职条件")]
for d in sorted(os.listdir(content)):
    folder = os.path.join(content, d)
    if not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        src = os.path.join(folder, name)
        text = open(src, encoding="utf-8").read()
        write(os.path.join(hugo, "content", d, name), text)
        write(os.path.join(hugo_full, "content", d, name), text)
        meta, body = front_matter(src)
        chapter = ["# " + meta.get("title", name), ""]
        if name == "_index.md":
            summary.append("- [%s](%s/README.md)" % (meta.get("title", d), d))
            chapter += [meta.get("organization", ""), "", body]
            write(os.path.join(book, "src", d, "README.md"), "\n".join(chapter))
            continue
        summary.append("  - [%s](%s/%s)" % (meta.get("title", name), d, name))
        chapter += ["直接上级：" + str(meta.get("reports_to", "")), "", "## 职责", "", body]
        for key, heading in sections:
            if meta.get(key):
                chapter += ["## " + heading, ""] + ["%d. %s" % (i + 1, t) for i, t in enumerate(meta[key])] + [""]
        write(os.path.join(book, "src", d, name), "\n".join(chapter))
write(os.path.join(book, "src", "SUMMARY.md"), "\n".join(summary) + "\n")
PY

# Prints "seconds peak-kilobytes" of one run.
timed() {
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt" || {
        cat "$dir/stderr.txt" >&2
        exit 1
    }
    cat "$dir/time.txt"
}
run_handbook() { timed "$bin" --root "$site" build; }
run_hugo() { timed hugo --source "$dir/hugo" --destination "$dir/hugo/public" --quiet; }
run_hugo_full() { timed hugo --source "$dir/hugo-full" --destination "$dir/hugo-full/public" --quiet; }
run_mdbook() { timed mdbook build "$dir/mdbook"; }
tools=(handbook hugo hugo_full mdbook)
declare -A times peaks rounds
# First builds, not counted, so each tool then builds over its own output.
# mdBook empties its output folder before every build, so it has no such
# state to set up (and takes minutes on 10,000 chapters).
load=$(cut -d' ' -f1-3 /proc/loadavg)
for tool in handbook hugo hugo_full; do "run_$tool" >/dev/null; done
for round in $(seq "$runs"); do
    echo "round $round of $runs…" >&2
    for tool in "${tools[@]}"; do
        # A tool that needs more than $slow seconds a build runs once: its
        # figure is not close to the others anyway.
        if [[ -n ${times[$tool]:-} ]] && awk -v t="${times[$tool]%% *}" -v s="$slow" 'BEGIN { exit !(t > s) }'; then
            continue
        fi
        read -r secs peak < <("run_$tool")
        times[$tool]+="$secs "
        peaks[$tool]+="$peak "
        rounds[$tool]=$(( ${rounds[$tool]:-0} + 1 ))
    done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
maximum() { tr ' ' '\n' | grep . | sort -n | tail -n 1; }
count_pages() { find "$1" -name '*.html' | wc -l; }
declare -A pages=(
    [handbook]=$(count_pages "$site/output")
    [hugo]=$(count_pages "$dir/hugo/public")
    [hugo_full]=$(count_pages "$dir/hugo-full/public")
    [mdbook]=$(count_pages "$dir/mdbook/book")
)
declare -A label=(
    [handbook]="handbook $(grep -m1 '^version' Cargo.toml | cut -d'"' -f2) (4 variants)"
    [hugo]="Hugo $(hugo version | awk '{ print $2 }' | cut -d+ -f1 | cut -d- -f1), minimal theme"
    [hugo_full]="Hugo $(hugo version | awk '{ print $2 }' | cut -d+ -f1 | cut -d- -f1), same page parts"
    [mdbook]="mdBook $(mdbook --version | awk '{ print $2 }')"
)
hb_secs=$(echo "${times[handbook]}" | median)
hb_pages=${pages[handbook]}

cpu=$(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }')
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
section=$dir/compare.md
{
    echo "## Compared with Hugo and mdBook"
    echo
    echo "\`scripts/compare.sh\`: the same generated handbook of $roles roles, laid out for each tool"
    echo "(Hugo, one language, the same Markdown files twice: with a minimal theme showing only the"
    echo "role's fields, and with a theme carrying the same page parts as handbook's role page:"
    echo "header, navigation, search form, breadcrumbs, superior and direct-report links, the four"
    echo "lists, previous and next; only the org chart and related roles are left out;"
    echo "mdBook: a chapter per document and per role, with its default theme and search index)."
    echo "The tools ran in turn, up to $runs rounds (a tool slower than ${slow} s a build ran once), each"
    echo "building over its previous output; median wall time, largest peak resident memory (GNU time). handbook writes every page in four scripts"
    echo "with org charts, a print page and a search index per script. A ratio below 1 means"
    echo "handbook took less time."
    echo
    echo "Machine: $(nproc) cores ($cpu), $mem, Linux $(uname -r), load average before the run $load."
    echo
    echo "| tool | pages written | runs | wall time | peak memory | ms per page | handbook ÷ tool (overall) | handbook ÷ tool (per page) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    for tool in "${tools[@]}"; do
        secs=$(echo "${times[$tool]}" | median)
        peak=$(echo "${peaks[$tool]}" | maximum)
        awk -v name="${label[$tool]}" -v s="$secs" -v p="${pages[$tool]}" -v k="$peak" \
            -v hs="$hb_secs" -v hp="$hb_pages" -v n="${rounds[$tool]}" 'BEGIN {
                printf "| %s | %d | %d | %.2f s | %d MB | %.3f | %.2f | %.2f |\n",
                    name, p, n, s, k / 1024, s * 1000 / p, hs / s, (hs / hp) / (s / p)
            }'
    done
    echo
} >"$section"
cat "$section"

replace_section "Compared with Hugo and mdBook" "$section"
echo "updated $doc" >&2
