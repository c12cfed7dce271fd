//! **One presentation** for both shells (the CLI's text, CSV and SARIF, the page's view
//! model): the words people read around what the rules decide. The verdict and its words
//! ([`Verdict`], [`counts`]), the groups findings are listed under and their order
//! ([`GROUPS`], [`group_of`], [`grouped`]), tables, rows and cells named in words as the
//! report names them ([`cell_name`], [`row_name`], [`unit_name`]), the suspect units and the
//! few cells a finding shows ([`finding_cells`]), the markers of blank and unread cells and
//! the identity words.
//!
//! A floor above the rules and the localiser: it reads the report, the findings and the
//! evaluations, and decides nothing about the report itself. Pure, like the rest of the core.

mod cells;
mod groups;
mod verdict;

pub use cells::{
    cell_name, finding_cells, row_name, suspect_name, table_name, table_title, unit_name, units,
    FindingCells, Unit,
};
pub use groups::{group_of, grouped, FindingGroup, GROUPS};
pub use verdict::{
    counts, format_short, identity_outcome, Verdict, BLANK_MARK, IDENTITY_TITLE_EN,
    IDENTITY_TITLE_ZH, MISSING_MARK,
};

use crate::lang::Lang;

/// `zh` or `en`.
pub fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
