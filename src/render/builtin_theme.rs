//! The default theme, built into the binary, so that a handbook kept
//! anywhere builds without a copy of `themes/default` (as mdBook's default
//! theme is built in). A `themes/default` folder of the handbook's own
//! replaces it whole; single templates are overridden from `templates/` on
//! top of either.
//!
//! The files are those of `themes/default/` in this repository, listed
//! here because `include_bytes!` needs each path; a test checks that the
//! list and the folder hold the same files with the same bytes.

/// The theme name that falls back to the built-in copy.
pub const NAME: &str = "default";

/// Where built-in files say they come from in error messages.
pub const ORIGIN: &str = "<built-in default theme>";

macro_rules! theme_files {
    ($($path:literal),* $(,)?) => {
        &[$((
            $path,
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)),
        )),*]
    };
}

/// Every file of the theme, by its path in the theme folder.
pub const FILES: &[(&str, &[u8])] = theme_files![
    "static/favicon.svg",
    "static/handbook.js",
    "static/nav.js",
    "static/print.css",
    "static/search.css",
    "static/search.js",
    "static/style.css",
    "strings.yaml",
    "templates/404.html",
    "templates/base.html",
    "templates/changes.html",
    "templates/components.html",
    "templates/document.html",
    "templates/header.html",
    "templates/index.html",
    "templates/orgcharts.html",
    "templates/print.html",
    "templates/role.html",
    "templates/roles.html",
    "templates/root.html",
    "templates/search.html",
    "templates/search_box.html",
    "templates/signature.html",
];

/// The files under `folder/`, by their path below it.
pub fn files_in(folder: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> + '_ {
    FILES.iter().filter_map(move |&(path, bytes)| {
        let rest = path.strip_prefix(folder)?.strip_prefix('/')?;
        Some((rest, bytes))
    })
}

/// The file at `path` in the theme folder.
pub fn file(path: &str) -> Option<&'static [u8]> {
    FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|&(_, bytes)| bytes)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn built_in_files_are_the_theme_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .map(|e| e.expect("theme folder readable"))
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&dir).expect("below the theme");
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let built_in: Vec<&str> = FILES.iter().map(|(path, _)| *path).collect();
        assert_eq!(
            built_in, on_disk,
            "src/render/builtin_theme.rs must list every file of themes/default"
        );
        for (path, bytes) in FILES {
            assert_eq!(
                std::fs::read(dir.join(path)).expect("theme file"),
                *bytes,
                "{path}"
            );
        }
    }

    #[test]
    fn files_are_found_by_folder_and_path() {
        let templates: Vec<&str> = files_in("templates").map(|(name, _)| name).collect();
        assert!(templates.contains(&"role.html"));
        assert!(!templates.iter().any(|name| name.contains('/')));
        assert!(file("strings.yaml").is_some());
        assert!(file("templates").is_none());
    }
}
