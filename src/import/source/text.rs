//! Text files in the encodings HR systems and Word save them in: UTF-8 with
//! or without a byte-order mark, UTF-16 with one, GB18030/GBK and Big5,
//! detected as Firefox does (a byte-order mark, else valid UTF-8, else
//! chardetng's guess) unless the user names one.

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// How the encoding of a text file was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    /// `--encoding`.
    Named,
    /// A byte-order mark.
    Mark,
    /// The bytes are valid UTF-8.
    Valid,
    /// chardetng's guess from the bytes.
    Guessed,
}

/// A text file decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// Lines ending in LF, CR LF or a lone CR, without their endings.
    pub text: String,
    pub encoding: &'static Encoding,
    pub decided: Decided,
    /// Byte sequences that were not valid in the encoding, each replaced by
    /// U+FFFD; their lines are reported.
    pub malformed: bool,
}

/// The encodings `--encoding` accepts, by the names the report uses.
pub const NAMED: &[&str] = &["UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "GBK", "Big5"];

/// The encoding for a name given with `--encoding` (any WHATWG label:
/// `gbk`, `gb2312`, `big5`, `utf-16le` …). GBK and GB2312 are read as
/// GB18030, their superset.
pub fn encoding_named(name: &str) -> Option<&'static Encoding> {
    let found = Encoding::for_label(name.trim().as_bytes())?;
    Some(if found == GBK { GB18030 } else { found })
}

/// Decodes `bytes`, in `named` when given, else in the encoding detected.
pub fn decode(bytes: &[u8], named: Option<&'static Encoding>) -> Decoded {
    let (encoding, decided, body) = decide(bytes, named);
    let (text, malformed) = encoding.decode_without_bom_handling(body);
    Decoded {
        text: text.replace("\r\n", "\n").replace('\r', "\n"),
        encoding,
        decided,
        malformed,
    }
}

/// The encoding, how it was decided, and the bytes after any byte-order
/// mark of that encoding.
fn decide<'b>(
    bytes: &'b [u8],
    named: Option<&'static Encoding>,
) -> (&'static Encoding, Decided, &'b [u8]) {
    let bom = Encoding::for_bom(bytes);
    if let Some(named) = named {
        let body = match bom {
            Some((encoding, len)) if encoding == named => &bytes[len..],
            _ => bytes,
        };
        return (named, Decided::Named, body);
    }
    if let Some((encoding, len)) = bom {
        return (encoding, Decided::Mark, &bytes[len..]);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, Decided::Valid, bytes);
    }
    (guess(bytes), Decided::Guessed, bytes)
}

/// chardetng's guess for Chinese text; UTF-16 without a mark is recognized
/// by its zero bytes, which no other encoding here has.
fn guess(bytes: &[u8]) -> &'static Encoding {
    if let Some(utf16) = unmarked_utf16(bytes) {
        return utf16;
    }
    use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    match guess {
        g if g == GBK => GB18030,
        g if g == BIG5 || g == GB18030 => g,
        // Text from a Chinese HR department that is neither: chardetng
        // took GB18030 for a single-byte encoding on too little text.
        _ => GB18030,
    }
}

/// UTF-16 LE or BE, from where the zero bytes of the first kilobytes are.
fn unmarked_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let zeros_at = |side: usize| sample.chunks(2).filter(|p| p[side] == 0).count();
    // No other encoding here has zero bytes; in UTF-16 ASCII and line ends
    // put theirs on one side (a few CJK characters, 一 U+4E00, the other).
    let (even, odd) = (zeros_at(0), zeros_at(1));
    match () {
        _ if odd > 0 && odd >= 4 * even => Some(UTF_16LE),
        _ if even > 0 && even >= 4 * odd => Some(UTF_16BE),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "岗位名称：店长\r\n直接上级：区域经理\r岗位职责：\n1.负责门店运营";

    fn lines(decoded: &Decoded) -> Vec<&str> {
        decoded.text.lines().collect()
    }

    fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        match encoding {
            e if e == UTF_16LE => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            e if e == UTF_16BE => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            e => e.encode(text).0.into_owned(),
        }
    }

    #[test]
    fn every_encoding_and_line_ending_reads_the_same_lines() {
        let expected = [
            "岗位名称：店长",
            "直接上级：区域经理",
            "岗位职责：",
            "1.负责门店运营",
        ];
        for (encoding, mark) in [
            (UTF_8, &b""[..]),
            (UTF_8, &b"\xEF\xBB\xBF"[..]),
            (UTF_16LE, &b"\xFF\xFE"[..]),
            (UTF_16BE, &b"\xFE\xFF"[..]),
            (UTF_16LE, &b""[..]),
            (UTF_16BE, &b""[..]),
            (GB18030, &b""[..]),
        ] {
            let bytes = [mark, &encoded(encoding, TEXT)].concat();
            let decoded = decode(&bytes, None);
            assert_eq!(decoded.encoding, encoding, "{mark:?}");
            assert_eq!(lines(&decoded), expected, "{}", encoding.name());
            assert!(!decoded.malformed);
        }
    }

    #[test]
    fn traditional_text_in_big5_is_detected() {
        let text = "崗位名稱：店長\n直接上級：區域經理\n崗位職責：\n1.負責門市營運，督導門市人員執行公司各項制度";
        let decoded = decode(&encoded(BIG5, text), None);
        assert_eq!(decoded.encoding, BIG5);
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.decided, Decided::Guessed);
    }

    #[test]
    fn a_named_encoding_wins_and_gbk_reads_as_gb18030() {
        assert_eq!(encoding_named("gbk"), Some(GB18030));
        assert_eq!(encoding_named("GB2312"), Some(GB18030));
        assert_eq!(encoding_named("big5"), Some(BIG5));
        assert_eq!(encoding_named("klingon"), None);
        let bytes = encoded(GB18030, "店长");
        let decoded = decode(&bytes, Some(BIG5));
        assert_eq!(decoded.decided, Decided::Named);
        assert_eq!(decoded.encoding, BIG5);
    }

    #[test]
    fn bytes_invalid_in_the_named_encoding_are_marked() {
        let decoded = decode(b"\xFF\xFF abc", Some(UTF_8));
        assert!(decoded.malformed);
        assert!(decoded.text.contains('\u{FFFD}'));
    }
}
