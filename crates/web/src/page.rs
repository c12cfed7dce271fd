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
//! Hooks for tests and embedders (besides those of [`crate::dom`]): `.nianbao[data-mode]
//! [data-compact]`, `#pick` (选择文件), `#file` (`<input type=file multiple>`),
//! `#paste-note[data-mode]` (clipboard HTML kept), `#drop-hint` (shown while files are dragged
//! over the page, container `[data-dragging]`), `#files[data-state="reading"|"done"]` /
//! `#files-status` / `#file-list li[data-index][data-name][data-kind][data-verdict]
//! [data-errors][data-warnings] button[aria-current]`. After every result, the container
//! dispatches `nianbao-result` (`detail`: `{ verdict, errors, warnings, file, report, last }`).
//!
//! Last year's report: files of one batch that are reports of the same body for consecutive
//! years are paired automatically ([`view::auto_partners`]); 与上年报告对比… (`#pair-pick`,
//! `#pair-file`, outside `#result`, or a file dropped on `#pair`) pairs the result shown by hand, and
//! `#pair-remove` undoes it. A paired result carries the cross-year findings like any other
//! (list, verdict, exports, event).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use nianbao_core::{Checked, Lang, ReadStatus};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    ClipboardEvent, DataTransfer, DragEvent, Element, Event, EventTarget, File, FileList,
    HtmlElement, HtmlInputElement, HtmlTextAreaElement, KeyboardEvent,
};

use crate::dom::{add, bool_str, render, Draw, Res, EN, NO};
use crate::view::{self, FileEntry, LastReport, PageView, Source};

/// Where drag and drop is listened for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The served page: files may be dropped anywhere on the window.
    #[default]
    Page,
    /// Embedded in a host page: only drops on the container; the host's own drops are left
    /// alone.
    Widget,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Page => "page",
            Mode::Widget => "widget",
        }
    }
}

/// How [`mount`] sets up the validator (JS: `mount(element, options)`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MountOptions {
    pub mode: Mode,
    /// Start with the result in English (as if the English switch were pressed).
    pub english: bool,
    /// The compact layout for embedding: short hints, a smaller text box, the tables behind
    /// `<details>`.
    pub compact: bool,
    /// Put into the text box (nothing is checked).
    pub text: Option<String>,
    /// Show the notice that the validator restarted itself after an internal error.
    pub recovered: bool,
}

/// Shown in the result area of a mount made with `recovered: true`.
pub const RECOVERED_ZH: &str =
    "校验程序内部出错，已自动重新启动，输入的内容已保留。请再点击一次“校验”（或重新选择文件）。";
pub const RECOVERED_EN: &str = "An internal error happened; the validator restarted itself and kept your input. Please check again.";

/// A mounted container: its listeners (all of them, also those on window) and its state.
struct Mounted {
    container: Element,
    ui: Rc<Ui>,
    /// Kept to be dropped: dropping an `EventListener` removes it.
    _listeners: Vec<EventListener>,
}

thread_local! {
    static MOUNTS: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
}

/// Removes the registry entry of `container` (its listeners are dropped, i.e. removed, after
/// the registry is released). Returns whether there was one.
fn detach(container: &Element) -> bool {
    let gone: Vec<Mounted> = MOUNTS.with(|m| {
        let mut m = m.borrow_mut();
        let (gone, keep) = std::mem::take(&mut *m)
            .into_iter()
            .partition(|x| x.container == *container);
        *m = keep;
        gone
    });
    let any = !gone.is_empty();
    for g in &gone {
        g.ui.alive.set(false);
    }
    drop(gone);
    any
}

/// Stops the validator in `container`: removes its listeners (also those on window) and its
/// elements. Returns whether it was mounted.
pub fn unmount(container: &Element) -> bool {
    let was = detach(container);
    if was {
        if let Ok(Some(root)) = container.query_selector(":scope > .nianbao") {
            root.remove();
        }
        let _ = container.remove_attribute("data-state");
        let _ = container.remove_attribute("data-dragging");
    }
    was
}

/// How many containers are mounted (for tests).
pub fn mounted_count() -> usize {
    MOUNTS.with(|m| m.try_borrow().map(|m| m.len()).unwrap_or(0))
}

/// For the panic hook: shows the message `kind` (Chinese first, English second) in the
/// result area of every mounted container, then drops every registered listener. Never
/// panics: when the registry is borrowed (the panic happened while it was in use), it does
/// nothing and returns `false`.
pub fn crash_all(kind: &str, zh: &str, en: &str) -> bool {
    let taken = MOUNTS
        .try_with(|m| m.try_borrow_mut().ok().map(|mut m| std::mem::take(&mut *m)))
        .ok()
        .flatten();
    let Some(taken) = taken else {
        return false;
    };
    for m in &taken {
        m.ui.alive.set(false);
        let _ = crate::dom::notice(&m.ui.result, kind, zh, en);
        let _ = m.container.set_attribute("data-state", "crashed");
        let _ = m.container.remove_attribute("data-dragging");
        let _ = m.ui.drop_hint.set_attribute("hidden", "");
    }
    drop(taken);
    true
}

