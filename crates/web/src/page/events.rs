//! The page's messages ([`Msg`]), the listeners that read them from DOM events ([`wire`]),
//! and [`Ui::update`], the one place that acts on them.
//!
//! A listener's decoder does only what must happen inside the event's own dispatch
//! (`preventDefault`, the drag's drop effect, clearing a file input) and says what happened;
//! `update` changes the state and the page. Reads of files end in a message too
//! (`FileRead`, `BatchRead`, `LastRead`), so a result shown while a file was being read is
//! decided in the same place as every other change.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    ClipboardEvent, DataTransfer, DragEvent, Element, Event, EventTarget, File,
    HtmlTextAreaElement, KeyboardEvent,
};

use super::export::Export;
use super::{file_vec, Mode, Ui};
use crate::view::FileEntry;

/// What happened on the page.
pub(super) enum Msg {
    /// 校验, or Ctrl+Enter in the box.
    Check,
    /// The text box read and completed by the full-check module: draw it.
    BoxChecked(Box<super::text_box::BoxRead>),
    /// Clipboard HTML pasted over the whole box; the box shows `plain`.
    PastedHtml {
        html: String,
        plain: String,
    },
    /// The box was edited: the clipboard HTML no longer matches it.
    Edited,
    /// 改用框中文字校验.
    UsePlainText,
    /// The English switch.
    ToggleLang,
    /// A finding clicked (its `button.goto`): go to its cells or its text.
    GoTo(Element),
    /// A rule link clicked: open the rule's documentation, `#rule-ID`.
    ShowRule(String),
    /// The rules panel's summary clicked (opened, or closed).
    OpenRules,
    /// The rules' documentation arrived from the reader module, or could not.
    RuleDocs(Result<Vec<crate::read::RuleDoc>, nianbao_core::readers::InputError>),
    /// 与上年报告对比…: choose last year's report.
    PairPick,
    /// 取消与上年报告的对比.
    Unpair,
    Export(Export),
    /// 导出用语: the terms box as a file.
    ExportTerms,
    Print,
    /// Last year's report chosen (`#pair-file`) or dropped on `#pair`.
    PairWith(File),
    /// Last year's report read (`entry`, file `name`), for the result that was shown as
    /// `serial` (file `target` of the list, or the box).
    LastRead {
        serial: u32,
        target: Option<usize>,
        name: String,
        entry: FileEntry,
    },
    /// 选择文件.
    Pick,
    /// Files chosen, dropped or pasted: read them into a new list.
    Open(Vec<File>),
    /// File `entry` of batch `batch` was read.
    FileRead {
        batch: u32,
        entry: FileEntry,
    },
    /// The `n` files of batch `batch` were read.
    BatchRead {
        batch: u32,
        n: usize,
    },
    /// A file of the list clicked: show its result.
    Show(usize),
    /// Files dragged into the page (or the widget), moved over it, out of it.
    DragEnter,
    DragOver,
    DragLeave,
    /// A drop; `zone` is the `#pair` element it happened in, if any.
    Drop {
        files: Vec<File>,
        zone: Option<Element>,
    },
}

impl Ui {
    /// Acts on a message: every change of a mount's state goes through here.
    pub(super) fn update(self: &Rc<Self>, msg: Msg) {
        match msg {
            Msg::Check => self.check_box(),
            Msg::BoxChecked(pending) => self.box_checked(*pending),
            Msg::PastedHtml { html, plain } => self.keep_html(html, &plain),
            Msg::Edited => self.forget_html(),
            Msg::UsePlainText => {
                self.forget_html();
                let _ = self.form.input.focus();
            }
            Msg::ToggleLang => {
                let english = !self.state.borrow().english;
                self.set_lang(english);
            }
            Msg::GoTo(button) => self.go_to_finding(&button),
            Msg::ShowRule(rule) => {
                self.show_rule(&rule);
                self.load_rule_docs();
            }
            Msg::OpenRules => self.load_rule_docs(),
            Msg::RuleDocs(docs) => self.rule_docs_arrived(docs),
            Msg::PairPick => self.form.pair_file.click(),
            Msg::Unpair => self.unpair(),
            Msg::Export(what) => {
                if let Err(e) = self.export(what) {
                    super::log("nianbao: export failed", &e);
                }
            }
            Msg::ExportTerms => {
                if let Err(e) = self.export_terms() {
                    super::log("nianbao: export failed", &e);
                }
            }
            Msg::Print => self.print(),
            Msg::PairWith(file) => self.start_pairing(file),
            Msg::LastRead {
                serial,
                target,
                name,
                entry,
            } => self.last_read(serial, target, &name, &entry),
            Msg::Pick => self.form.file.click(),
            Msg::Open(files) => self.open_files(files),
            Msg::FileRead { batch, entry } => self.file_read(batch, entry),
            Msg::BatchRead { batch, n } => self.batch_read(batch, n),
            Msg::Show(i) => self.show(i),
            Msg::DragEnter => {
                self.state.borrow_mut().drag_depth += 1;
                self.dragging(true);
            }
            Msg::DragOver => self.dragging(true),
            Msg::DragLeave => {
                let depth = {
                    let mut s = self.state.borrow_mut();
                    s.drag_depth -= 1;
                    s.drag_depth
                };
                if depth <= 0 {
                    self.dragging(false);
                }
            }
            Msg::Drop { files, zone } => self.dropped(files, zone),
        }
    }
}

