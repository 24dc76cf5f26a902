//! The built-in, pure-Rust OpenCC 1.4.2 engine.
//!
//! It reproduces what OpenCC's `ConfigBasedConverter` does for the shipped
//! configs:
//!
//! 1. normalization: one conversion pass over the whole text with
//!    `CJK_Compatibility_Ideographs`;
//! 2. segmentation (only for configs that name one): maximum forward matching
//!    over the segmentation dictionary; each matched key is a segment, and so
//!    is each run of text between matches;
//! 3. the conversion chain: each segment (or the whole text) goes through the
//!    steps in order, each step a longest-prefix replacement pass.
//!
//! In every pass, a position where no key matches consumes one character, or
//! a whole ideographic description sequence when one starts there.
//!
//! Dictionaries are compiled into the binary and indexed on first use, once
//! per process; an [`Engine`] is just a reference to its config's plan.

mod ids;
mod plan;
mod table;

use std::borrow::Cow;

use self::plan::{Plan, TableId};
use self::table::{decode_at, Match, Table, Tiers};
use super::OpenccConfig;
use crate::variant::Variant;

/// Converts text with one config, using the built-in dictionaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Engine {
    config: OpenccConfig,
    plan: Plan,
    regional: bool,
}

impl Engine {
    /// Creates an engine. Cheap: dictionaries are shared and loaded lazily.
    pub fn new(config: OpenccConfig) -> Engine {
        Engine {
            config,
            plan: plan::plan(config),
            regional: false,
        }
    }

    /// Simplified text into `variant` with the regional layer
    /// (`convert::regional`) joined to OpenCC's s2twp or s2hk; `None` for
    /// variants the layer has nothing for.
    pub fn regional(variant: Variant) -> Option<Engine> {
        let config = OpenccConfig::from_simplified(variant)?;
        Some(Engine {
            config,
            plan: plan::regional_plan(variant)?,
            regional: true,
        })
    }

    /// The OpenCC config the engine follows; with the regional layer, the
    /// config the layer is joined to.
    pub fn config(&self) -> OpenccConfig {
        self.config
    }

    /// Whether the regional layer is part of the conversion.
    pub fn is_regional(&self) -> bool {
        self.regional
    }

    /// Builds this config's lookup tables now rather than on the first
    /// conversion, e.g. before timing-sensitive work.
    pub fn preload(&self) {
        let tables = std::iter::once(self.plan.normalize)
            .chain(self.plan.segmentation)
            .chain(self.plan.steps.iter().copied());
        for table in tables {
            table.table();
        }
    }

    pub fn convert(&self, text: &str) -> String {
        let normalized = normalize(self.plan.normalize.table(), text);
        let text: &str = &normalized;
        let mut out = String::with_capacity(text.len() + text.len() / 5);
        let mut scratch = Scratch::default();
        match self.plan.segmentation {
            None => convert_chain(self.plan.steps, text, &mut out, &mut scratch),
            Some(segmentation) => {
                convert_segmented(segmentation, self.plan.steps, text, &mut out, &mut scratch)
            }
        }
        out
    }
}

/// OpenCC's Taiwan phrases (TWPhrases), Traditional → Taiwan wording.
pub fn tw_phrases() -> impl Iterator<Item = (&'static str, &'static str)> {
    table::parse_text_dict(plan::dicts::TW_PHRASES)
}

/// The next match at or after byte `pos`, skipping unmatched characters and
/// ideographic description sequences exactly as OpenCC's scan does.
#[inline]
fn next_match(table: &Table, text: &str, mut pos: usize, tiers: Tiers) -> Option<(usize, Match)> {
    let bytes = text.as_bytes();
    loop {
        pos += table.skip_plain(bytes, pos);
        if pos >= bytes.len() {
            return None;
        }
        let (cp, char_len) = decode_at(bytes, pos);
        if let Some(found) = table.longest(text, pos, cp, tiers) {
            return Some((pos, found));
        }
        pos += unmatched_len(text, pos, cp, char_len);
    }
}