/// The elements the page works with, and its state.
struct Ui {
    /// The document, for drawing (see [`Draw`]).
    doc: Draw,
    container: Element,
    /// `<div class="nianbao">`: everything the mount draws.
    root: Element,
    input: HtmlTextAreaElement,
    file: HtmlInputElement,
    /// `#pair-file`: last year's report for 与上年报告对比… (outside `#result`).
    pair_file: HtmlInputElement,
    paste_note: Element,
    files: Element,
    status: Element,
    list: Element,
    result: Element,
    drop_hint: Element,
    lang_button: Element,
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
}

impl State {
    fn lang(&self) -> Lang {
        if self.english {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

type FormNode = (
    u8,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

/// The form under the root `div` of [`mount`]: `(parent, tag, attributes, texts)`, parents
/// by index (0: the root, `i + 1`: `FORM[i]`); texts: `[page, compact, widget]`, the first
/// when there are fewer. `#input` has 6 rows when compact.
#[rustfmt::skip]
static FORM: [FormNode; 27] = [
    (0, "button", &[("id", "lang"), ("type", "button"), ("lang", "en"), ("aria-pressed", "false"), ("class", "lang secondary")], &["English"]),
    (0, "section", &[("class", "form"), ("id", "form")], &[""]),
    (2, "label", &[("for", "input")], &["年度报告全文（从网页、Word 或 PDF 中复制后粘贴到这里）", "年度报告全文（粘贴到这里）"]),
    (2, "p", &[("class", "hint"), ("id", "input-hint"), ("lang", "en")], &[
        "Paste the full text of the report, or choose or drop report files below. Everything is checked in this browser; nothing is uploaded.",
        "Paste the report's full text, or choose files. Checked in this browser; nothing is uploaded.",
    ]),
    (2, "textarea", &[("id", "input"), ("rows", "14"), ("spellcheck", "false"), ("aria-describedby", "input-hint paste-note"), ("placeholder", "例如：××市××局 2024 年政府信息公开工作年度报告 …")], &[""]),
    (2, "p", &[("id", "paste-note"), ("class", "note"), ("role", "status"), ("hidden", "")], &[""]),
    (6, "span", &[], &["已读取网页/Word 表格格式（HTML）：校验时按原表格读取，框中显示的是它的文字。"]),
    (6, "span", EN, &["Table layout from the web page or Word kept for checking."]),
    (6, "button", &[("id", "paste-plain"), ("type", "button"), ("class", "link")], &["改用框中文字校验"]),
    (2, "div", &[("class", "actions")], &[""]),
    (10, "button", &[("id", "check"), ("type", "button")], &["校验"]),
    (10, "span", &[("class", "hint")], &["快捷键 Ctrl+Enter", "Ctrl+Enter"]),
    (2, "div", &[("class", "actions pick")], &[""]),
    (13, "button", &[("id", "pick"), ("type", "button"), ("aria-controls", "file"), ("aria-describedby", "file-hint")], &["选择文件"]),
    (13, "input", &[("id", "file"), ("type", "file"), ("multiple", ""), ("hidden", ""), ("tabindex", "-1"), ("aria-label", "选择报告文件")], &[""]),
    (13, "span", &[("id", "file-hint"), ("class", "hint")], &[
        "Word 文档（.docx）、网页（.html）或文本（.txt），可一次选择多个，也可以把文件拖到本页任意位置。",
        ".docx、.html 或 .txt，可多选或拖入。",
        "Word 文档（.docx）、网页（.html）或文本（.txt），可一次选择多个，也可以把文件拖到这里。",
    ]),
    (16, "span", EN, &[" Choose or drop .docx, .html or .txt files, several at once.", " Choose or drop files."]),
    (0, "section", &[("id", "files"), ("class", "files"), ("aria-labelledby", "files-title"), ("hidden", "")], &[""]),
    (18, "h2", &[("id", "files-title")], &["已读取的文件"]),
    (18, "p", &[("id", "files-status"), ("class", "hint"), ("role", "status")], &[""]),
    (18, "ul", &[("id", "file-list"), ("class", "file-list")], &[""]),
    (0, "section", &[("id", "result"), ("aria-live", "polite")], &[""]),
    (0, "div", &[("id", "drop-hint"), ("class", "drop-hint"), ("hidden", ""), ("aria-hidden", "true")], &[""]),
    (23, "p", &[], &[""]),
    (24, "span", &[], &["松开鼠标即可校验文件（.docx、.html、.txt）"]),
    (24, "span", EN, &["Drop the files to check them"]),
    // 与上年报告对比… opens this input. It lives outside `#result` (which is redrawn with each
    // result): a click on an input inside `#result` would bubble into `#result`'s own click
    // listener while that listener is still running (a recursive closure call).
    (0, "input", &[("id", "pair-file"), ("type", "file"), ("hidden", ""), ("tabindex", "-1"), ("aria-label", "选择上一年度的报告文件")], &[""]),
];

/// Builds the form (label, `#input`, `#check`, `#pick`/`#file`, `#files`, `#result`) in a
/// `<div class="nianbao">` inside `container`, replacing its content and any earlier mount
/// there, and wires paste, 校验 (and Ctrl+Enter), the file picker and drag and drop.
pub fn mount(container: &Element, opts: &MountOptions) -> Res<()> {
    detach(container);
    let doc = Draw::new(
        container
            .owner_document()
            .ok_or_else(|| JsValue::from_str("container has no document"))?,
    );
    container.set_text_content(None);
    let _ = container.remove_attribute("data-dragging");
    let compact = opts.compact;
    let mut class = String::from("nianbao");
    if opts.mode == Mode::Widget {
        class.push_str(" widget");
    }
    if compact {
        class.push_str(" compact");
    }
    let root = add(
        &doc,
        container,
        "div",
        &[
            ("class", &class),
            ("data-mode", opts.mode.as_str()),
            ("data-compact", bool_str(compact)),
        ],
        "",
    );

    // The static form, drawn by one loop: element `i + 1` of `FORM[i]` under element `parent`
    // (0: `root`).
    let variant = match (compact, opts.mode) {
        (true, _) => 1,
        (false, Mode::Page) => 0,
        (false, Mode::Widget) => 2,
    };
    let mut els = Vec::with_capacity(FORM.len() + 1);
    els.push(root.clone());
    for (parent, tag, attrs, texts) in FORM {
        let text = texts.get(variant).unwrap_or(&texts[0]);
        let e = add(&doc, &els[parent as usize], tag, attrs, text);
        els.push(e);
    }
    if compact {
        let _ = els[5].set_attribute("rows", "6");
    }
    let [_, lang_button, _, _, _, input, paste_note, _, _, plain, _, button, _, _, pick, file, _, _, files, _, status, list, result, drop_hint, _, _, _, pair_file] =
        <[Element; FORM.len() + 1]>::try_from(els).map_err(|_| JsValue::from_str("form"))?;
    doc.done()?;
    let input: HtmlTextAreaElement = input.dyn_into()?;
    let file: HtmlInputElement = file.dyn_into()?;
    let pair_file: HtmlInputElement = pair_file.dyn_into()?;

    let ui = Rc::new(Ui {
        doc,
        container: container.clone(),
        root,
        input,
        file,
        pair_file,
        paste_note,
        files,
        status,
        list,
        result,
        drop_hint,
        lang_button,
        compact,
        alive: Cell::new(true),
        state: RefCell::new(State::default()),
    });
    let listeners = wire(&ui, opts.mode, &button, &plain, &pick)?;
    MOUNTS.with(|m| {
        m.borrow_mut().push(Mounted {
            container: container.clone(),
            ui: ui.clone(),
            _listeners: listeners,
        })
    });
    if let Some(text) = &opts.text {
        ui.input.set_value(text);
    }
    if opts.english {
        ui.set_lang(true);
    }
    if opts.recovered {
        crate::dom::notice(&ui.result, "recovered", RECOVERED_ZH, RECOVERED_EN)?;
    }
    container.set_attribute("data-state", "ready")?;
    Ok(())
}

/// What a listener of [`wire`] does: every listener is the same closure over `(ui, On)`, so
/// the wasm has one listener shim instead of one per event.
#[derive(Clone, Copy)]
enum On {
    Check,
    Key,
    Paste,
    Input,
    Plain,
    Lang,
    Result,
    PairFile,
    List,
    Pick,
    File,
    DragEnter,
    DragOver,
    DragLeave,
    Drop,
}

/// A listener for [`on`]; `active`: it may call `preventDefault` (gloo's default listeners
/// are passive).
fn listen(
    ui: &Rc<Ui>,
    target: &EventTarget,
    kind: &'static str,
    active: bool,
    what: On,
) -> EventListener {
    let options = if active {
        EventListenerOptions::enable_prevent_default()
    } else {
        EventListenerOptions::default()
    };
    let u = ui.clone();
    EventListener::new_with_options(target, kind, options, move |e| on(&u, what, e))
}

fn wire(
    ui: &Rc<Ui>,
    mode: Mode,
    button: &Element,
    plain: &Element,
    pick: &Element,
) -> Res<Vec<EventListener>> {
    // Drag and drop: the whole window for the page, only the container for a widget.
    let target: EventTarget = match (mode, web_sys::window()) {
        (Mode::Page, Some(w)) => w.into(),
        _ => ui.container.clone().into(),
    };
    let table: [(&EventTarget, &'static str, bool, On); 15] = [
        (button, "click", false, On::Check),
        (&ui.input, "keydown", true, On::Key),
        (&ui.input, "paste", true, On::Paste),
        // Any edit after an HTML paste: the box no longer matches the HTML, so check the box.
        (&ui.input, "input", false, On::Input),
        (plain, "click", false, On::Plain),
        (&ui.lang_button, "click", false, On::Lang),
        (&ui.result, "click", true, On::Result),
        // `#pair-file`: last year's report chosen.
        (&ui.pair_file, "change", false, On::PairFile),
        (&ui.list, "click", false, On::List),
        (pick, "click", false, On::Pick),
        (&ui.file, "change", false, On::File),
        (&target, "dragenter", true, On::DragEnter),
        (&target, "dragover", true, On::DragOver),
        (&target, "dragleave", true, On::DragLeave),
        (&target, "drop", true, On::Drop),
    ];
    let mut ls = Vec::with_capacity(table.len());
    for (t, kind, active, what) in table {
        ls.push(listen(ui, t, kind, active, what));
    }
    Ok(ls)
}

/// The listeners of [`wire`].
fn on(u: &Rc<Ui>, what: On, e: &Event) {
    match what {
        On::Check => u.check_box(),
        On::Key => {
            if let Some(k) = e.dyn_ref::<KeyboardEvent>() {
                if k.key() == "Enter" && (k.ctrl_key() || k.meta_key()) {
                    k.prevent_default();
                    u.check_box();
                }
            }
        }
        On::Paste => u.paste(e),
        On::Input => u.forget_html(),
        On::Plain => {
            u.forget_html();
            let _ = u.input.focus();
        }
        On::Lang => {
            let english = !u.state.borrow().english;
            u.set_lang(english);
        }
        On::Result => u.result_click(e),
        On::PairFile => {
            let first = file_vec(u.pair_file.files()).into_iter().next();
            u.pair_file.set_value("");
            if let Some(f) = first {
                u.start_pairing(f);
            }
        }
        On::List => {
            let li = event_element(e).and_then(|t| t.closest("li[data-index]").ok().flatten());
            if let Some(i) = li
                .and_then(|li| li.get_attribute("data-index"))
                .and_then(|s| s.parse().ok())
            {
                u.show(i);
            }
        }
        On::Pick => u.file.click(),
        On::File => {
            let files = file_vec(u.file.files());
            // Cleared so that choosing the same file again is a change too.
            u.file.set_value("");
            u.open_files(files);
        }
        On::DragEnter => {
            if let Some(dt) = carries_files(e) {
                e.prevent_default();
                dt.set_drop_effect("copy");
                u.state.borrow_mut().drag_depth += 1;
                u.dragging(true);
            }
        }
        On::DragOver => {
            if let Some(dt) = carries_files(e) {
                // Needed for `drop` to fire at all; otherwise the browser opens the file.
                e.prevent_default();
                dt.set_drop_effect("copy");
                u.dragging(true);
            } else if !in_text_box(e) {
                // A dragged link or text outside the box: no drop, and never a navigation.
                e.prevent_default();
                if let Some(dt) = e.dyn_ref::<DragEvent>().and_then(DragEvent::data_transfer) {
                    dt.set_drop_effect("none");
                }
            }
        }
        On::DragLeave => {
            if carries_files(e).is_some() {
                let depth = {
                    let mut s = u.state.borrow_mut();
                    s.drag_depth -= 1;
                    s.drag_depth
                };
                if depth <= 0 {
                    u.dragging(false);
                }
            }
        }
        On::Drop => {
            u.dragging(false);
            let dt = e.dyn_ref::<DragEvent>().and_then(DragEvent::data_transfer);
            let files = file_vec(dt.as_ref().and_then(DataTransfer::files));
            if !files.is_empty() {
                e.prevent_default();
                // Dropped on 与上年报告对比: last year's report for the result shown.
                let zone = event_element(e).and_then(|t| t.closest("#pair").ok().flatten());
                match zone {
                    Some(z) if u.result.contains(Some(&z)) => {
                        if let Some(f) = files.into_iter().next() {
                            u.start_pairing(f);
                        }
                    }
                    _ => u.open_files(files),
                }
            } else if !in_text_box(e) {
                e.prevent_default();
            }
        }
    }
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

fn file_vec(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
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

impl Ui {
    /// 校验: the clipboard HTML kept at paste time, else the box's text (plain text or HTML).
    fn check_box(&self) {
        let text = self.input.value();
        let html = self.state.borrow().pasted_html.clone();
        let (checked, source, from_string) = match html {
            Some(html) => {
                let c = nianbao_core::check_str(&html);
                if c.analysis.report.status == ReadStatus::Ok || text.trim().is_empty() {
                    let s = Source::paste(c.kind, true, false);
                    (c, s, false)
                } else {
                    // The HTML could not be read as a report: the plain text may still be.
                    let p = nianbao_core::check_str(&text);
                    if p.analysis.report.status == ReadStatus::Ok {
                        let s = Source::paste(p.kind, false, true);
                        (p, s, true)
                    } else {
                        let s = Source::paste(c.kind, true, false);
                        (c, s, false)
                    }
                }
            }
            None => {
                let c = nianbao_core::check_str(&text);
                let s = Source::paste(c.kind, false, false);
                (c, s, true)
            }
        };
        let checked = Rc::new(checked);
        let empty = text.trim().is_empty() && self.state.borrow().pasted_html.is_none();
        let mut v = if empty {
            PageView::Empty
        } else {
            view::from_checked_rc(&checked)
        };
        // A pairing with last year's report made for an earlier check of the box holds for
        // the new text as long as it is still that report's next year, same body.
        let mut result = checked.clone();
        let mut last = None;
        let mut problem = None;
        let box_last = self.state.borrow().box_last.clone();
        if let (Some(l), PageView::Report(_)) = (box_last, &v) {
            match view::paired(&checked, &l) {
                Ok((c, pv)) => {
                    result = c;
                    v = pv;
                    last = Some(l.name);
                }
                Err(m) => problem = Some(m),
            }
        }
        {
            let mut s = self.state.borrow_mut();
            s.shown = None;
            s.serial = s.serial.wrapping_add(1);
            s.box_checked = Some(checked);
            if problem.is_some() {
                s.box_last = None;
            }
        }
        self.mark_shown();
        let source = (!empty).then_some(source);
        self.draw(Shown {
            source,
            view: Rc::new(v),
            file: None,
            checked: Some(result),
            from_string,
            last,
        });
        if let Some(m) = problem {
            self.pair_status("error", &m.0, &m.1);
        }
        self.dispatch_result();
    }

    /// Shows a message in `#pair-status` (`data-state`: `reading` | `error`).
    fn pair_status(&self, state: &str, zh: &str, en: &str) {
        let Some(st) = by_id(&self.result, "pair-status") else {
            return;
        };
        st.set_text_content(None);
        let _ = st.set_attribute("data-state", state);
        let _ = st.set_attribute("data-kind", state);
        for (lang, text, class) in [("zh-CN", zh, NO), ("en", en, ("class", "en"))] {
            add(&self.doc, &st, "p", &[("lang", lang), class], text);
        }
        let _ = self.doc.done();
        let _ = st.remove_attribute("hidden");
    }

    /// 与上年报告对比…: reads `file` as last year's report of the result shown (a file of
    /// the list, or the text box) and shows that result again with the cross-year findings.
    fn start_pairing(self: &Rc<Self>, file: File) {
        let (target, serial) = {
            let s = self.state.borrow();
            (s.shown, s.serial)
        };
        if self.state.borrow().current.is_none() {
            return;
        }
        let name = file.name();
        self.pair_status(
            "reading",
            &format!("正在读取上一年度的报告：{name}……"),
            &format!("Reading last year's report: {name}…"),
        );
        let ui = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let entry = read_file(&file).await;
            if !ui.alive.get() || ui.state.borrow().serial != serial {
                return; // another result is shown now
            }
            let Some(last) = entry.as_last(false) else {
                let (zh, en) = match &*entry.view {
                    PageView::Unreadable { zh, en } => (zh.clone(), en.clone()),
                    _ => (String::new(), String::new()),
                };
                ui.pair_status(
                    "error",
                    &format!("无法对比：所选文件“{name}”无法读取。{zh}"),
                    &format!("Cannot compare: the chosen file “{name}” could not be read. {en}"),
                );
                return;
            };
            ui.apply_pairing(target, last);
        });
    }

    fn apply_pairing(&self, target: Option<usize>, last: LastReport) {
        match target {
            Some(i) => {
                let r = self
                    .state
                    .borrow_mut()
                    .entries
                    .get_mut(i)
                    .map(|e| e.pair(last));
                match r {
                    Some(Ok(())) => {
                        self.draw_list();
                        self.show(i);
                    }
                    Some(Err((zh, en))) => self.pair_status("error", &zh, &en),
                    None => {}
                }
            }
            None => {
                let (base, current) = {
                    let s = self.state.borrow();
                    (s.box_checked.clone(), s.current.clone())
                };
                let (Some(base), Some(current)) = (base, current) else {
                    return;
                };
                match view::paired(&base, &last) {
                    Ok((c, v)) => {
                        let name = last.name.clone();
                        self.state.borrow_mut().box_last = Some(last);
                        self.draw(Shown {
                            view: Rc::new(v),
                            checked: Some(c),
                            last: Some(name),
                            ..current
                        });
                        self.dispatch_result();
                    }
                    Err((zh, en)) => self.pair_status("error", &zh, &en),
                }
            }
        }
    }

    /// 取消与上年报告的对比: the result shown without the cross-year findings.
    fn unpair(&self) {
        let target = self.state.borrow().shown;
        match target {
            Some(i) => {
                if let Some(e) = self.state.borrow_mut().entries.get_mut(i) {
                    e.unpair();
                }
                self.draw_list();
                self.show(i);
            }
            None => {
                let (base, current) = {
                    let mut s = self.state.borrow_mut();
                    s.box_last = None;
                    (s.box_checked.clone(), s.current.clone())
                };
                let (Some(base), Some(current)) = (base, current) else {
                    return;
                };
                self.draw(Shown {
                    view: Rc::new(view::from_checked_rc(&base)),
                    checked: Some(base),
                    last: None,
                    ..current
                });
                self.dispatch_result();
            }
        }
    }

    /// Shows `shown` in the result area in the current language and keeps it for redrawing.
    fn draw(&self, shown: Shown) {
        let lang = self.lang();
        if let Err(e) = render(
            &self.result,
            shown.source.as_ref(),
            &shown.view,
            lang,
            self.compact,
        ) {
            log("nianbao: render failed", &e);
        }
        self.state.borrow_mut().current = Some(shown);
    }

    fn lang(&self) -> Lang {
        self.state.borrow().lang()
    }

    /// The English switch: labels and messages of the result in English, and back.
    fn set_lang(&self, english: bool) {
        self.state.borrow_mut().english = english;
        let _ = self
            .lang_button
            .set_attribute("aria-pressed", if english { "true" } else { "false" });
        let _ = self
            .container
            .set_attribute("data-lang", if english { "en" } else { "zh" });
        let current = self.state.borrow_mut().current.take();
        if let Some(c) = current {
            self.draw(c);
        }
    }

    /// Dispatches `nianbao-result` on the container for the result shown: a bubbling,
    /// composed `CustomEvent` whose `detail` is `{ verdict, errors, warnings, file, report }`
    /// (`report`: what `check()` returns for the same input, in the result's language).
    /// No state is borrowed while the host's listeners run.
    fn dispatch_result(&self) {
        let detail = {
            let s = self.state.borrow();
            let Some(c) = &s.current else {
                return;
            };
            result_detail(c, s.lang())
        };
        match detail {
            Ok(d) => self.dispatch_detail(&d),
            Err(e) => log("nianbao: could not build the result event", &e),
        }
    }

    /// Clicks in the result area: a finding (go to its cell or text), a rule link (open its
    /// documentation), the export and print buttons.
    fn result_click(&self, e: &Event) {
        let Some(target) = event_element(e) else {
            return;
        };
        let closest = |sel: &str| target.closest(sel).ok().flatten();
        if let Some(b) = closest("button.goto") {
            self.go_to_finding(&b);
        } else if let Some(a) = closest("a.rule-link") {
            // In-page link handled here: a fragment does not reach into a shadow root.
            e.prevent_default();
            let id = format!("rule-{}", a.get_attribute("data-rule").unwrap_or_default());
            if let Some(dt) = by_id(&self.result, &id) {
                self.reveal(&dt);
            }
        } else if closest("#pair-pick").is_some() {
            self.pair_file.click();
        } else if closest("#pair-remove").is_some() {
            self.unpair();
        } else if closest("#export-json").is_some() {
            if let Err(e) = self.export(false) {
                log("nianbao: export failed", &e);
            }
        } else if closest("#export-csv").is_some() {
            if let Err(e) = self.export(true) {
                log("nianbao: export failed", &e);
            }
        } else if closest("#print").is_some() {
            // The compact layout's tables are printed too.
            if let Ok(panels) = self.result.query_selector_all("details.panel") {
                for i in 0..panels.length() {
                    if let Some(d) = panels.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        let _ = d.set_attribute("open", "");
                    }
                }
            }
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        }
    }

    /// Opens every `<details>` around `el` (the text view, the rules, the compact layout's
    /// tables), scrolls to it and focuses it.
    fn reveal(&self, el: &Element) {
        let mut p = el.parent_element();
        while let Some(e) = p {
            if e == self.root {
                break;
            }
            if e.tag_name().eq_ignore_ascii_case("details") {
                let _ = e.set_attribute("open", "");
            }
            p = e.parent_element();
        }
        focus(el);
    }

    /// Marks the cells (or the text) of a finding, scrolls to the first and focuses it.
    fn go_to_finding(&self, b: &Element) {
        if let Ok(old) = self.result.query_selector_all("[data-current]") {
            for i in 0..old.length() {
                if let Some(n) = old.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = n.remove_attribute("data-current");
                }
            }
        }
        let _ = b.set_attribute("data-current", "true");
        if let Some(span) = b.get_attribute("data-span") {
            if let Some(m) = by_id(&self.result, &span) {
                let _ = m.set_attribute("data-current", "true");
                self.reveal(&m);
            }
            return;
        }
        let Some(first) = b.get_attribute("data-cell") else {
            return;
        };
        let i: usize = b
            .get_attribute("data-finding")
            .and_then(|s| s.parse().ok())
            .unwrap_or(usize::MAX);
        // The `data-key` attributes of the finding's cells.
        let cells: Vec<String> = match self.state.borrow().current.as_ref().map(|c| &*c.view) {
            Some(PageView::Report(r)) => r
                .findings
                .get(i)
                .map(|f| f.cells.iter().map(ToString::to_string).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let td_of = |key: &str| {
            self.result
                .query_selector(&format!(
                    "td[data-key=\"{}\"]",
                    key.replace(['"', '\\'], "")
                ))
                .ok()
                .flatten()
        };
        for key in cells.iter().chain(std::iter::once(&first)) {
            if let Some(td) = td_of(key) {
                let _ = td.set_attribute("data-current", "true");
            }
        }
        if let Some(td) = td_of(&first) {
            self.reveal(&td);
        }
    }

    /// 导出 JSON (the CLI's `--format json` object, spans in characters) or 导出 CSV.
    fn export(&self, csv: bool) -> Res<()> {
        let (name, mime, content) = {
            let s = self.state.borrow();
            let Some(Shown { view, file, .. }) = &s.current else {
                return Ok(());
            };
            let PageView::Report(r) = &**view else {
                return Ok(());
            };
            let Some(checked) = &r.checked else {
                return Ok(());
            };
            let stem = file
                .as_deref()
                .map(|f| f.rsplit_once('.').map_or(f, |(a, _)| a))
                .unwrap_or("nianbao")
                .to_string();
            if csv {
                (
                    format!("{stem}.cells.csv"),
                    "text/csv;charset=utf-8",
                    view::cells_csv(&checked.0),
                )
            } else {
                let dto = nianbao_contract::checked_dto(
                    &checked.0,
                    file.as_deref(),
                    s.lang(),
                    nianbao_contract::SpanUnits::Chars,
                );
                let run = nianbao_contract::RunDto {
                    version: nianbao_contract::CONTRACT_VERSION,
                    reports: vec![dto],
                };
                let value = crate::contract::run(&run)
                    .map_err(|e| JsValue::from_str(&format!("Error: {e}")))?;
                let json = js_sys::JSON::stringify_with_replacer_and_space(
                    &value,
                    &JsValue::NULL,
                    &JsValue::from_f64(2.0),
                )?;
                (
                    format!("{stem}.nianbao.json"),
                    "application/json",
                    String::from(json),
                )
            }
        };
        self.download(&name, mime, &content)
    }

    /// Saves `content` as a file through a Blob and `<a download>` (no network).
    fn download(&self, name: &str, mime: &str, content: &str) -> Res<()> {
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let parts = js_sys::Array::of1(&JsValue::from_str(content));
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let a = add(
            &self.doc,
            &self.root,
            "a",
            &[("href", &url), ("download", name), ("hidden", "")],
            "",
        );
        self.doc.done()?;
        let a: HtmlElement = a.dyn_into()?;
        a.click();
        a.remove();
        // Revoked later: the download reads the Blob after this handler returns.
        let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        if let Some(w) = web_sys::window() {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                revoke.unchecked_ref(),
                10_000,
            )?;
        }
        Ok(())
    }

    /// Keeps clipboard HTML (from a browser, Word or WPS) when the paste replaces the whole
    /// box; the box shows the clipboard's plain text. Files pasted from a file manager are
    /// read like chosen files.
    fn paste(self: &Rc<Self>, e: &Event) {
        let Some(dt) = e
            .dyn_ref::<ClipboardEvent>()
            .and_then(|c| c.clipboard_data())
        else {
            return;
        };
        let html = dt.get_data("text/html").unwrap_or_default();
        let plain = dt.get_data("text/plain").unwrap_or_default();
        if html.trim().is_empty() {
            if plain.is_empty() {
                let files = file_vec(dt.files());
                if !files.is_empty() {
                    e.prevent_default();
                    self.open_files(files);
                }
            }
            return; // the browser pastes the plain text; the `input` event drops old HTML
        }
        let value = self.input.value();
        let len = value.encode_utf16().count() as u32;
        let start = self.input.selection_start().ok().flatten().unwrap_or(0);
        let end = self.input.selection_end().ok().flatten().unwrap_or(0);
        if !(value.is_empty() || (start == 0 && end == len)) {
            return; // pasted into other text: only the plain text makes sense there
        }
        e.prevent_default();
        self.input.set_value(&plain);
        self.state.borrow_mut().pasted_html = Some(html);
        let _ = self.paste_note.remove_attribute("hidden");
        let _ = self.paste_note.set_attribute("data-mode", "html");
    }

    fn forget_html(&self) {
        if self.state.borrow_mut().pasted_html.take().is_some() {
            let _ = self.paste_note.set_attribute("hidden", "");
            let _ = self.paste_note.set_attribute("data-mode", "text");
        }
    }

    fn dragging(&self, on: bool) {
        if on {
            let _ = self.drop_hint.remove_attribute("hidden");
            let _ = self.container.set_attribute("data-dragging", "true");
        } else {
            self.state.borrow_mut().drag_depth = 0;
            let _ = self.drop_hint.set_attribute("hidden", "");
            let _ = self.container.remove_attribute("data-dragging");
        }
    }

    /// Reads `files` one after the other into a new list; the first is shown when it is read.
    fn open_files(self: &Rc<Self>, files: Vec<File>) {
        if files.is_empty() {
            return;
        }
        let batch = {
            let mut s = self.state.borrow_mut();
            s.batch = s.batch.wrapping_add(1);
            s.entries.clear();
            s.shown = None;
            s.batch
        };
        let _ = self.files.remove_attribute("hidden");
        let _ = self.files.set_attribute("data-state", "reading");
        self.draw_list();
        let ui = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let n = files.len();
            let current = |ui: &Ui| ui.alive.get() && ui.state.borrow().batch == batch;
            for (i, f) in files.iter().enumerate() {
                if !current(&ui) {
                    return; // a newer batch (or a new mount) replaced this one
                }
                ui.set_status(&format!(
                    "正在读取第 {} 个文件（共 {n} 个）：{}……",
                    i + 1,
                    f.name()
                ));
                let entry = read_file(f).await;
                if !current(&ui) {
                    return;
                }
                let (k, changed) = {
                    let mut s = ui.state.borrow_mut();
                    s.entries.push(entry);
                    let k = s.entries.len() - 1;
                    (k, auto_pair(&mut s.entries, k))
                };
                ui.draw_list();
                if k == 0 {
                    ui.show(0);
                } else {
                    ui.dispatch_entry(k);
                }
                // Earlier files whose previous year this one is: their results changed.
                let shown = ui.state.borrow().shown;
                for j in changed {
                    if shown == Some(j) {
                        ui.show(j);
                    } else {
                        ui.dispatch_entry(j);
                    }
                }
            }
            ui.set_status(&if n == 1 {
                "已读取 1 个文件。".to_string()
            } else {
                format!("已读取 {n} 个文件：点击文件名查看各自的结果。")
            });
            let _ = ui.files.set_attribute("data-state", "done");
        });
    }

    fn set_status(&self, text: &str) {
        self.status.set_text_content(Some(text));
    }

    /// What the result area shows for file `i`.
    fn entry_shown(&self, i: usize) -> Option<Shown> {
        let s = self.state.borrow();
        let entry = s.entries.get(i)?;
        Some(Shown {
            source: Some(entry.source()),
            view: entry.view.clone(),
            file: Some(entry.name.clone()),
            checked: entry.result_checked(),
            from_string: false,
            last: entry.last.as_ref().map(|l| l.name.clone()),
        })
    }

    /// `nianbao-result` for file `i`, read but not shown.
    fn dispatch_entry(&self, i: usize) {
        let Some(shown) = self.entry_shown(i) else {
            return;
        };
        let lang = self.lang();
        match result_detail(&shown, lang) {
            Ok(detail) => self.dispatch_detail(&detail),
            Err(e) => log("nianbao: could not build the result event", &e),
        }
    }

    fn dispatch_detail(&self, detail: &JsValue) {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        match web_sys::CustomEvent::new_with_event_init_dict("nianbao-result", &init) {
            Ok(ev) => {
                let _ = self.container.dispatch_event(&ev);
            }
            Err(e) => log("nianbao: could not create the result event", &e),
        }
    }

    /// Shows the full result of file `i` in the result area.
    fn show(&self, i: usize) {
        let Some(shown) = self.entry_shown(i) else {
            return;
        };
        self.draw(shown);
        {
            let mut s = self.state.borrow_mut();
            s.shown = Some(i);
            s.serial = s.serial.wrapping_add(1);
        }
        self.mark_shown();
        self.dispatch_result();
    }

    fn mark_shown(&self) {
        let shown = self.state.borrow().shown;
        let mut li = self.list.first_element_child();
        let mut i = 0;
        while let Some(item) = li {
            if let Some(b) = item.first_element_child() {
                let _ = if shown == Some(i) {
                    b.set_attribute("aria-current", "true")
                } else {
                    b.remove_attribute("aria-current")
                };
            }
            li = item.next_element_sibling();
            i += 1;
        }
    }

    fn draw_list(&self) {
        if let Err(e) = self.try_draw_list() {
            log("nianbao: could not draw the file list", &e);
        }
    }

    fn try_draw_list(&self) -> Res<()> {
        let doc = &self.doc;
        self.list.set_text_content(None);
        let s = self.state.borrow();
        for (i, f) in s.entries.iter().enumerate() {
            let li = add(
                doc,
                &self.list,
                "li",
                &[
                    ("data-index", &i.to_string()),
                    ("data-name", &f.name),
                    ("data-kind", f.kind),
                    ("data-verdict", f.verdict.code),
                    ("data-errors", &f.verdict.errors.to_string()),
                    ("data-warnings", &f.verdict.warnings.to_string()),
                ],
                "",
            );
            let b = add(
                doc,
                &li,
                "button",
                &[
                    ("type", "button"),
                    ("class", "file"),
                    if s.shown == Some(i) {
                        ("aria-current", "true")
                    } else {
                        NO
                    },
                ],
                "",
            );
            add(doc, &b, "span", &[("class", "name")], &f.name);
            add(
                doc,
                &b,
                "span",
                &[("class", &format!("summary verdict-{}", f.verdict.code))],
                &f.summary_zh(),
            );
        }
        doc.done()
    }
}

/// Pairs file `k`, just read, with the files of its batch: with its previous-year report
/// of the same body, and as the previous-year report of earlier unpaired files. Returns the
/// earlier files whose result changed.
fn auto_pair(entries: &mut [FileEntry], k: usize) -> Vec<usize> {
    let (mine, theirs) = view::auto_partners(entries, k);
    if let Some(last) = mine.and_then(|j| entries[j].as_last(true)) {
        let _ = entries[k].pair(last);
    }
    let mut changed = Vec::new();
    if let Some(this_as_last) = entries[k].as_last(true) {
        for j in theirs {
            if entries[j].pair(this_as_last.clone()).is_ok() {
                changed.push(j);
            }
        }
    }
    changed
}

/// The `detail` of `nianbao-result` for a result: `{ verdict, errors, warnings, file,
/// report, last }`, `report` being the contract object `check()` returns for the same input
/// (with the cross-year findings when the result is paired with last year's report, whose
/// file name is `last`).
fn result_detail(c: &Shown, lang: Lang) -> Res<JsValue> {
    let v = c.view.verdict();
    let report = match &c.checked {
        Some(checked) => crate::report_object(checked, c.file.as_deref(), lang, c.from_string)?,
        None => {
            let msg = match (&*c.view, lang) {
                (PageView::Unreadable { zh, .. }, Lang::Zh) => zh.as_str(),
                (PageView::Unreadable { en, .. }, Lang::En) => en.as_str(),
                _ => "",
            };
            let dto = nianbao_contract::unreadable_dto(c.file.as_deref(), msg);
            crate::to_js(&dto)?
        }
    };
    let o = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    set("verdict", &JsValue::from_str(v.code))?;
    set("errors", &JsValue::from_f64(v.errors as f64))?;
    set("warnings", &JsValue::from_f64(v.warnings as f64))?;
    set(
        "file",
        &c.file.as_deref().map_or(JsValue::NULL, JsValue::from_str),
    )?;
    set("report", &report)?;
    set(
        "last",
        &c.last.as_deref().map_or(JsValue::NULL, JsValue::from_str),
    )?;
    Ok(o.into())
}

/// One file into a list entry: refused unread when too large or empty; otherwise its bytes
/// go through [`crate::read::bytes`].
async fn read_file(f: &File) -> FileEntry {
    let name = f.name();
    let size = f.size();
    if size > view::MAX_FILE_BYTES as f64 {
        return FileEntry::new(&name, None, None, view::too_large(size));
    }
    if size == 0.0 {
        return FileEntry::new(&name, None, None, view::empty_file());
    }
    let buf = match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
        Ok(buf) => buf,
        Err(e) => {
            let detail = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "未知错误".into());
            return FileEntry::new(&name, None, None, view::read_failed(&detail));
        }
    };
    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
    drop(buf);
    let r = crate::read::bytes(&bytes, Some(&name));
    drop(bytes);
    FileEntry::read(&name, r.encoding, r.checked)
}

/// Scrolls `el` into view and focuses it (it has `tabindex="-1"`).
fn focus(el: &Element) {
    el.scroll_into_view();
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}
