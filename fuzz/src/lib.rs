//! What every target checks beyond "no panic": the document a reader returns is well formed
//! (every span inside the text and on character boundaries), and an unreadable input has a
//! message in both languages. And no single allocation is larger than [`MALLOC_LIMIT`]
//! (libFuzzer's `-malloc_limit_mb` needs a sanitizer; the targets are built without one, as
//! the core has no `unsafe`, so the allocator itself enforces it).

use nianbao_core::readers::{Block, Document, InputError, Span};
use std::alloc::{GlobalAlloc, Layout, System};

/// The largest single allocation the core may make on fuzz inputs (inputs of at most a few
/// hundred KB; the readers cap what they inflate and decode well below this).
pub const MALLOC_LIMIT: usize = 256 << 20;

struct Capped;

fn limit(size: usize) {
    if size > MALLOC_LIMIT {
        // Abort (not panic: an allocator must not unwind); libFuzzer saves the input.
        eprintln!("==fuzz== allocation of {size} bytes over the limit of {MALLOC_LIMIT}");
        std::process::abort();
    }
}

// SAFETY: forwards to the system allocator, after refusing sizes over the limit.
unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        limit(layout.size());
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        limit(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        limit(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOC: Capped = Capped;

#[path = "../../crates/core/tests/support/concat_page.rs"]
pub mod concat_page;

fn span_ok(text: &str, s: Span) {
    assert!(s.start <= s.end, "span {s:?} reversed");
    assert!(
        s.end <= text.len(),
        "span {s:?} past the text ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "span {s:?} not on char boundaries"
    );
}

/// Panics when a document breaks the invariants the extraction relies on.
pub fn document_ok(d: &Document) {
    for b in &d.blocks {
        match b {
            Block::Paragraph(s) | Block::Line(s) => span_ok(&d.text, *s),
            Block::Table(t) => {
                for r in &t.rows {
                    span_ok(&d.text, r.span);
                    for c in &r.cells {
                        span_ok(&d.text, *c);
                    }
                }
            }
        }
    }
}

/// A reader's result: a well-formed document, or a message in both languages.
pub fn read_ok(r: &Result<Document, InputError>) {
    match r {
        Ok(d) => document_ok(d),
        Err(e) => assert!(!e.zh.is_empty() && !e.en.is_empty(), "empty message"),
    }
}

/// A whole check: an unreadable report says why, in both languages; every finding's span
/// lies in the text it indexes into.
pub fn checked_ok(c: &nianbao_core::Checked) {
    if let nianbao_core::ReadStatus::Unreadable { zh, en } = &c.analysis.report.status {
        assert!(!zh.is_empty() && !en.is_empty(), "empty message");
    }
    for f in &c.analysis.findings {
        if let Some(s) = f.span {
            span_ok(&c.text, s);
        }
    }
}
