//! The report model: what was read from the input, cell by cell, with nothing repaired, and
//! notes on what could not be read.
//!
//! Invariant: blank, placeholder and 0 are three different [`CellValue`]s. A cell that
//! was not found in the input is absent from [`Report::cells`]; it is never invented.

mod cell;
mod note;

pub use crate::format::DetectedFormat;
pub use cell::{number_with_unit, Cell, CellStore, CellValue, Cells};
pub use note::{CandidateCount, Note};

use crate::format::{CellKey, RowId, RowSpec, Table};

pub use crate::omission::Omission;
pub use crate::span::Span;

/// A table row as found in the report: which row of the format it is, and its label in the
/// report's own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowRead {
    pub table: Table,
    pub row: RowId,
    /// The label as written (`2.其他法律行政止公开`); empty for 表四's unlabelled data row.
    pub label: String,
    pub span: Span,
}

impl RowRead {
    /// The row's spec in the format data.
    pub fn spec(&self) -> &'static RowSpec {
        self.table.row(self.row)
    }
}

/// A top-level section of the report (一 … 六).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Which standard section this is (1 = 总体情况 … 6 = 其他需要报告的事项).
    pub number: u8,
    /// The numeral written in the heading (may differ from `number`: `二、收到和处理…`).
    pub written_number: Option<u8>,
    /// The heading as written.
    pub heading: String,
    pub heading_span: Span,
    /// Heading plus body, up to the next top-level heading.
    pub span: Span,
}

/// Whether the input could be read as a report at all.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum ReadStatus {
    #[default]
    Ok,
    /// The input is not a report (or is empty); the message says why, in Chinese and English.
    Unreadable { zh: String, en: String },
}

impl ReadStatus {
    /// Nothing but white space was given.
    pub fn empty_input() -> ReadStatus {
        ReadStatus::Unreadable {
            zh: "输入为空：请粘贴年度报告全文，或选择报告文件。".into(),
            en: "The input is empty: paste the full report text or choose a report file.".into(),
        }
    }

    /// Text without a section heading, a title or a table row of the national formats.
    pub fn not_a_report() -> ReadStatus {
        ReadStatus::Unreadable {
            zh: "未识别为政府信息公开工作年度报告：没有找到“一、总体情况”等章节标题，也没有找到表二、表三、表四的任何一行。请粘贴报告全文（含表格）。".into(),
            en: "This does not look like an annual report on government information disclosure: no section headings and no row of tables 2–4 were found. Paste the full report, tables included.".into(),
        }
    }
}

/// Everything read from one input. Built by the extraction (`extract::read`, through its
/// report builder).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Report {
    pub status: ReadStatus,
    pub title: Option<String>,
    pub agency: Option<String>,
    pub year: Option<u32>,
    pub format: DetectedFormat,
    pub sections: Vec<Section>,
    /// Rows found in the tables, in input order.
    pub rows: Vec<RowRead>,
    /// Every cell read, by key; iterated in table order (T2, T3, T4).
    pub cells: CellStore,
    /// Tables whose header words appear in the text, whether or not their rows could be
    /// read: a table that is there but unreadable is not "missing".
    pub tables_seen: Vec<Table>,
    /// What could not be read, in reading order; the rules turn notes into findings.
    pub notes: Vec<Note>,
}

impl Report {
    /// A report of an input that could not be read at all.
    pub fn unreadable(zh: String, en: String) -> Report {
        Report {
            status: ReadStatus::Unreadable { zh, en },
            ..Report::default()
        }
    }

    /// The cell of `key`, if it was read.
    pub fn cell(&self, key: CellKey) -> Option<&Cell> {
        self.cells.get(key)
    }

    pub fn value(&self, key: CellKey) -> Option<&CellValue> {
        self.cell(key).map(|c| &c.value)
    }

    /// The row of the format found in the report (the first, when it was found twice).
    pub fn row(&self, table: Table, row: RowId) -> Option<&RowRead> {
        self.rows.iter().find(|r| r.table == table && r.row == row)
    }

    pub fn has_table(&self, table: Table) -> bool {
        self.rows.iter().any(|r| r.table == table)
    }

    pub fn section(&self, number: u8) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }
}
