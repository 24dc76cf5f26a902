//! Tables as lines of text: the standard 岗位说明书 is a table of label
//! cells and value cells, several pairs to a row, values of several
//! paragraphs. Each pair becomes `label：value` (or the label on a line and
//! the value's paragraphs under it), so the text reader sees what it sees
//! in a text file.

use super::{Line, Place};
use crate::import::keywords::{fold, names_unit, rank_of};
use crate::import::labels::{field_of_label, Field};
use crate::text::clean::is_ideograph;

/// One cell: its paragraphs and where it is.
#[derive(Debug, Clone)]
pub struct CellText {
    pub paragraphs: Vec<String>,
    pub place: Place,
}

impl CellText {
    fn is_empty(&self) -> bool {
        self.paragraphs.iter().all(|p| p.trim().is_empty())
    }

    /// A short word of the form's own (`备注`, `附注`) that is no title
    /// and no unit: a label the table of fields does not know.
    fn is_own_label(&self) -> bool {
        const LONGEST: usize = 4;
        let [text] = self.paragraphs.as_slice() else {
            return false;
        };
        let text = text.trim().trim_end_matches(['：', ':']);
        let folded = fold(text);
        (2..=LONGEST).contains(&text.chars().count())
            && text.chars().all(is_ideograph)
            && rank_of(&folded).is_none()
            && !names_unit(&folded)
    }

    /// The cell is a field label: one short paragraph naming a known field,
    /// or ending with a colon.
    fn is_label(&self) -> bool {
        let [text] = self.paragraphs.as_slice() else {
            return false;
        };
        let text = text.trim();
        let short = text.chars().count() <= 12;
        field_of_label(text).is_some() || (short && (text.ends_with('：') || text.ends_with(':')))
    }
}

/// The lines of one table row.
pub fn row_lines(cells: &[CellText]) -> Vec<Line> {
    let filled: Vec<&CellText> = cells.iter().filter(|c| !c.is_empty()).collect();
    if let Some(line) = revision_line(&filled) {
        return vec![line];
    }
    // `备注 | …`: a form's own label beside its value heads a section.
    if let [label, value] = filled.as_slice() {
        if cells.len() >= 2 && !label.is_label() && label.is_own_label() && !value.is_label() {
            let mut lines = vec![Line::new(
                format!("{}：", bare_label(label)),
                label.place.clone(),
            )];
            paragraphs(&mut lines, value);
            return lines;
        }
    }
    // `备注 | (empty)`: the label of an empty box is no content.
    if let [label] = filled.as_slice() {
        if cells.len() >= 2 && label.is_own_label() && !label.is_label() {
            return Vec::new();
        }
    }
    let cells = filled;
    let mut lines = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let cell = cells[i];
        let value = cells.get(i + 1).filter(|next| !next.is_label());
        match (cell.is_label(), value) {
            (true, Some(value)) => {
                labelled(&mut lines, cell, value);
                i += 2;
            }
            (true, None) => {
                lines.push(Line::new(
                    format!("{}：", bare_label(cell)),
                    cell.place.clone(),
                ));
                i += 1;
            }
            (false, _) => {
                paragraphs(&mut lines, cell);
                i += 1;
            }
        }
    }
    lines
}

/// A row of a revision history (修订记录: `V1.1 | 2024年6月20日 | 增加…`)
/// or its heading (`版本 | 日期 | 修订内容`), as one line with its cells
/// between bars, the way the revision reader reads a row of a text file.
/// A row with a field's label in it is a form's, read as pairs.
fn revision_line(cells: &[&CellText]) -> Option<Line> {
    let first = cells.first()?;
    let texts: Vec<String> = cells.iter().map(|c| c.paragraphs.join(" ")).collect();
    let joined = texts.join(" | ");
    let heading = crate::import::history::is_heading_row(&joined);
    let row = cells.len() >= 3
        && !cells.iter().any(|c| c.is_label())
        && crate::import::history::row(&joined).is_some();
    (heading || row).then(|| Line::new(joined, first.place.clone()))
}

/// A header row of labels: at least two known labels, 岗位名称 among them,
/// and mostly labels (`序号 | 岗位名称 | 直接上级 | 岗位职责`).
pub fn is_header(row: &[String]) -> bool {
    let filled = row.iter().filter(|c| !c.trim().is_empty()).count();
    let fields: Vec<Field> = row.iter().filter_map(|c| field_of_label(c)).collect();
    fields.len() >= 2 && fields.contains(&Field::Title) && fields.len() * 3 >= filled * 2
}

/// The lines of a grid of cells laid out as a form: each row's label cells
/// paired with their values.
pub fn grid_lines(rows: &[Vec<String>], place: &dyn Fn(usize, usize) -> Place) -> Vec<Line> {
    let mut lines = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let cells: Vec<CellText> = (row.iter().enumerate())
            .map(|(c, value)| CellText {
                paragraphs: vec![value.clone()],
                place: place(r, c),
            })
            .collect();
        lines.extend(row_lines(&cells));
    }
    lines
}

