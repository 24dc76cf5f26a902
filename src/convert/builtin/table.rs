//! Longest-prefix lookup over one conversion step's dictionaries.
//!
//! OpenCC 1.4 configs describe a step as a `short_circuit` group whose
//! children are dictionaries or `union` groups of dictionaries. A [`Table`]
//! compiles such a group into one character trie: each child is a *tier*, and
//! a trie node holds the value every tier has for the key ending there. A
//! lookup walks the trie once, however many dictionaries the step has:
//!
//! * `union`: the longest key over all members wins; on equal keys the
//!   earlier member wins (OpenCC inserts members in order, first one kept);
//! * `short_circuit`: the first tier with *any* prefix match wins, with its
//!   own longest match, even if a later tier has a longer one.
//!
//! Each node also records which tiers have keys below it, so a walk stops as
//! soon as no key it still cares about can follow.

use super::ids::is_operator;
use super::plan::Source;
use rustc_hash::FxHashMap;

/// Most tiers any shipped config uses in one step (e.g. tw2sp's
/// TWPhrasesRev, TWVariantsRevPhrases, TWVariantsRev).
pub(crate) const MAX_TIERS: usize = 3;

type Values = [Option<&'static str>; MAX_TIERS];

/// A set of tiers, bit `t` for tier `t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tiers(u8);

impl Tiers {
    /// Tier 0 only: what a segmentation dictionary is.
    pub(crate) const FIRST: Tiers = Tiers(1);
    pub(crate) const ALL: Tiers = Tiers((1 << MAX_TIERS) - 1);

    /// Tiers up to and including `tier`: those that still beat a match
    /// found in `tier`.
    fn up_to(tier: usize) -> u8 {
        (1u8 << (tier + 1)) - 1
    }
}

/// A dictionary match: the key's byte length in the text, its value, and the
/// tier that supplied it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    pub len: usize,
    pub value: &'static str,
    pub tier: usize,
}

/// Entries of one OpenCC text dictionary (`key<TAB>value[ value…]`), in file
/// order. Only the first value counts: OpenCC converts to the default one.
pub(crate) fn parse_text_dict(
    source: &'static str,
) -> impl Iterator<Item = (&'static str, &'static str)> {
    source.lines().filter_map(|line| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let (key, values) = line.split_once('\t')?;
        let value = values.split(' ').next().unwrap_or(values);
        Some((key, value))
    })
}

const NO_NODE: u32 = 0;
const NO_VALUE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Node {
    /// Index into `Table::values`, or `NO_VALUE`.
    value: u32,
    /// Tiers with a key ending at this node.
    here: u8,
    /// Tiers with a key ending at this node or below it.
    below: u8,
    /// Bit `signature_bit(cp)` set for each child's code point: most
    /// children a walk asks for do not exist, and this answers that without
    /// a hash lookup.
    children: u64,
}

const EMPTY_NODE: Node = Node {
    value: NO_VALUE,
    here: 0,
    below: 0,
    children: 0,
};

#[inline]
fn signature_bit(cp: u32) -> u64 {
    1u64 << (cp & 63)
}

pub(crate) struct Table {
    /// Node 0 is the root; it doubles as "no node" in child links because
    /// nothing links back to the root.
    nodes: Vec<Node>,
    values: Vec<Values>,
    /// Children of the root for U+0000..U+FFFF, by code point: the test every
    /// text position needs is then one load.
    bmp_roots: Box<[u32]>,
    /// Every other edge, keyed by `edge_key(parent, code point)`.
    edges: FxHashMap<u64, u32>,
    /// `true` for each byte that can start a key's first character, and for
    /// the lead byte of IDS operators (which need the full scan too). Other
    /// bytes, continuation bytes included, can be skipped without decoding.
    lead_bytes: [bool; 256],
    /// Whether every key of tiers after the first is one character that is
    /// not an IDS operator (see `convert_fused`).
    later_tiers_plain_chars: bool,
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("nodes", &self.nodes.len())
            .field("keys", &self.values.len())
            .finish()
    }
}

#[inline]
fn edge_key(parent: u32, cp: u32) -> u64 {
    (u64::from(parent) << 21) | u64::from(cp)
}

impl Table {
    /// Builds a table from tiers, each a list of dictionary sources merged as
    /// a union (earlier source wins on equal keys).
    pub(crate) fn build(tiers: &[&[Source]]) -> Table {
        assert!(
            !tiers.is_empty() && tiers.len() <= MAX_TIERS,
            "a conversion step has 1..={MAX_TIERS} tiers"
        );
        let mut table = Table {
            nodes: vec![EMPTY_NODE],
            values: Vec::new(),
            bmp_roots: vec![NO_NODE; 0x1_0000].into_boxed_slice(),
            edges: FxHashMap::default(),
            later_tiers_plain_chars: true,
            lead_bytes: [false; 256],
        };
        // U+2FF0..U+2FFF, the IDS operators, all start with this byte.
        table.lead_bytes[0xE2] = true;
        for (tier, sources) in tiers.iter().enumerate() {
            for source in sources.iter() {
                for (key, value) in source.entries() {
                    table.insert(tier, key, value);
                }
            }
        }
        table
    }

