//! The layering of `src/` (docs/architecture.md, "Layers"): every `crate::`
//! path of the library is read with `syn`, outside test code, and the
//! modules it joins must point one way: no cycles between the top-level
//! modules or between the files of one module, and no module using one of
//! a higher layer.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// The library's top-level modules by layer, lowest first: a module may use
/// modules of its own layer or lower ones. Keep in step with
/// docs/architecture.md.
const LAYERS: &[&[&str]] = &[
    &["error", "lint", "text", "variant"],
    &["config", "content", "diagnostics"],
    &["model"],
    &[
        "changes", "check", "convert", "orgchart", "search", "generate", "import",
    ],
    &["render"],
    &["output"],
    &["pipeline"],
    &["incremental", "export", "pdf", "scaffold"],
    &["serve"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// One file's module path below `src/` (`render::html`), and the first two
/// parts of every `crate::` path it uses outside `#[cfg(test)]` items.
struct Uses {
    module: Vec<String>,
    targets: BTreeSet<Vec<String>>,
}

/// The `crate::` paths of one file, with `super::` and `self::` paths
/// resolved against `module`, the file's own module path.
struct Collect {
    module: Vec<String>,
    targets: BTreeSet<Vec<String>>,
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

impl Collect {
    fn add(&mut self, segments: Vec<String>) {
        if segments.len() < 2 {
            return;
        }
        let mut base = match segments.first().map(String::as_str) {
            Some("crate") => Vec::new(),
            Some("self") => self.module.clone(),
            Some("super") => self.module.clone(),
            _ => return,
        };
        let mut rest = &segments[1..];
        if segments[0] == "super" {
            base.pop();
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        let full: Vec<String> = base.into_iter().chain(rest.iter().cloned()).collect();
        if !full.is_empty() {
            self.targets.insert(full.into_iter().take(2).collect());
        }
    }
}

/// Every path a `use` tree names, as segments.
fn use_paths(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_paths(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => out.push([prefix.clone(), vec![n.ident.to_string()]].concat()),
        syn::UseTree::Rename(r) => out.push([prefix.clone(), vec![r.ident.to_string()]].concat()),
        syn::UseTree::Glob(_) => out.push(prefix.clone()),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_paths(t, prefix, out)),
    }
}

impl<'ast> Visit<'ast> for Collect {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Impl(i) => &i.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !is_test_only(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut paths = Vec::new();
        use_paths(&item.tree, &mut Vec::new(), &mut paths);
        paths.into_iter().for_each(|p| self.add(p));
    }

    /// Macro arguments (`format!`) are tokens, not syntax: paths are found
    /// in them as `ident :: ident …` runs.
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let mut tokens = Vec::new();
        flatten(mac.tokens.clone(), &mut tokens);
        let mut run: Vec<String> = Vec::new();
        let mut colons = 0;
        for token in tokens {
            match token {
                proc_macro2::TokenTree::Ident(ident) if run.is_empty() || colons == 2 => {
                    run.push(ident.to_string());
                    colons = 0;
                }
                proc_macro2::TokenTree::Punct(p) if p.as_char() == ':' && !run.is_empty() => {
                    colons += 1;
                }
                other => {
                    self.add(std::mem::take(&mut run));
                    colons = 0;
                    if let proc_macro2::TokenTree::Ident(ident) = other {
                        run.push(ident.to_string());
                    }
                }
            }
        }
        self.add(run);
        syn::visit::visit_macro(self, mac);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.add(path.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
    }
}

fn flatten(stream: proc_macro2::TokenStream, out: &mut Vec<proc_macro2::TokenTree>) {
    for token in stream {
        match token {
            proc_macro2::TokenTree::Group(group) => flatten(group.stream(), out),
            other => out.push(other),
        }
    }
}

fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

fn library_files() -> Vec<Uses> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<PathBuf> = walkdir_rs(&src);
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix(&src).ok()?.to_path_buf();
            let module = module_of(&rel);
            // The binary (`main.rs`, `cmd/`), the crate root and files
            // that are test modules.
            let skip = matches!(
                module.first().map(String::as_str),
                Some("main" | "cmd" | "lib")
            ) || module.last().is_some_and(|m| m == "tests");
            if skip {
                return None;
            }
            let text = fs::read_to_string(&path).expect("source readable");
            let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let mut collect = Collect {
                module: module.clone(),
                targets: BTreeSet::new(),
            };
            collect.visit_file(&file);
            Some(Uses {
                module,
                targets: collect.targets,
            })
        })
        .collect()
}

fn walkdir_rs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("src readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walkdir_rs(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// A cycle of `graph`, if it has one, as the modules in order.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        graph: &Graph,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(graph, next, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(graph, node, &mut Vec::new(), &mut done))
}

fn top_level_graph(files: &[Uses]) -> Graph {
    let mut graph = Graph::new();
    for file in files {
        let from = &file.module[0];
        let entry = graph.entry(from.clone()).or_default();
        for target in &file.targets {
            if &target[0] != from {
                entry.insert(target[0].clone());
            }
        }
    }
    graph
}

#[test]
fn top_level_modules_have_no_cycles() {
    let graph = top_level_graph(&library_files());
    if let Some(cycle) = find_cycle(&graph) {
        panic!("module cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn files_of_one_module_have_no_cycles() {
    let files = library_files();
    let mut graphs: BTreeMap<String, Graph> = BTreeMap::new();
    for file in files.iter().filter(|f| f.module.len() > 1) {
        let (top, own) = (&file.module[0], &file.module[1]);
        let graph = graphs.entry(top.clone()).or_default();
        let entry = graph.entry(own.clone()).or_default();
        for target in file.targets.iter().filter(|t| &t[0] == top && t.len() > 1) {
            if &target[1] != own {
                entry.insert(target[1].clone());
            }
        }
    }
    for (top, graph) in &graphs {
        if let Some(cycle) = find_cycle(graph) {
            panic!("cycle inside {top}: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn no_module_uses_a_higher_layer() {
    let graph = top_level_graph(&library_files());
    let mut wrong = Vec::new();
    for (from, targets) in &graph {
        let Some(own) = layer_of(from) else {
            wrong.push(format!("{from} is in no layer of LAYERS"));
            continue;
        };
        for to in targets {
            match layer_of(to) {
                Some(layer) if layer <= own => {}
                Some(_) => wrong.push(format!("{from} uses {to}, a higher layer")),
                None => wrong.push(format!("{to} is in no layer of LAYERS")),
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