/// Rows before the header (a title), then one role per row (an Excel sheet
/// or a Word 岗位职责一览表): each filled cell under its column's label, the
/// title first so that every other field of the row is the role's. A row
/// number (序号) is layout, and a totals row (合计) sums, not content; a
/// column whose label is no field's heads a section of the role's own.
pub fn header_table_lines(
    rows: &[Vec<String>],
    header: usize,
    place: &dyn Fn(usize, usize) -> Place,
) -> Vec<Line> {
    let mut lines = grid_lines(&rows[..header], place);
    let labels = &rows[header];
    let label = |c: usize| labels.get(c).map(|l| l.trim()).unwrap_or_default();
    let title_column = (0..labels.len()).find(|&c| field_of_label(label(c)) == Some(Field::Title));
    for (r, row) in rows.iter().enumerate().skip(header + 1) {
        let untitled = title_column.is_none_or(|c| row.get(c).is_none_or(|t| t.trim().is_empty()));
        if untitled && row.iter().any(|cell| is_total(cell)) {
            continue;
        }
        let mut columns: Vec<usize> = (0..row.len())
            .filter(|&c| !row[c].trim().is_empty() && !is_row_number(label(c)))
            .collect();
        columns.sort_by_key(|&c| field_of_label(label(c)) != Some(Field::Title));
        for c in columns {
            let value = CellText {
                paragraphs: vec![row[c].clone()],
                place: place(r, c),
            };
            let heading = CellText {
                paragraphs: vec![format!("{}：", label(c))],
                place: place(header, c),
            };
            match (label(c), field_of_label(label(c))) {
                ("", _) => lines.extend(row_lines(&[value])),
                (_, Some(_)) => lines.extend(row_lines(&[heading, value])),
                (_, None) => {
                    lines.extend(row_lines(&[heading]));
                    lines.extend(row_lines(&[value]));
                }
            }
        }
    }
    lines
}

/// The label of a totals row (`合计 … 12`): sums, not a role.
fn is_total(cell: &str) -> bool {
    let bare: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        bare.as_str(),
        "合计" | "小计" | "总计" | "合計" | "小計" | "總計"
    )
}

/// A column of row numbers: 序号 1, 2, 3.
fn is_row_number(label: &str) -> bool {
    matches!(label, "序号" | "序號" | "行号" | "No." | "NO." | "No")
}

/// `label：value` for a value of one paragraph, else the label on a line
/// of its own and the paragraphs under it.
fn labelled(lines: &mut Vec<Line>, label: &CellText, value: &CellText) {
    let label_text = bare_label(label);
    let texts: Vec<&str> = (value.paragraphs.iter())
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    match texts.as_slice() {
        [one] if !one.contains('\n') => {
            lines.push(Line::new(
                format!("{label_text}：{one}"),
                value.place.clone(),
            ));
        }
        _ => {
            lines.push(Line::new(format!("{label_text}："), label.place.clone()));
            paragraphs(lines, value);
        }
    }
}

/// A label cell's text without its colon.
fn bare_label(cell: &CellText) -> String {
    let text = cell.paragraphs.concat();
    let text = text.trim();
    text.trim_end_matches(['：', ':']).trim().to_string()
}

fn paragraphs(lines: &mut Vec<Line>, cell: &CellText) {
    for paragraph in &cell.paragraphs {
        for text in paragraph.split('\n') {
            if !text.trim().is_empty() {
                lines.push(Line::new(text.trim().to_string(), cell.place.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(column: usize, paragraphs: &[&str]) -> CellText {
        CellText {
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            place: Place::Cell {
                table: 1,
                row: 1,
                column,
            },
        }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn label_and_value_cells_pair_up() {
        let row = [
            cell(1, &["岗位名称"]),
            cell(2, &["店长"]),
            cell(3, &["所属部门："]),
            cell(4, &["运营部"]),
        ];
        assert_eq!(
            texts(&row_lines(&row)),
            ["岗位名称：店长", "所属部门：运营部"]
        );
    }

    #[test]
    fn a_value_of_several_paragraphs_goes_under_its_label() {
        let row = [
            cell(1, &["岗位职责"]),
            cell(2, &["1.负责门店运营；", "2.负责员工排班。"]),
        ];
        assert_eq!(
            texts(&row_lines(&row)),
            ["岗位职责：", "1.负责门店运营；", "2.负责员工排班。"]
        );
    }

    #[test]
    fn a_label_before_a_sub_label_stands_alone() {
        let row = [
            cell(1, &["任职资格"]),
            cell(2, &["学历"]),
            cell(3, &["本科"]),
        ];
        assert_eq!(texts(&row_lines(&row)), ["任职资格：", "学历：本科"]);
    }

    #[test]
    fn cells_without_labels_are_their_paragraphs() {
        let row = [cell(1, &["负责门店运营"]), cell(2, &[]), cell(3, &["店长"])];
        assert_eq!(texts(&row_lines(&row)), ["负责门店运营", "店长"]);
    }
}
