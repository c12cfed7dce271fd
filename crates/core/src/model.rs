//! The report model: what was read from the input, cell by cell, with nothing repaired.
//!
//! Invariant: blank, placeholder and 0 are three different [`CellValue`]s. A cell that
//! was not found in the input is absent from [`Report::cells`]; it is never invented.

use crate::num::Num;

pub use crate::span::Span;

/// The state of one table cell, exactly as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellValue {
    /// A number as printed (integer, or decimal for money).
    Number(Num),
    /// Nothing was written in the cell.
    Blank,
    /// A placeholder such as `/`, `—`, `-`, `无`, `N/A`, `不适用` (the text as printed).
    Placeholder(String),
    /// Something that is neither a number nor a known placeholder (`12件`, `251000元`, `约5`).
    Text(String),
}

impl CellValue {
    pub fn number(&self) -> Option<Num> {
        match self {
            CellValue::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// One cell read from a table, under its canonical key (format.md §10).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Canonical key such as `T3.R1.C7`, `T4.RV.t`, `T2.norm.valid`.
    pub key: String,
    pub value: CellValue,
    /// The cell text as it stood in the input (trimmed).
    pub raw: String,
    /// Where the cell text stands in the input; `None` for a cell that was empty in the source.
    pub span: Option<Span>,
}

/// A table row as found in the report: its canonical key and its label in the report's own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowRead {
    /// `T2`, `T3` or `T4`.
    pub table: &'static str,
    /// Canonical row key, e.g. `R3c2`, `norm`, `RV`.
    pub key: &'static str,
    /// The label as written (`2.其他法律行政止公开`); empty for 表四's unlabelled data row.
    pub label: String,
    pub span: Span,
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

/// The report format detected from the tables and headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DetectedFormat {
    /// 国办公开办函〔2021〕30号.
    F2021,
    /// 2019 trial format (国办公开办函〔2019〕60号).
    F2019,
    /// 2021 tables except for a single 2019-style （六）其他处理 row.
    Mixed,
    /// A report on the structure used before 2019 (no 第二十条 tables).
    Pre2019,
    Unknown,
}

impl DetectedFormat {
    /// The contract string (`"2021"`, `"2019"`, `"mixed"`, `"pre2019"`, `"unknown"`).
    pub fn as_str(self) -> &'static str {
        match self {
            DetectedFormat::F2021 => "2021",
            DetectedFormat::F2019 => "2019",
            DetectedFormat::Mixed => "mixed",
            DetectedFormat::Pre2019 => "pre2019",
            DetectedFormat::Unknown => "unknown",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            DetectedFormat::F2021 => "2021年版格式（国办公开办函〔2021〕30号）",
            DetectedFormat::F2019 => "2019年试行格式（国办公开办函〔2019〕60号）",
            DetectedFormat::Mixed => "2021年版格式，但表三“（六）其他处理”仍为2019年的单行",
            DetectedFormat::Pre2019 => "2019年以前的旧格式",
            DetectedFormat::Unknown => "未能识别",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            DetectedFormat::F2021 => "2021 national format (国办公开办函〔2021〕30号)",
            DetectedFormat::F2019 => "2019 trial format (国办公开办函〔2019〕60号)",
            DetectedFormat::Mixed => "2021 format with the single 2019-style （六）其他处理 row",
            DetectedFormat::Pre2019 => "pre-2019 format",
            DetectedFormat::Unknown => "not recognised",
        }
    }
}

/// Whether the input could be read as a report at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadStatus {
    Ok,
    /// The input is not a report (or is empty); the message says why, in Chinese and English.
    Unreadable {
        zh: String,
        en: String,
    },
}

/// Everything read from one input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub status: ReadStatus,
    pub title: Option<String>,
    pub agency: Option<String>,
    pub year: Option<u32>,
    pub format: DetectedFormat,
    pub sections: Vec<Section>,
    /// Rows found in the tables, in input order.
    pub rows: Vec<RowRead>,
    /// Every cell read, in table order (T2, T3, T4).
    pub cells: Vec<Cell>,
    /// Tables whose header words appear in the text (`T2`, `T3`, `T4`), whether or not
    /// their rows could be read: a table that is there but unreadable is not "missing".
    pub tables_seen: Vec<&'static str>,
    /// Positions in `cells`, ordered by key (stable: of equal keys, the last read is last),
    /// for [`Report::cell`]'s binary search (built by [`Report::new`]).
    index: Vec<usize>,
}

impl Report {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        status: ReadStatus,
        title: Option<String>,
        agency: Option<String>,
        year: Option<u32>,
        format: DetectedFormat,
        sections: Vec<Section>,
        rows: Vec<RowRead>,
        cells: Vec<Cell>,
        tables_seen: Vec<&'static str>,
    ) -> Report {
        let index = crate::sort::stable_order(cells.len(), &|a, b| cells[a].key < cells[b].key);
        Report {
            status,
            title,
            agency,
            year,
            format,
            sections,
            rows,
            cells,
            tables_seen,
            index,
        }
    }

    /// The cell of `key`; of two cells with the same key, the one read last.
    pub fn cell(&self, key: &str) -> Option<&Cell> {
        let after = self
            .index
            .partition_point(|&i| self.cells.get(i).is_some_and(|c| c.key.as_str() <= key));
        let cell = self.cells.get(*self.index.get(after.checked_sub(1)?)?)?;
        (cell.key == key).then_some(cell)
    }

    pub fn value(&self, key: &str) -> Option<&CellValue> {
        self.cell(key).map(|c| &c.value)
    }

    pub fn row(&self, table: &str, key: &str) -> Option<&RowRead> {
        self.rows.iter().find(|r| r.table == table && r.key == key)
    }

    pub fn has_table(&self, table: &str) -> bool {
        self.rows.iter().any(|r| r.table == table)
    }

    pub fn section(&self, number: u8) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_convert_to_chars_and_utf16() {
        let text = "a表𝄞三b";
        // bytes: a(1) 表(3) 𝄞(4) 三(3) b(1)
        let span = Span::new(8, 11); // 三
        assert_eq!(&text[8..11], "三");
        assert_eq!(span.to_char_range(text), (3, 4));
        assert_eq!(span.to_utf16_range(text), (4, 5));
    }

    #[test]
    fn cell_lookup_finds_every_key_and_the_last_of_duplicates() {
        let cell = |key: &str, n: i64| Cell {
            key: key.to_string(),
            value: CellValue::Number(crate::Num::int(n)),
            raw: n.to_string(),
            span: None,
        };
        let cells = vec![
            cell("T3.R1.C2", 1),
            cell("T2.norm.made", 2),
            cell("T3.R1.C1", 3),
            cell("T3.R1.C2", 4),
            cell("T4.RV.t", 5),
        ];
        let report = Report::new(
            ReadStatus::Ok,
            None,
            None,
            None,
            DetectedFormat::F2021,
            Vec::new(),
            Vec::new(),
            cells,
            Vec::new(),
        );
        let n = |k: &str| report.value(k).and_then(CellValue::number);
        assert_eq!(n("T3.R1.C2"), Some(crate::Num::int(4)));
        assert_eq!(n("T2.norm.made"), Some(crate::Num::int(2)));
        assert_eq!(n("T3.R1.C1"), Some(crate::Num::int(3)));
        assert_eq!(n("T4.RV.t"), Some(crate::Num::int(5)));
        for absent in ["", "T3", "T3.R1.C", "T3.R1.C3", "T4.RV.u", "Z"] {
            assert!(report.cell(absent).is_none(), "{absent}");
        }
    }
}
