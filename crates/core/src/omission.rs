//! What a reader leaves out to keep time and memory bounded, one of the base types every
//! floor shares (like [`crate::span`]): the readers record it in their document
//! ([`crate::readers::Document::omitted`]), the report builder makes each a reading note
//! ([`crate::model::Note::Incomplete`]), and a rule tells the user (READ-INCOMPLETE). A real
//! report never comes near the caps; a very large, damaged or hostile file may.

/// Something a reader left out of a document, past one of its caps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Omission {
    /// Only the first `read` pages were read (PDF: past the caps on pages, glyphs, ruling
    /// segments or decoded bytes).
    Pages { read: usize },
    /// Page `page` (counted from 1) was read only in part: its drawing ran past the cap on
    /// operators, glyphs or ruling lines of one page, or the document's on glyphs or ruling
    /// segments ended in it.
    PagePart { page: usize },
    /// `tables` ruled tables past the document's budget of grid slots: their text is read as
    /// lines, without their cells.
    Rulings { tables: usize },
    /// Table cells past a table's widest grid or the document's budget of grid cells, or the
    /// paragraphs, rows and cells past a Word document's cap on them.
    Cells,
}
