//! The interactive page: the form, paste (clipboard HTML from a browser, Word or WPS is kept
//! for checking), the file picker, drag and drop, and the list of files read. What is shown
//! is computed by [`crate::view`] and drawn by [`crate::dom`].
//!
//! [`mount`] builds everything inside `<div class="nianbao">` in the given container, which
//! may be inside a shadow root: the page's own elements are always looked up relative to the
//! container (never through `document`), and in-page links (rule documentation) are handled
//! here, because fragment navigation does not reach into shadow roots.
//!
//! Every event listener of a mount is kept in a registry (never `forget`), so that mounting
//! again on the same container, [`unmount`], and the panic hook remove them all.
//!
//! The flow is Elm's: a listener reads its DOM event into a message (`events::Msg`: a user's
//! action; the end of a file read is one too), and `Ui::update` is the one place that acts on
//! them, through the handlers of the files below:
//!
//! - `mount`: mount options, the registry of mounts, [`mount`], [`unmount`], the panic path;
//! - `form`: the form's elements, built by name (`Form`);
//! - `events`: the messages, the listeners that make them, and `Ui::update`;
//! - `text_box`: 校验 of the text box, clipboard HTML kept from a paste;
//! - `files`: reading files into the list, the list, showing a file's result, drag and drop;
//! - `pairing`: 与上年报告对比 (last year's report for the result shown);
//! - `result`: drawing the result, the language switch, going to a finding or a rule, print,
//!   and the `nianbao-result` event;
//! - `export`: 导出 JSON and 导出 CSV as downloads.
//!
//! Hooks for tests and embedders (besides those of [`crate::dom`]): `.nianbao[data-mode]
//! [data-compact]`, `#pick` (选择文件), `#file` (`<input type=file multiple>`),
//! `#paste-note[data-mode]` (clipboard HTML kept), `details#terms` with `#terms-input` (the
//! user's own terms for the typo check, in memory only) and `#terms-export` (导出用语), `#drop-hint` (shown while files are dragged
//! over the page, container `[data-dragging]`), `#files[data-state="reading"|"done"]` /
//! `#files-status` / `#file-list li[data-index][data-name][data-kind][data-verdict]
//! [data-errors][data-warnings] button[aria-current]`. After every result, the container
//! dispatches `nianbao-result` (`detail`: `{ verdict, errors, warnings, file, report, last }`).
//!
//! Last year's report: files of one batch that are reports of the same body for consecutive
//! years are paired automatically ([`crate::view::auto_pair`]); 与上年报告对比… (`#pair-pick`,
//! `#pair-file`, outside `#result`, or a file dropped on `#pair`) pairs the result shown by hand, and
//! `#pair-remove` undoes it. A paired result carries the cross-year findings like any other
//! (list, verdict, exports, event).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use nianbao_core::{Checked, Lang};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, File, FileList, HtmlElement};

use crate::dom::Draw;
use crate::view::{FileEntry, LastReport, PageView, Source};

mod events;
mod export;
mod files;
mod form;
mod mount;
mod pairing;
mod result;
mod text_box;

pub use mount::{
    crash_all, mount, mounted_count, unmount, Mode, MountOptions, RECOVERED_EN, RECOVERED_ZH,
};

/// A mount: its elements and its state.
struct Ui {
    /// The document, for drawing (see [`Draw`]).
    doc: Draw,
    container: Element,
    form: form::Form,
    compact: bool,
    /// Cleared when the mount is replaced or removed: a batch still reading stops.
    alive: Cell<bool>,
    state: RefCell<State>,
}

/// What the result area shows, redrawn when the language changes.
#[derive(Clone)]
struct Shown {
    /// The line above the verdict (a file, or the text box).
    source: Option<Source>,
    /// Shared with the file list's entry: redrawing and pairing never copy the view.
    view: Rc<PageView>,
    /// The file name (exports, the event).
    file: Option<String>,
    /// The input as the core checked it (`None`: a file refused before it was read).
    checked: Option<Rc<Checked>>,
    /// The text box's own plain text was checked: like `check(string)`, the event's report
    /// then has no `text` (the spans index into the box's text).
    from_string: bool,
    /// The file name of last year's report the result is paired with.
    last: Option<String>,
}

#[derive(Default)]
struct State {
    /// Clipboard HTML of the last paste, checked instead of the box's plain text until the
    /// text is edited.
    pasted_html: Option<String>,
    /// The files of the last batch, in the order given.
    entries: Vec<FileEntry>,
    /// Index of the file whose result is shown (`None`: the box's result or nothing).
    shown: Option<usize>,
    /// Incremented by each new batch of files; a running batch stops when it changes.
    batch: u32,
    /// dragenter minus dragleave of a drag carrying files.
    drag_depth: i32,
    /// The language of the result (the `#lang` switch).
    english: bool,
    /// What the result area shows.
    current: Option<Shown>,
    /// The text box's last result without cross-year findings (to pair it, or unpair it).
    box_checked: Option<Rc<Checked>>,
    /// Last year's report paired with the text box; applied again to later checks of the box.
    box_last: Option<LastReport>,
    /// Counts the results shown: a pairing whose file is read after another result was shown
    /// is dropped.
    serial: u32,
    /// Counts the checks of the text box started: a check completed (by the full-check module)
    /// after a later one started, or after another result was shown, is dropped.
    box_check: u32,
    /// The rules' documentation, which the reader module brings when the rules panel is first
    /// opened.
    rule_docs: RuleDocs,
}

/// Where the rules' documentation is.
#[derive(Default)]
enum RuleDocs {
    #[default]
    NotAsked,
    Loading,
    Loaded(Vec<crate::read::RuleDoc>),
    Failed(nianbao_core::readers::InputError),
}

impl State {
    fn lang(&self) -> Lang {
        if self.english {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// A new result is shown: `shown` is the file of the list it belongs to (`None`: the box).
    fn showing(&mut self, shown: Option<usize>) {
        self.shown = shown;
        self.serial = self.serial.wrapping_add(1);
    }
}

fn log(what: &str, e: &JsValue) {
    web_sys::console::error_2(&JsValue::from_str(what), e);
}

/// The element with id `id` inside `scope` (ids are unique per mount; `document` is never
/// asked, so this works in a shadow root too).
fn by_id(scope: &Element, id: &str) -> Option<Element> {
    scope
        .query_selector(&format!("[id=\"{}\"]", id.replace(['"', '\\'], "")))
        .ok()
        .flatten()
}

/// Scrolls `el` into view and focuses it (it has `tabindex="-1"`).
fn focus(el: &Element) {
    el.scroll_into_view();
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}

fn file_vec(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
