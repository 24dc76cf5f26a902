//! `handbook new`: commented document and role files to start from.

use std::path::Path;

pub fn run(root: &Path, target: &str, title: Option<&str>) -> Result<(), String> {
    let paths = handbook::scaffold::new(root, target, title).map_err(|e| format!("error: {e}"))?;
    for path in paths {
        println!("created {}", path.display());
    }
    Ok(())
}