/// Bytes consumed at a position where no key matches.
#[inline]
fn unmatched_len(text: &str, pos: usize, cp: u32, char_len: usize) -> usize {
    if ids::is_operator(cp) {
        ids::sequence_len(&text[pos..]).unwrap_or(char_len)
    } else {
        char_len
    }
}

/// One replacement pass of `table` over `text`, appended to `out`.
fn convert_step(table: &Table, text: &str, out: &mut String) {
    let mut copied = 0;
    while let Some((start, found)) = next_match(table, text, copied, Tiers::ALL) {
        out.push_str(&text[copied..start]);
        out.push_str(found.value);
        copied = start + found.len;
    }
    out.push_str(&text[copied..]);
}

/// The normalization pass; borrows the input when nothing changes, which is
/// the common case (compatibility ideographs are rare).
fn normalize<'a>(table: &Table, text: &'a str) -> Cow<'a, str> {
    let Some((start, _)) = next_match(table, text, 0, Tiers::ALL) else {
        return Cow::Borrowed(text);
    };
    // Scanning keeps no state besides the position, so restarting at the
    // first match gives the same result as one pass over the whole text.
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    convert_step(table, &text[start..], &mut out);
    Cow::Owned(out)
}

/// Reusable buffers for intermediate step outputs.
#[derive(Default)]
struct Scratch {
    /// First-step output of the pending unmatched run (fused path).
    run: String,
    current: String,
    next: String,
}

/// Sends one segment through every step, appending the result to `out`.
fn convert_chain(steps: &[TableId], segment: &str, out: &mut String, scratch: &mut Scratch) {
    let Some((last, init)) = steps.split_last() else {
        out.push_str(segment);
        return;
    };
    let Some((first, middle)) = init.split_first() else {
        convert_step(last.table(), segment, out);
        return;
    };
    let mut current = std::mem::take(&mut scratch.current);
    let mut next = std::mem::take(&mut scratch.next);
    current.clear();
    convert_step(first.table(), segment, &mut current);
    for step in middle {
        next.clear();
        convert_step(step.table(), &current, &mut next);
        std::mem::swap(&mut current, &mut next);
    }
    convert_step(last.table(), &current, out);
    scratch.current = current;
    scratch.next = next;
}

/// Segments `text` by maximum forward matching on tier 0 of `segmentation`
/// and converts each segment separately, so later steps never match across
/// a segment boundary.
fn convert_segmented(
    segmentation: TableId,
    steps: &[TableId],
    text: &str,
    out: &mut String,
    scratch: &mut Scratch,
) {
    let table = segmentation.table();
    let first_is_segmentation = steps.first() == Some(&segmentation);
    if first_is_segmentation && table.later_tiers_are_plain_chars() {
        return convert_fused(table, &steps[1..], text, out, scratch);
    }
    let mut copied = 0;
    while let Some((start, found)) = next_match(table, text, copied, Tiers::FIRST) {
        if start > copied {
            convert_chain(steps, &text[copied..start], out, scratch);
        }
        let end = start + found.len;
        if first_is_segmentation {
            // A matched segment is a whole tier-0 key, so the first step's
            // output is the key's value.
            convert_chain(&steps[1..], found.value, out, scratch);
        } else {
            convert_chain(steps, &text[start..end], out, scratch);
        }
        copied = end;
    }
    if copied < text.len() {
        convert_chain(steps, &text[copied..], out, scratch);
    }
}

