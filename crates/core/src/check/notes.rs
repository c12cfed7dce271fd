//! Reading notes ([`Note`]) as the findings users see: COLUMN-MISSING, CELLS-AMBIGUOUS and
//! ROW-MISSING (a 表二 caption that is not there).

use super::words;
use crate::finding::{Finding, Outcome, Param};
use crate::model::Note;
use crate::rules::ids;

pub(super) fn finding(note: &Note) -> Finding {
    match note {
        Note::ColumnMissing {
            table,
            row,
            label,
            cells,
            span,
        } => {
            let mut f = Finding::new(ids::COLUMN_MISSING, Outcome::Fail);
            f.params.push(words::table(*table));
            f.params.push(words::row_param(*table, *row, label.clone()));
            f.params.push(Param::same("n", cells.len().to_string()));
            f.cells = cells.clone();
            f.span = Some(*span);
            f
        }
        Note::Ambiguous {
            table,
            row,
            label,
            raw,
            candidates,
            count,
            cells,
            span,
        } => {
            let mut f = Finding::new(ids::CELLS_AMBIGUOUS, Outcome::Fail);
            f.params.push(words::table(*table));
            f.params.push(match row {
                Some(r) => Param::two("row", label.clone(), table.row(*r).label_en),
                None => words::row_param(*table, None, None),
            });
            f.params.push(Param::same("raw", raw.clone()));
            f.params.extend(words::candidates(candidates, *count));
            f.cells = cells.clone();
            f.span = *span;
            f
        }
        Note::CaptionMissing {
            table,
            caption,
            span,
        } => {
            let mut f = Finding::new(ids::ROW_MISSING, Outcome::Fail);
            f.params.push(words::table(*table));
            f.params.push(words::caption_param(caption.heading_zh));
            f.span = *span;
            f
        }
    }
}
