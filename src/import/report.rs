//! What an import did, inferred, and could not read.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use super::source::Place;
use crate::lint::Lint;

/// What a report entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryKind {
    /// Something the text implies but does not say in so many words: a
    /// superior it names in a sentence (`协助部长`), the organization from a
    /// line that is only its name, the industry from its keywords.
    Inferred,
    /// Something the text does not say at all, chosen on evidence that can
    /// be wrong: a title from another role's 直接下级 list, a superior by
    /// rank and position. Check each against the original.
    Guessed,
    /// Something the text says badly and the import fixed (stray spaces,
    /// pinyin annotations).
    Repaired,
    /// A line that held several items or an item and a heading.
    Split,
    /// Text that could not be read; the output holds a mark instead.
    Unreadable,
    /// Item numbers that skip or repeat.
    NumberingGap,
    /// Two roles whose ids would be the same.
    IdCollision,
    /// Kept as it is, but worth a look.
    Dubious,
    /// Not content, left out on purpose: a table of contents (目录).
    Skipped,
    /// Text that matched no field, kept where it stood (in the duties).
    Unclassified,
    /// What was read of a role: its title and superior and how each was
    /// found, the items of each list.
    Read,
}

impl EntryKind {
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Inferred => "inferred",
            EntryKind::Guessed => "guessed",
            EntryKind::Repaired => "repaired",
            EntryKind::Split => "split",
            EntryKind::Unreadable => "unreadable",
            EntryKind::NumberingGap => Lint::NumberingGap.name(),
            EntryKind::IdCollision => "id-collision",
            EntryKind::Dubious => "dubious",
            EntryKind::Skipped => "skipped",
            EntryKind::Unclassified => "unclassified",
            EntryKind::Read => "read",
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One finding, tied to the source line it is based on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEntry {
    pub kind: EntryKind,
    /// 1-based line of the input; `None` for findings about the whole file.
    pub line: Option<usize>,
    pub message: String,
}

/// What the import did, inferred, and could not read.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// The input file, as given.
    pub source: PathBuf,
    /// What the file was read as: `text in GB18030 (detected …)`, `Word
    /// document`.
    pub format: String,
    /// Where in the file each line the import read came from (line `n` at
    /// `places[n - 1]`); empty for text given directly.
    pub places: Vec<Place>,
    /// Lines in the input (a last line without a newline counts).
    pub lines: usize,
    pub documents: usize,
    pub roles: usize,
    /// Roles the text names no title for, written as 未命名岗位.
    pub untitled: usize,
    /// Lines of text that matched no field (kept in a role's duties).
    pub unclassified: usize,
    /// Files written, in the order written.
    pub written: Vec<PathBuf>,
    /// Role files of an earlier import of the same documents that this one
    /// replaced and no longer has.
    pub removed: Vec<PathBuf>,
    /// Pinyin annotations removed, in all.
    pub pinyin_annotations: usize,
    /// Each distinct annotation with its character (`業(yè)`) and its count.
    pub pinyin_distinct: BTreeMap<String, usize>,
    /// Half-width punctuation marks after Chinese text made full-width
    /// (`,` → `，`).
    pub punctuation: usize,
    /// Findings, by line; whole-file ones first.
    pub entries: Vec<ReportEntry>,
}

impl ImportReport {
    /// The entries of one kind.
    pub fn entries_of(&self, kind: EntryKind) -> impl Iterator<Item = &ReportEntry> {
        self.entries.iter().filter(move |e| e.kind == kind)
    }

    /// The lines with an entry of `kind`, in order.
    pub fn lines_of(&self, kind: EntryKind) -> Vec<usize> {
        self.entries_of(kind).filter_map(|e| e.line).collect()
    }

    fn count(&self, kind: EntryKind) -> usize {
        self.entries_of(kind).count()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = self.source.display();
        if !self.format.is_empty() {
            writeln!(f, "{source}: read as {}", self.format)?;
        }
        writeln!(
            f,
            "{source}: imported {} documents, {} roles from {} lines; wrote {} files",
            self.documents,
            self.roles,
            self.lines,
            self.written.len()
        )?;
        for path in &self.removed {
            writeln!(
                f,
                "{source}: removed {} (the document no longer has this role)",
                path.display()
            )?;
        }
        writeln!(
            f,
            "{source}: {} inferred, {} guessed, {} repaired, {} split, {} unreadable, {} numbering gaps, {} dubious, {} unclassified",
            self.count(EntryKind::Inferred),
            self.count(EntryKind::Guessed),
            self.count(EntryKind::Repaired)
                + usize::from(self.pinyin_annotations > 0)
                + usize::from(self.punctuation > 0),
            self.count(EntryKind::Split),
            self.count(EntryKind::Unreadable),
            self.count(EntryKind::NumberingGap),
            self.count(EntryKind::Dubious) + self.count(EntryKind::IdCollision),
            self.count(EntryKind::Unclassified),
        )?;
        if self.pinyin_annotations > 0 {
            let distinct: Vec<String> = self
                .pinyin_distinct
                .iter()
                .map(|(annotation, n)| format!("{annotation}×{n}"))
                .collect();
            writeln!(
                f,
                "{source}: repaired: removed {} pinyin annotations, {} distinct: {}",
                self.pinyin_annotations,
                self.pinyin_distinct.len(),
                distinct.join(" ")
            )?;
        }
        if self.punctuation > 0 {
            writeln!(
                f,
                "{source}: repaired: made {} half-width punctuation marks after Chinese text full-width (，；：？！)",
                self.punctuation
            )?;
        }
        for entry in &self.entries {
            match entry
                .line
                .map(|line| (line, self.places.get(line.wrapping_sub(1))))
            {
                Some((_, Some(Place::Line(line)))) => write!(f, "{source}:{line}: ")?,
                Some((line, None)) => write!(f, "{source}:{line}: ")?,
                Some((_, Some(place))) => write!(f, "{source} ({place}): ")?,
                None => write!(f, "{source}: ")?,
            }
            writeln!(f, "{}: {}", entry.kind, entry.message)?;
        }
        Ok(())
    }
}

/// Findings collected during an import, turned into [`ReportEntry`]s at the
/// end, when the text conversion is applied to their messages.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    notes: Vec<Note>,
}

#[derive(Debug)]
struct Note {
    entry: ReportEntry,
    /// Quotes source text that must not be converted (garbled spans).
    verbatim: bool,
}

impl Notes {
    pub fn add(&mut self, kind: EntryKind, line: usize, message: impl Into<String>) {
        self.push(kind, Some(line), message.into(), false);
    }

    pub fn add_verbatim(&mut self, kind: EntryKind, line: usize, message: impl Into<String>) {
        self.push(kind, Some(line), message.into(), true);
    }

    fn push(&mut self, kind: EntryKind, line: Option<usize>, message: String, verbatim: bool) {
        self.notes.push(Note {
            entry: ReportEntry {
                kind,
                line,
                message,
            },
            verbatim,
        });
    }

    /// The entries in line order (whole-file ones first), each line's in the
    /// order found, messages converted to the output script.
    pub fn into_entries(self, convert: &dyn Fn(&str) -> String) -> Vec<ReportEntry> {
        let mut entries: Vec<ReportEntry> = self
            .notes
            .into_iter()
            .map(|note| {
                let mut entry = note.entry;
                if !note.verbatim {
                    entry.message = convert(&entry.message);
                }
                entry
            })
            .collect();
        entries.sort_by_key(|e| e.line);
        entries
    }
}