/// Segmentation and the first step in a single scan, for a first step whose
/// table is the segmentation table (s2tw, s2twp, s2hk).
///
/// Exact because tiers after the first hold only single characters that are
/// not IDS operators: the scan then visits the same positions segmentation
/// does, a tier-0 match is a segment, and anything else is the first step's
/// output for the unmatched run between segments.
fn convert_fused(
    table: &Table,
    rest: &[TableId],
    text: &str,
    out: &mut String,
    scratch: &mut Scratch,
) {
    let bytes = text.as_bytes();
    let mut run = std::mem::take(&mut scratch.run);
    run.clear();
    let mut pos = 0;
    let mut copied = 0;
    loop {
        pos += table.skip_plain(bytes, pos);
        if pos >= bytes.len() {
            break;
        }
        let (cp, char_len) = decode_at(bytes, pos);
        let Some(found) = table.longest(text, pos, cp, Tiers::ALL) else {
            pos += unmatched_len(text, pos, cp, char_len);
            continue;
        };
        run.push_str(&text[copied..pos]);
        if found.tier == 0 {
            if !run.is_empty() {
                convert_chain(rest, &run, out, scratch);
                run.clear();
            }
            convert_chain(rest, found.value, out, scratch);
        } else {
            run.push_str(found.value);
        }
        pos += found.len;
        copied = pos;
    }
    run.push_str(&text[copied..]);
    if !run.is_empty() {
        convert_chain(rest, &run, out, scratch);
    }
    scratch.run = run;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(config: OpenccConfig, text: &str) -> String {
        Engine::new(config).convert(text)
    }

    #[test]
    fn empty_input() {
        for config in OpenccConfig::ALL {
            assert_eq!(convert(config, ""), "", "{config}");
        }
    }

    #[test]
    fn ascii_passes_through() {
        let text = "Hello, world! 123 <a href=\"x\">y</a>\n\t";
        for config in OpenccConfig::ALL {
            assert_eq!(convert(config, text), text, "{config}");
        }
    }

    #[test]
    fn mixed_text() {
        assert_eq!(convert(OpenccConfig::S2t, "abc汉字def"), "abc漢字def");
        assert_eq!(
            convert(OpenccConfig::T2s, "Rust語言 2024年"),
            "Rust语言 2024年"
        );
        assert_eq!(convert(OpenccConfig::S2twp, "鼠标和软件"), "滑鼠和軟體");
    }

    #[test]
    fn characters_outside_every_dictionary() {
        let text = "ÀÉ ㄅㄆ ｱｲ 한국어 ∑∫ ⅧⅨ";
        for config in OpenccConfig::ALL {
            assert_eq!(convert(config, text), text, "{config}");
        }
    }

    #[test]
    fn astral_and_emoji() {
        assert_eq!(convert(OpenccConfig::S2t, "😀发😀"), "😀發😀");
        assert_eq!(convert(OpenccConfig::T2s, "👨‍👩‍👧‍👦後"), "👨‍👩‍👧‍👦后");
        // U+2F800 (a compatibility ideograph) is normalized to U+4E3D.
        assert_eq!(convert(OpenccConfig::T2tw, "\u{2F800}"), "\u{4E3D}");
    }

    #[test]
    fn longest_match_at_end_of_input() {
        // "头发" is a phrase: 頭髮, not 頭發; the match ends the input.
        assert_eq!(convert(OpenccConfig::S2t, "她的头发"), "她的頭髮");
        assert_eq!(convert(OpenccConfig::S2t, "头发"), "頭髮");
        // A truncated phrase at the end falls back to single characters.
        assert_eq!(convert(OpenccConfig::S2t, "她的头"), "她的頭");
    }

    #[test]
    fn ideographic_description_sequences_stay_intact() {
        // 发 inside an IDS is a component, not text to convert.
        assert_eq!(convert(OpenccConfig::S2t, "⿰氵发发"), "⿰氵发發");
        // An incomplete IDS is ordinary text.
        assert_eq!(convert(OpenccConfig::S2t, "⿰发"), "⿰發");
    }

    #[test]
    fn engines_can_be_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Engine>();
        assert_send_sync::<crate::convert::Converter>();
    }

    #[test]
    fn engines_are_cheap_to_create() {
        let first = Engine::new(OpenccConfig::S2t);
        first.preload();
        let again = Engine::new(OpenccConfig::S2t);
        assert_eq!(first, again);
        assert_eq!(again.config(), OpenccConfig::S2t);
    }
}
