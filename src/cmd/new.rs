//! `handbook new`: commented document and role files to start from, or a
//! copy of the built-in theme to change.

use std::path::Path;

pub fn run(root: &Path, target: &str, title: Option<&str>) -> Result<(), String> {
    let paths = handbook::scaffold::new(root, target, title).map_err(|e| format!("error: {e}"))?;
    for path in paths {
        println!("created {}", path.display());
    }
    Ok(())
}

pub fn theme(root: &Path, name: &str) -> Result<(), String> {
    let paths = handbook::scaffold::new_theme(root, name).map_err(|e| format!("error: {e}"))?;
    println!(
        "created themes/{name}/ ({} files); set `theme: {name}` in handbook.yaml to use it",
        paths.len()
    );
    Ok(())
}