    fn insert(&mut self, tier: usize, key: &'static str, value: &'static str) {
        if tier > 0 {
            let mut chars = key.chars();
            let plain = match (chars.next(), chars.next()) {
                (Some(c), None) => !is_operator(u32::from(c)),
                _ => false,
            };
            self.later_tiers_plain_chars &= plain;
        }
        let bit = 1u8 << tier;
        if let Some(&lead) = key.as_bytes().first() {
            self.lead_bytes[usize::from(lead)] = true;
        }
        let mut node = 0;
        for c in key.chars() {
            node = self.child_or_insert(node, u32::from(c));
            self.nodes[node as usize].below |= bit;
        }
        if node == 0 {
            return; // empty key
        }
        let entry = &mut self.nodes[node as usize];
        if entry.value == NO_VALUE {
            entry.value = self.values.len() as u32;
            self.values.push([None; MAX_TIERS]);
        }
        entry.here |= bit;
        let slot = &mut self.values[entry.value as usize][tier];
        if slot.is_none() {
            *slot = Some(value);
        }
    }

    fn child_or_insert(&mut self, parent: u32, cp: u32) -> u32 {
        if let Some(child) = self.child(parent, cp) {
            return child;
        }
        let child = self.nodes.len() as u32;
        self.nodes.push(EMPTY_NODE);
        self.nodes[parent as usize].children |= signature_bit(cp);
        match self.bmp_roots.get_mut(cp as usize).filter(|_| parent == 0) {
            Some(root) => *root = child,
            None => {
                self.edges.insert(edge_key(parent, cp), child);
            }
        }
        child
    }

    #[inline]
    fn child(&self, parent: u32, cp: u32) -> Option<u32> {
        let found = if parent == 0 {
            match self.bmp_roots.get(cp as usize) {
                Some(root) => *root,
                None => self.edges.get(&edge_key(0, cp)).copied().unwrap_or(NO_NODE),
            }
        } else if self.nodes[parent as usize].children & signature_bit(cp) == 0 {
            NO_NODE
        } else {
            self.edges
                .get(&edge_key(parent, cp))
                .copied()
                .unwrap_or(NO_NODE)
        };
        (found != NO_NODE).then_some(found)
    }

    /// Byte offset, from `pos`, of the first byte in `bytes[pos..]` that may
    /// start a match or an IDS; everything before it passes through as is.
    #[inline]
    pub(crate) fn skip_plain(&self, bytes: &[u8], pos: usize) -> usize {
        let rest = bytes.get(pos..).unwrap_or_default();
        rest.iter()
            .position(|b| self.lead_bytes[usize::from(*b)])
            .unwrap_or(rest.len())
    }

    pub(crate) fn later_tiers_are_plain_chars(&self) -> bool {
        self.later_tiers_plain_chars
    }

    /// Longest match at byte `pos` of `text` under the short-circuit rule,
    /// among `tiers`. `first` is the code point at `pos` (already decoded by
    /// the caller, which needs it anyway).
    #[inline]
    pub(crate) fn longest(
        &self,
        text: &str,
        pos: usize,
        first: u32,
        tiers: Tiers,
    ) -> Option<Match> {
        let mut node = self.child(0, first)?;
        let mut wanted = tiers.0;
        if self.nodes[node as usize].below & wanted == 0 {
            return None;
        }
        let bytes = text.as_bytes();
        let mut end = pos + utf8_len(bytes[pos]);
        // Best (tier, node, end) so far; lower tiers win, and for one tier a
        // later (longer) node wins.
        let mut best: Option<(usize, u32, usize)> = None;
        loop {
            let here = self.nodes[node as usize].here & wanted;
            if here != 0 {
                let tier = here.trailing_zeros() as usize;
                best = Some((tier, node, end));
                wanted = Tiers::up_to(tier) & tiers.0;
            }
            if end >= bytes.len() {
                break;
            }
            let (cp, len) = decode_at(bytes, end);
            match self.child(node, cp) {
                Some(next) if self.nodes[next as usize].below & wanted != 0 => {
                    node = next;
                    end += len;
                }
                _ => break,
            }
        }
        let (tier, node, end) = best?;
        let value = self.values[self.nodes[node as usize].value as usize][tier]?;
        Some(Match {
            len: end - pos,
            value,
            tier,
        })
    }
}

