//! 表四 (政府信息公开行政复议、行政诉讼情况): one row of all three groups' 15 cells, or three
//! small tables, one per group, each under its own heading.

use super::TableReader;
use crate::extract::builder::ReportBuilder;
use crate::extract::lines::{fit, Row};
use crate::extract::stream::LineStream;
use crate::format::{t4, CellKey, RowSpec, Table};
use crate::model::{Note, RowRead};
use crate::text::fold;

/// How many label lines above a group's values may name the group.
const ABOVE: usize = 2;

/// A group's own small table has at most this many values (维持 纠正 其他 尚未审结 总计).
const GROUP_VALUES: usize = 5;

/// The whole table's row is read only with at least this many values.
const MIN_VALUES: usize = 5;

pub(super) struct Reader;

impl<'a> TableReader<'a> for Reader {
    fn accept(&mut self, mut row: Row<'a>, lines: &mut LineStream<'_, 'a>, b: &mut ReportBuilder) {
        // 表四's rows have no label: the groups are its columns.
        if !row.labels.is_empty() {
            return;
        }
        let values = row.values.iter().filter(|t| !t.is_empty()).count();
        let group = (values <= GROUP_VALUES)
            .then(|| {
                lines
                    .above()
                    .iter()
                    .rev()
                    .take(ABOVE)
                    .find_map(|t| t4::group_named(&fold(&t.text)))
            })
            .flatten();
        if let Some(g) = group {
            lines.clear_above();
            read_group(g, row, b);
        } else if !b.has_cells(Table::T4) {
            if !row.tabbed {
                let n = t4::TABLE.rows.len() * t4::COLS.len();
                lines.gather(&mut row.values, n);
            }
            read_whole(row, b);
        }
    }
}

/// One group read from its own small table.
fn read_group(spec: &'static RowSpec, row: Row, b: &mut ReportBuilder) {
    if b.has_row(Table::T4, spec.id) {
        return;
    }
    let fitted = fit(row.values, spec.cols.len(), row.grid, false);
    b.row(RowRead {
        table: Table::T4,
        row: spec.id,
        label: spec.label_zh.to_string(),
        span: row.span,
    });
    for key in spec.cells() {
        if let Some(tok) = fitted.get(key.col.index()) {
            b.cell(key, tok);
        }
    }
}

/// The table as one row of all three groups' cells.
fn read_whole(row: Row, b: &mut ReportBuilder) {
    let keys: Vec<CellKey> = t4::ROWS.iter().flat_map(RowSpec::cells).collect();
    let fitted = fit(row.values, keys.len(), row.grid, false);
    if fitted.iter().filter(|t| t.value).count() < MIN_VALUES {
        return;
    }
    for spec in t4::ROWS {
        b.row(RowRead {
            table: Table::T4,
            row: spec.id,
            label: String::new(),
            span: row.span,
        });
    }
    let mut missing = Vec::new();
    for (i, key) in keys.into_iter().enumerate() {
        match fitted.get(i) {
            Some(tok) => b.cell(key, tok),
            None => missing.push(key),
        }
    }
    if !missing.is_empty() {
        b.note(Note::ColumnMissing {
            table: Table::T4,
            row: None,
            label: None,
            cells: missing,
            span: row.span,
        });
    }
}
