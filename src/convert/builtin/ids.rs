//! Ideographic description sequences (IDS), e.g. `⿰氵工`.
//!
//! OpenCC 1.4 keeps an IDS that no dictionary key matches together as one
//! unit, so the components describing a character are not converted one by
//! one. The limits below are OpenCC's (`UTF8Util.hpp`): a sequence deeper
//! than 16 levels or longer than 64 code points is not treated as an IDS.

const MAX_DEPTH: usize = 16;
const MAX_CODE_POINTS: usize = 64;

/// Operands taken by an ideographic description character, 0 for others.
/// U+31EF is not an operator in OpenCC 1.4.2, so it is not one here either.
#[inline]
pub(crate) fn operator_arity(c: char) -> usize {
    match c {
        '\u{2FF2}' | '\u{2FF3}' => 3,
        '\u{2FFE}' | '\u{2FFF}' => 1,
        '\u{2FF0}'..='\u{2FFD}' => 2,
        _ => 0,
    }
}

/// Whether code point `cp` is an ideographic description operator; a cheap
/// range test for the scan loop.
#[inline]
pub(crate) fn is_operator(cp: u32) -> bool {
    (0x2FF0..=0x2FFF).contains(&cp)
}

/// Byte length of the complete IDS at the start of `text`, if one starts
/// there. Incomplete or over-limit sequences give `None`, and the caller then
/// treats the operator as an ordinary character, as OpenCC does.
pub(crate) fn sequence_len(text: &str) -> Option<usize> {
    let first = text.chars().next()?;
    if operator_arity(first) == 0 {
        return None;
    }
    let mut code_points = 0;
    consume(text, MAX_DEPTH, &mut code_points)
}

fn consume(text: &str, depth_left: usize, code_points: &mut usize) -> Option<usize> {
    if depth_left == 0 || *code_points >= MAX_CODE_POINTS {
        return None;
    }
    let c = text.chars().next()?;
    *code_points += 1;
    let mut offset = c.len_utf8();
    for _ in 0..operator_arity(c) {
        let rest = text.get(offset..).filter(|rest| !rest.is_empty())?;
        offset += consume(rest, depth_left - 1, code_points)?;
    }
    Some(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_complete_sequences() {
        assert_eq!(sequence_len("⿰氵工"), Some("⿰氵工".len()));
        assert_eq!(sequence_len("⿰氵工江"), Some("⿰氵工".len()));
        assert_eq!(sequence_len("⿲彳亍彳x"), Some("⿲彳亍彳".len()));
        assert_eq!(sequence_len("⿱⿰木木木"), Some("⿱⿰木木木".len()));
    }

    #[test]
    fn rejects_incomplete_or_plain_text() {
        assert_eq!(sequence_len(""), None);
        assert_eq!(sequence_len("江"), None);
        assert_eq!(sequence_len("⿰氵"), None);
        assert_eq!(sequence_len("⿱⿰木"), None);
    }

    #[test]
    fn enforces_depth_limit() {
        // 16 nested unary operators need a 17th level for the operand.
        let deep = format!("{}a", "\u{2FFE}".repeat(16));
        assert_eq!(sequence_len(&deep), None);
        let ok = format!("{}a", "\u{2FFE}".repeat(15));
        assert_eq!(sequence_len(&ok), Some(ok.len()));
    }

    /// A full binary IDS tree of the given depth: 2^d - 1 operators and
    /// 2^d leaves.
    fn full_tree(depth: u32) -> String {
        if depth == 0 {
            return "木".to_string();
        }
        let child = full_tree(depth - 1);
        format!("⿰{child}{child}")
    }

    #[test]
    fn enforces_code_point_limit() {
        let small = full_tree(5);
        assert_eq!(small.chars().count(), 63);
        assert_eq!(sequence_len(&small), Some(small.len()));
        let large = full_tree(6);
        assert_eq!(sequence_len(&large), None);
    }
}
