//! `handbook generate`: a made-up handbook of N roles for benchmarks.

use std::path::Path;

pub fn run(out: &Path, roles: usize) -> Result<(), String> {
    let made = handbook::generate::write_handbook(out, roles).map_err(|e| format!("error: {e}"))?;
    println!(
        "generated {} documents, {} roles ({} files) in {}",
        made.documents,
        made.roles,
        made.files,
        made.root.display()
    );
    Ok(())
}
