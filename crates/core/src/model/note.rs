//! Reading notes: what the reader could not read, as data. The reader records them in the
//! [`super::Report`]; the rules turn them into the findings users see (COLUMN-MISSING,
//! CELLS-AMBIGUOUS, ROW-MISSING, READ-INCOMPLETE). Reading never builds a finding.

use super::{Omission, Span};
use crate::format::{CellKey, GroupSpec, RowId, Table};

/// Something the reader found but could not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// A row was found, but fewer values than it has columns.
    ColumnMissing {
        table: Table,
        /// The row; `None` for 表四's single data row of all three groups.
        row: Option<RowId>,
        /// The row's label as written; `None` when the row had no label of its own (the
        /// label stood on the lines before the numbers, or the row is 表四's data row).
        label: Option<String>,
        /// The cells not read.
        cells: Vec<CellKey>,
        /// The line of the row.
        span: Span,
    },
    /// Page text whose numbers ran together, with more than one split that fits the table's
    /// identities (or none that does, or too many to tell): the cells are left unread.
    Ambiguous {
        table: Table,
        /// The row; `None` for 表四's single data row of all three groups.
        row: Option<RowId>,
        /// The row's label as written (may be empty).
        label: String,
        /// The run of digits as written.
        raw: String,
        /// The splits still possible, each as the text of every cell of the row.
        candidates: Vec<Vec<String>>,
        count: CandidateCount,
        /// The cells the splits disagree on.
        cells: Vec<CellKey>,
        /// The run of digits.
        span: Option<Span>,
    },
    /// A caption of 表二 (`第二十条第（六）项`) that is not in the text, though its rows are.
    CaptionMissing {
        table: Table,
        caption: &'static GroupSpec,
        /// The label of the caption's first row found.
        span: Option<Span>,
    },
    /// The reader left part of the file out, past one of its caps: what was read is checked,
    /// the rest is not (in the order the reader noted them).
    Incomplete(Omission),
}

/// How many splits an [`Note::Ambiguous`] row has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CandidateCount {
    /// The candidates are all of them.
    All,
    /// The search stopped before it found them all.
    Stopped,
    /// More than this many.
    MoreThan(usize),
}
