//! Escaping and number formatting shared by the SVG and HTML writers.
//!
//! Both run for the chart on every role page, so they write into the output
//! without allocating per character or per number.

use std::fmt;

/// Escapes `text` for XML and HTML, in element content and in double- or
/// single-quoted attributes alike, appending to `out`.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    crate::text::replace_ascii(out, text, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        // Not allowed in XML 1.0 at all: an inline SVG must stay well-formed.
        b if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') => Some(""),
        _ => None,
    });
}

/// A coordinate rounded to tenths, written without a trailing `.0` and
/// never as `-0`, so the same layout always gives the same bytes. Kept as
/// an integer: equal numbers compare equal, and writing one needs no float
/// formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Num(i64);

pub(crate) fn num(value: f64) -> Num {
    let tenths = (value * 10.0).round();
    if !tenths.is_finite() || tenths.abs() > 1e15 {
        return Num(0);
    }
    Num(tenths as i64)
}

impl Num {
    /// Appends the number to `out`. Digit by digit rather than through
    /// `fmt`: a chart writes a few numbers per box, and `write!` was most of
    /// the cost of writing a role page's chart.
    pub(crate) fn push_to(self, out: &mut String) {
        if self.0 < 0 {
            out.push('-');
        }
        let tenths = self.0.unsigned_abs();
        // u64::MAX has 20 digits.
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut whole = tenths / 10;
        loop {
            at -= 1;
            digits[at] = b'0' + (whole % 10) as u8;
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        for &d in &digits[at..] {
            out.push(char::from(d));
        }
        if tenths % 10 != 0 {
            out.push('.');
            out.push(char::from(b'0' + (tenths % 10) as u8));
        }
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        self.push_to(&mut text);
        f.write_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(text: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, text);
        out
    }

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("总经理"), "总经理");
        assert_eq!(escape("甲\t乙\n丙\u{1f}"), "甲\t乙\n丙");
    }

    #[test]
    fn numbers_are_short_and_stable() {
        let text = |v: f64| num(v).to_string();
        assert_eq!(text(12.0), "12");
        assert_eq!(text(12.04), "12");
        assert_eq!(text(12.25), "12.3");
        assert_eq!(text(-0.04), "0");
        assert_eq!(text(-3.5), "-3.5");
        assert_eq!(text(-0.5), "-0.5");
        assert_eq!(text(1234.56), "1234.6");
        assert_eq!(text(f64::NAN), "0");
        assert_eq!(num(3.04), num(2.96));
    }
}
