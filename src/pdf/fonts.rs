//! Checking that a Chinese font is installed before printing: without one,
//! Chromium prints every Chinese character as an empty box and says nothing.

use std::io::ErrorKind;
use std::process::Command;

use super::PdfError;

/// Asks fontconfig, which Chromium uses to find fonts on Linux, for the
/// families that cover Chinese.
pub fn check_cjk_font() -> Result<(), PdfError> {
    let output = match Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
    {
        Ok(output) => output,
        Err(e) if e.kind() == ErrorKind::NotFound => return Err(PdfError::NoFontconfig),
        Err(e) => return Err(PdfError::Fontconfig(e.to_string())),
    };
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(PdfError::Fontconfig(format!(
            "{}: {}",
            output.status,
            stderr.trim()
        )));
    }
    if String::from_utf8_lossy(&output.stdout).trim().is_empty() {
        return Err(PdfError::NoCjkFont);
    }
    Ok(())
}