/// Reads an event into a message (`None`: nothing to do).
type Decode = fn(&Ui, &Event) -> Option<Msg>;

/// A listener; `active`: it may call `preventDefault` (gloo's default listeners are passive).
/// Every listener is the same closure type over `(ui, decode)`, so the wasm has one listener
/// shim instead of one per event.
fn listen(
    ui: &Rc<Ui>,
    target: &EventTarget,
    kind: &'static str,
    active: bool,
    decode: Decode,
) -> EventListener {
    let options = if active {
        EventListenerOptions::enable_prevent_default()
    } else {
        EventListenerOptions::default()
    };
    let ui = ui.clone();
    EventListener::new_with_options(target, kind, options, move |e| {
        if let Some(msg) = decode(&ui, e) {
            ui.update(msg);
        }
    })
}

/// Every listener of a mount (dropping them removes them).
pub(super) fn wire(ui: &Rc<Ui>, mode: Mode) -> Vec<EventListener> {
    let f = &ui.form;
    // Drag and drop: the whole window for the page, only the container for a widget.
    let drag: EventTarget = match (mode, web_sys::window()) {
        (Mode::Page, Some(w)) => w.into(),
        _ => ui.container.clone().into(),
    };
    let table: [(&EventTarget, &'static str, bool, Decode); 16] = [
        (&f.check, "click", false, |_, _| Some(Msg::Check)),
        (&f.input, "keydown", true, key_down),
        (&f.input, "paste", true, paste),
        // Any edit after an HTML paste: the box no longer matches the HTML, so check the box.
        (&f.input, "input", false, |_, _| Some(Msg::Edited)),
        (&f.paste_plain, "click", false, |_, _| {
            Some(Msg::UsePlainText)
        }),
        (&f.lang, "click", false, |_, _| Some(Msg::ToggleLang)),
        (&f.terms_export, "click", false, |_, _| {
            Some(Msg::ExportTerms)
        }),
        (&f.result, "click", true, result_click),
        (&f.pair_file, "change", false, pair_file_chosen),
        (&f.list, "click", false, list_click),
        (&f.pick, "click", false, |_, _| Some(Msg::Pick)),
        (&f.file, "change", false, files_chosen),
        (&drag, "dragenter", true, drag_enter),
        (&drag, "dragover", true, drag_over),
        (&drag, "dragleave", true, drag_leave),
        (&drag, "drop", true, drop),
    ];
    table
        .into_iter()
        .map(|(target, kind, active, decode)| listen(ui, target, kind, active, decode))
        .collect()
}

fn key_down(_: &Ui, e: &Event) -> Option<Msg> {
    let k = e.dyn_ref::<KeyboardEvent>()?;
    let check = k.key() == "Enter" && (k.ctrl_key() || k.meta_key());
    if check {
        k.prevent_default();
    }
    check.then_some(Msg::Check)
}

/// Clipboard HTML (from a browser, Word or WPS) is kept when the paste replaces the whole
/// box; the box then shows the clipboard's plain text. Files pasted from a file manager are
/// read like chosen files. Anything else is the browser's ordinary paste.
fn paste(ui: &Ui, e: &Event) -> Option<Msg> {
    let dt = e.dyn_ref::<ClipboardEvent>()?.clipboard_data()?;
    let html = dt.get_data("text/html").unwrap_or_default();
    let plain = dt.get_data("text/plain").unwrap_or_default();
    if html.trim().is_empty() {
        let files = if plain.is_empty() {
            file_vec(dt.files())
        } else {
            Vec::new()
        };
        if files.is_empty() {
            return None; // the browser pastes the plain text; the `input` event drops old HTML
        }
        e.prevent_default();
        return Some(Msg::Open(files));
    }
    let input = &ui.form.input;
    let value = input.value();
    let len = value.encode_utf16().count() as u32;
    let start = input.selection_start().ok().flatten().unwrap_or(0);
    let end = input.selection_end().ok().flatten().unwrap_or(0);
    if !(value.is_empty() || (start == 0 && end == len)) {
        return None; // pasted into other text: only the plain text makes sense there
    }
    e.prevent_default();
    Some(Msg::PastedHtml { html, plain })
}

/// Clicks in the result area: a finding (go to its cell or text), a rule link (its
/// documentation, handled here: a fragment does not reach into a shadow root), pairing, the
/// export and print buttons.
fn result_click(_: &Ui, e: &Event) -> Option<Msg> {
    let target = event_element(e)?;
    let closest = |sel: &str| target.closest(sel).ok().flatten();
    if let Some(b) = closest("button.goto") {
        Some(Msg::GoTo(b))
    } else if let Some(a) = closest("a.rule-link") {
        e.prevent_default();
        Some(Msg::ShowRule(
            a.get_attribute("data-rule").unwrap_or_default(),
        ))
    } else if closest("#rules > summary").is_some() {
        Some(Msg::OpenRules)
    } else if closest("#pair-pick").is_some() {
        Some(Msg::PairPick)
    } else if closest("#pair-remove").is_some() {
        Some(Msg::Unpair)
    } else if closest("#export-json").is_some() {
        Some(Msg::Export(Export::Json))
    } else if closest("#export-csv").is_some() {
        Some(Msg::Export(Export::Csv))
    } else if closest("#print").is_some() {
        Some(Msg::Print)
    } else {
        None
    }
}

/// `#pair-file` changed: last year's report chosen.
fn pair_file_chosen(ui: &Ui, _: &Event) -> Option<Msg> {
    let input = &ui.form.pair_file;
    let first = file_vec(input.files()).into_iter().next();
    // Cleared so that choosing the same file again is a change too.
    input.set_value("");
    first.map(Msg::PairWith)
}

/// `#file` changed: files chosen.
fn files_chosen(ui: &Ui, _: &Event) -> Option<Msg> {
    let input = &ui.form.file;
    let files = file_vec(input.files());
    // Cleared so that choosing the same file again is a change too.
    input.set_value("");
    Some(Msg::Open(files))
}

/// A click on a file of the list: `li[data-index]`.
fn list_click(_: &Ui, e: &Event) -> Option<Msg> {
    let li = event_element(e)?.closest("li[data-index]").ok().flatten()?;
    let i = li.get_attribute("data-index")?.parse().ok()?;
    Some(Msg::Show(i))
}

fn drag_enter(_: &Ui, e: &Event) -> Option<Msg> {
    let dt = carries_files(e)?;
    e.prevent_default();
    dt.set_drop_effect("copy");
    Some(Msg::DragEnter)
}

fn drag_over(_: &Ui, e: &Event) -> Option<Msg> {
    if let Some(dt) = carries_files(e) {
        // Needed for `drop` to fire at all; otherwise the browser opens the file.
        e.prevent_default();
        dt.set_drop_effect("copy");
        return Some(Msg::DragOver);
    }
    if !in_text_box(e) {
        // A dragged link or text outside the box: no drop, and never a navigation.
        e.prevent_default();
        if let Some(dt) = e.dyn_ref::<DragEvent>().and_then(DragEvent::data_transfer) {
            dt.set_drop_effect("none");
        }
    }
    None
}

fn drag_leave(_: &Ui, e: &Event) -> Option<Msg> {
    carries_files(e).map(|_| Msg::DragLeave)
}

fn drop(_: &Ui, e: &Event) -> Option<Msg> {
    let dt = e.dyn_ref::<DragEvent>().and_then(DragEvent::data_transfer);
    let files = file_vec(dt.as_ref().and_then(DataTransfer::files));
    if !files.is_empty() || !in_text_box(e) {
        // Files are ours; anything else outside the text box must never navigate.
        e.prevent_default();
    }
    // Dropped on 与上年报告对比: last year's report for the result shown.
    let zone = event_element(e).and_then(|t| t.closest("#pair").ok().flatten());
    Some(Msg::Drop { files, zone })
}

/// The drag's data when it carries files.
fn carries_files(e: &Event) -> Option<DataTransfer> {
    let dt = e.dyn_ref::<DragEvent>()?.data_transfer()?;
    dt.types()
        .includes(&JsValue::from_str("Files"), 0)
        .then_some(dt)
}

/// The element the event happened on, also inside an (open) shadow root, where `target` is
/// retargeted to the host for listeners outside it.
fn event_element(e: &Event) -> Option<Element> {
    e.composed_path()
        .get(0)
        .dyn_into::<Element>()
        .ok()
        .or_else(|| e.target().and_then(|t| t.dyn_into::<Element>().ok()))
}

fn in_text_box(e: &Event) -> bool {
    event_element(e).is_some_and(|t| t.dyn_ref::<HtmlTextAreaElement>().is_some())
}