/// Length of the UTF-8 sequence a lead byte starts (input is valid UTF-8).
#[inline]
pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Code point and byte length of the character starting at `pos`.
#[inline]
pub(crate) fn decode_at(bytes: &[u8], pos: usize) -> (u32, usize) {
    let lead = bytes[pos];
    let len = utf8_len(lead);
    let cont = |i: usize| u32::from(bytes.get(pos + i).copied().unwrap_or(0x80) & 0x3F);
    let cp = match len {
        1 => u32::from(lead),
        2 => (u32::from(lead & 0x1F) << 6) | cont(1),
        3 => (u32::from(lead & 0x0F) << 12) | (cont(1) << 6) | cont(2),
        _ => (u32::from(lead & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
    };
    (cp, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(tiers: &[&[&'static str]]) -> Table {
        let sources: Vec<Vec<Source>> = tiers
            .iter()
            .map(|tier| tier.iter().map(|d| Source::Opencc(d)).collect())
            .collect();
        let borrowed: Vec<&[Source]> = sources.iter().map(Vec::as_slice).collect();
        Table::build(&borrowed)
    }

    fn lookup(table: &Table, text: &str, tiers: Tiers) -> Option<(usize, &'static str)> {
        let (cp, _) = decode_at(text.as_bytes(), 0);
        table.longest(text, 0, cp, tiers).map(|m| (m.len, m.value))
    }

    #[test]
    fn knows_when_later_tiers_are_plain_characters() {
        assert!(build(&[&["ab\tX\n"], &["a\tY\n"]]).later_tiers_are_plain_chars());
        assert!(!build(&[&["ab\tX\n"], &["ab\tY\n"]]).later_tiers_are_plain_chars());
        assert!(!build(&[&["ab\tX\n"], &["\u{2FF0}\tY\n"]]).later_tiers_are_plain_chars());
    }

    #[test]
    fn parses_comments_blank_lines_and_first_value() {
        let parsed: Vec<_> = parse_text_dict("# c\n\na\tb c\r\nd\te\n").collect();
        assert_eq!(parsed, vec![("a", "b"), ("d", "e")]);
    }

    #[test]
    fn union_prefers_longest_then_earlier() {
        let t = build(&[&["ab\tX\nabc\tY\n", "abc\tZ\nabcd\tW\n"]]);
        assert_eq!(lookup(&t, "abcde", Tiers::FIRST), Some((4, "W")));
        assert_eq!(lookup(&t, "abce", Tiers::FIRST), Some((3, "Y")));
        assert_eq!(lookup(&t, "a", Tiers::FIRST), None);
    }

    #[test]
    fn short_circuit_prefers_earlier_tier_over_longer_match() {
        let t = build(&[&["ab\tX\n"], &["abcd\tY\na\tZ\n"]]);
        assert_eq!(lookup(&t, "abcd", Tiers::ALL), Some((2, "X")));
        assert_eq!(lookup(&t, "acd", Tiers::ALL), Some((1, "Z")));
        // Restricted to tier 0, later tiers are invisible.
        assert_eq!(lookup(&t, "acd", Tiers::FIRST), None);
    }

    #[test]
    fn later_tier_match_is_its_longest() {
        let t = build(&[&["xyz\tX\n"], &["a\tP\nab\tQ\nabc\tR\n"]]);
        assert_eq!(lookup(&t, "abcx", Tiers::ALL), Some((3, "R")));
        assert_eq!(lookup(&t, "abx", Tiers::ALL), Some((2, "Q")));
    }

    #[test]
    fn match_never_runs_past_the_text() {
        let t = build(&[&["一二三\tX\n一\tY\n"]]);
        assert_eq!(lookup(&t, "一二", Tiers::FIRST), Some(("一".len(), "Y")));
        assert_eq!(
            lookup(&t, "一二三", Tiers::FIRST),
            Some(("一二三".len(), "X"))
        );
    }

    #[test]
    fn astral_characters_are_keys_too() {
        let t = build(&[&["𠮷\tA\n𠮷𠮷\tB\n"]]);
        assert_eq!(lookup(&t, "𠮷x", Tiers::FIRST), Some((4, "A")));
        assert_eq!(lookup(&t, "𠮷𠮷", Tiers::FIRST), Some((8, "B")));
        assert_eq!(lookup(&t, "😀", Tiers::FIRST), None);
    }

    #[test]
    fn decodes_all_widths() {
        for c in ['a', 'é', '中', '😀'] {
            let s = c.to_string();
            assert_eq!(decode_at(s.as_bytes(), 0), (u32::from(c), c.len_utf8()));
        }
    }
}
