//! The interactive page: the form, paste (clipboard HTML from a browser, Word or WPS is kept
//! for checking), the file picker, drag and drop anywhere on the page, and the list of files
//! read. What is shown is computed by [`crate::view`] and drawn by [`crate::dom`].
//!
//! Hooks for tests and embedders (besides those of [`crate::dom`]): `#pick` (选择文件),
//! `#file` (`<input type=file multiple>`), `#paste-note[data-mode]` (clipboard HTML kept),
//! `#drop-hint` (shown while files are dragged over the page, `#app[data-dragging]`),
//! `#files[data-state="reading"|"done"]` / `#files-status` / `#file-list li[data-name][data-kind][data-verdict]
//! [data-errors][data-warnings] button[aria-current]`.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use nianbao_core::{InputKind, Lang, ReadStatus};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    ClipboardEvent, DataTransfer, DragEvent, Element, Event, File, FileList, HtmlElement,
    HtmlInputElement, HtmlTextAreaElement, KeyboardEvent,
};

use crate::dom::{h, render_lang, Res};
use crate::view::{self, FileEntry, PageView, Source};

/// The elements the page works with, and its state.
struct Ui {
    container: Element,
    input: HtmlTextAreaElement,
    file: HtmlInputElement,
    paste_note: Element,
    files: Element,
    status: Element,
    list: Element,
    result: Element,
    drop_hint: Element,
    lang_button: Element,
    state: RefCell<State>,
}

/// What the result area shows: its source line, the view and the file name (for exports).
type Shown = (Option<Source>, PageView, Option<String>);

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
    /// What the result area shows, redrawn when the language changes.
    current: Option<Shown>,
}

/// Builds the form (label, `#input`, `#check`, `#pick`/`#file`, `#files`, `#result`) inside
/// `container`, replacing its content, and wires paste, 校验 (and Ctrl+Enter), the file
/// picker and drag and drop.
pub fn mount(container: &Element) -> Res<()> {
    let doc = container
        .owner_document()
        .ok_or_else(|| JsValue::from_str("container has no document"))?;
    container.set_text_content(None);

    let lang_button = h(&doc, "button")?
        .attr("id", "lang")?
        .attr("type", "button")?
        .attr("lang", "en")?
        .attr("aria-pressed", "false")?
        .class("lang secondary")?
        .text("English")
        .into_child_of(container)?;
    let form = h(&doc, "section")?
        .class("form")?
        .attr("id", "form")?
        .into_child_of(container)?;
    h(&doc, "label")?
        .attr("for", "input")?
        .text("年度报告全文（从网页、Word 或 PDF 中复制后粘贴到这里）")
        .into_child_of(&form)?;
    h(&doc, "p")?
        .class("hint")?
        .attr("id", "input-hint")?
        .text("Paste the full text of the report, or choose or drop report files below. Everything is checked in this browser; nothing is uploaded.")
        .into_child_of(&form)?;
    let input: HtmlTextAreaElement = h(&doc, "textarea")?
        .attr("id", "input")?
        .attr("rows", "14")?
        .attr("spellcheck", "false")?
        .attr("aria-describedby", "input-hint paste-note")?
        .attr(
            "placeholder",
            "例如：××市××局 2024 年政府信息公开工作年度报告 …",
        )?
        .into_child_of(&form)?
        .dyn_into()?;
    let paste_note = h(&doc, "p")?
        .attr("id", "paste-note")?
        .class("note")?
        .attr("role", "status")?
        .attr("hidden", "")?
        .into_child_of(&form)?;
    h(&doc, "span")?
        .text("已读取网页/Word 表格格式（HTML）：校验时按原表格读取，框中显示的是它的文字。")
        .into_child_of(&paste_note)?;
    h(&doc, "span")?
        .class("en")?
        .attr("lang", "en")?
        .text("Table layout from the web page or Word kept for checking.")
        .into_child_of(&paste_note)?;
    let plain = h(&doc, "button")?
        .attr("id", "paste-plain")?
        .attr("type", "button")?
        .class("link")?
        .text("改用框中文字校验")
        .into_child_of(&paste_note)?;

    let actions = h(&doc, "div")?.class("actions")?.into_child_of(&form)?;
    let button = h(&doc, "button")?
        .attr("id", "check")?
        .attr("type", "button")?
        .text("校验")
        .into_child_of(&actions)?;
    h(&doc, "span")?
        .class("hint")?
        .text("快捷键 Ctrl+Enter")
        .into_child_of(&actions)?;

    let pick_row = h(&doc, "div")?
        .class("actions pick")?
        .into_child_of(&form)?;
    let pick = h(&doc, "button")?
        .attr("id", "pick")?
        .attr("type", "button")?
        .attr("aria-controls", "file")?
        .attr("aria-describedby", "file-hint")?
        .text("选择文件")
        .into_child_of(&pick_row)?;
    let file: HtmlInputElement = h(&doc, "input")?
        .attr("id", "file")?
        .attr("type", "file")?
        .attr("multiple", "")?
        .attr("hidden", "")?
        .attr("tabindex", "-1")?
        .attr("aria-label", "选择报告文件")?
        .into_child_of(&pick_row)?
        .dyn_into()?;
    let file_hint = h(&doc, "span")?
        .attr("id", "file-hint")?
        .class("hint")?
        .text("Word 文档（.docx）、网页（.html）或文本（.txt），可一次选择多个，也可以把文件拖到本页任意位置。")
        .into_child_of(&pick_row)?;
    h(&doc, "span")?
        .class("en")?
        .attr("lang", "en")?
        .text(" Choose or drop .docx, .html or .txt files, several at once.")
        .into_child_of(&file_hint)?;

    let files = h(&doc, "section")?
        .attr("id", "files")?
        .class("files")?
        .attr("aria-labelledby", "files-title")?
        .attr("hidden", "")?
        .into_child_of(container)?;
    h(&doc, "h2")?
        .attr("id", "files-title")?
        .text("已读取的文件")
        .into_child_of(&files)?;
    let status = h(&doc, "p")?
        .attr("id", "files-status")?
        .class("hint")?
        .attr("role", "status")?
        .into_child_of(&files)?;
    let list = h(&doc, "ul")?
        .attr("id", "file-list")?
        .class("file-list")?
        .into_child_of(&files)?;

    let result = h(&doc, "section")?
        .attr("id", "result")?
        .attr("aria-live", "polite")?
        .into_child_of(container)?;

    let drop_hint = h(&doc, "div")?
        .attr("id", "drop-hint")?
        .class("drop-hint")?
        .attr("hidden", "")?
        .attr("aria-hidden", "true")?
        .into_child_of(container)?;
    let hint_box = h(&doc, "p")?.into_child_of(&drop_hint)?;
    h(&doc, "span")?
        .text("松开鼠标即可校验文件（.docx、.html、.txt）")
        .into_child_of(&hint_box)?;
    h(&doc, "span")?
        .class("en")?
        .attr("lang", "en")?
        .text("Drop the files to check them")
        .into_child_of(&hint_box)?;

    let ui = Rc::new(Ui {
        container: container.clone(),
        input,
        file,
        paste_note,
        files,
        status,
        list,
        result,
        drop_hint,
        lang_button,
        state: RefCell::new(State::default()),
    });
    wire(&ui, &button, &plain, &pick)?;
    container.set_attribute("data-state", "ready")?;
    Ok(())
}

/// Listeners that may call `preventDefault` (gloo's default listeners are passive).
fn active(target: &web_sys::EventTarget, kind: &'static str, f: impl FnMut(&Event) + 'static) {
    EventListener::new_with_options(
        target,
        kind,
        EventListenerOptions::enable_prevent_default(),
        f,
    )
    .forget();
}

fn wire(ui: &Rc<Ui>, button: &Element, plain: &Element, pick: &Element) -> Res<()> {
    let u = ui.clone();
    EventListener::new(button, "click", move |_| u.check_box()).forget();
    let u = ui.clone();
    active(&ui.input, "keydown", move |e| {
        if let Some(k) = e.dyn_ref::<KeyboardEvent>() {
            if k.key() == "Enter" && (k.ctrl_key() || k.meta_key()) {
                k.prevent_default();
                u.check_box();
            }
        }
    });
    let u = ui.clone();
    active(&ui.input, "paste", move |e| u.paste(e));
    // Any edit after an HTML paste: the box no longer matches the HTML, so check the box.
    let u = ui.clone();
    EventListener::new(&ui.input, "input", move |_| u.forget_html()).forget();
    let u = ui.clone();
    EventListener::new(plain, "click", move |_| {
        u.forget_html();
        let _ = u.input.focus();
    })
    .forget();

    let u = ui.clone();
    EventListener::new(&ui.lang_button, "click", move |_| u.toggle_lang()).forget();
    let u = ui.clone();
    active(&ui.result, "click", move |e| u.result_click(e));

    let u = ui.clone();
    EventListener::new(pick, "click", move |_| u.file.click()).forget();
    let u = ui.clone();
    EventListener::new(&ui.file, "change", move |_| {
        let files = file_vec(u.file.files());
        // Cleared so that choosing the same file again is a change too.
        u.file.set_value("");
        u.open_files(files);
    })
    .forget();

    let window = gloo::utils::window();
    let u = ui.clone();
    active(&window, "dragenter", move |e| {
        if let Some(dt) = carries_files(e) {
            e.prevent_default();
            dt.set_drop_effect("copy");
            u.state.borrow_mut().drag_depth += 1;
            u.dragging(true);
        }
    });
    let u = ui.clone();
    active(&window, "dragover", move |e| {
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
    });
    let u = ui.clone();
    active(&window, "dragleave", move |e| {
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
    });
    let u = ui.clone();
    active(&window, "drop", move |e| {
        u.dragging(false);
        let dt = e.dyn_ref::<DragEvent>().and_then(DragEvent::data_transfer);
        let files = file_vec(dt.as_ref().and_then(DataTransfer::files));
        if !files.is_empty() {
            e.prevent_default();
            u.open_files(files);
        } else if !in_text_box(e) {
            e.prevent_default();
        }
    });
    Ok(())
}

/// The drag's data when it carries files.
fn carries_files(e: &Event) -> Option<DataTransfer> {
    let dt = e.dyn_ref::<DragEvent>()?.data_transfer()?;
    dt.types()
        .includes(&JsValue::from_str("Files"), 0)
        .then_some(dt)
}

fn in_text_box(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
        .is_some()
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

impl Ui {
    /// 校验: the clipboard HTML kept at paste time, else the box's text (plain text or HTML).
    fn check_box(&self) {
        let text = self.input.value();
        let html = self.state.borrow().pasted_html.clone();
        let (v, source) = match html {
            Some(html) => {
                let c = nianbao_core::check_str(&html);
                if c.analysis.report.status == ReadStatus::Ok || text.trim().is_empty() {
                    (view::from_checked(&c), Source::paste(c.kind, true, false))
                } else {
                    // The HTML could not be read as a report: the plain text may still be.
                    let p = nianbao_core::check_str(&text);
                    if p.analysis.report.status == ReadStatus::Ok {
                        (view::from_checked(&p), Source::paste(p.kind, false, true))
                    } else {
                        (view::from_checked(&c), Source::paste(c.kind, true, false))
                    }
                }
            }
            None if text.trim().is_empty() => (
                PageView::Empty,
                Source::paste(InputKind::Text, false, false),
            ),
            None => {
                let c = nianbao_core::check_str(&text);
                (view::from_checked(&c), Source::paste(c.kind, false, false))
            }
        };
        self.state.borrow_mut().shown = None;
        self.mark_shown();
        let source = (v != PageView::Empty).then_some(source);
        self.draw((source, v, None));
    }

    /// Shows `shown` in the result area in the current language and keeps it for redrawing.
    fn draw(&self, shown: Shown) {
        let lang = self.lang();
        if let Err(e) = render_lang(&self.result, shown.0.as_ref(), &shown.1, lang) {
            log("nianbao: render failed", &e);
        }
        self.state.borrow_mut().current = Some(shown);
    }

    fn lang(&self) -> Lang {
        if self.state.borrow().english {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The English switch: labels and messages of the result in English, and back.
    fn toggle_lang(&self) {
        let english = {
            let mut s = self.state.borrow_mut();
            s.english = !s.english;
            s.english
        };
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

    /// Clicks in the result area: a finding (go to its cell or text), a rule link (open its
    /// documentation), the export and print buttons.
    fn result_click(&self, e: &Event) {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let closest = |sel: &str| target.closest(sel).ok().flatten();
        if let Some(b) = closest("button.goto") {
            self.go_to_finding(&b);
        } else if let Some(a) = closest("a.rule-link") {
            e.prevent_default();
            let doc = gloo::utils::document();
            if let Some(d) = doc.get_element_by_id("rules") {
                let _ = d.set_attribute("open", "");
            }
            let id = format!("rule-{}", a.get_attribute("data-rule").unwrap_or_default());
            if let Some(dt) = doc.get_element_by_id(&id) {
                focus(&dt);
            }
        } else if closest("#export-json").is_some() {
            if let Err(e) = self.export(false) {
                log("nianbao: export failed", &e);
            }
        } else if closest("#export-csv").is_some() {
            if let Err(e) = self.export(true) {
                log("nianbao: export failed", &e);
            }
        } else if closest("#print").is_some() {
            let _ = gloo::utils::window().print();
        }
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
            let doc = gloo::utils::document();
            if let Some(d) = doc.get_element_by_id("text-view") {
                let _ = d.set_attribute("open", "");
            }
            if let Some(m) = doc.get_element_by_id(&span) {
                let _ = m.set_attribute("data-current", "true");
                focus(&m);
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
        let cells = match &self.state.borrow().current {
            Some((_, PageView::Report(r), _)) => r
                .findings
                .get(i)
                .map(|f| f.cells.clone())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        for key in cells.iter().chain(std::iter::once(&first)) {
            if let Ok(Some(td)) = self
                .result
                .query_selector(&format!("td[data-key=\"{key}\"]"))
            {
                let _ = td.set_attribute("data-current", "true");
            }
        }
        if let Ok(Some(td)) = self
            .result
            .query_selector(&format!("td[data-key=\"{first}\"]"))
        {
            focus(&td);
        }
    }

    /// 导出 JSON (the CLI's `--format json` object, spans in characters) or 导出 CSV.
    fn export(&self, csv: bool) -> Res<()> {
        let s = self.state.borrow();
        let Some((_, PageView::Report(r), file)) = &s.current else {
            return Ok(());
        };
        let Some(checked) = &r.checked else {
            return Ok(());
        };
        let stem = file
            .as_deref()
            .map(|f| f.rsplit_once('.').map_or(f, |(a, _)| a))
            .unwrap_or("nianbao");
        if csv {
            let text = view::cells_csv(&checked.0);
            return download(
                &format!("{stem}.cells.csv"),
                "text/csv;charset=utf-8",
                &text,
            );
        }
        let dto = nianbao_contract::checked_dto(
            &checked.0,
            file.as_deref(),
            self.lang(),
            nianbao_contract::SpanUnits::Chars,
        );
        let run = nianbao_contract::RunDto {
            version: nianbao_contract::CONTRACT_VERSION,
            reports: vec![dto],
        };
        let value =
            serde::Serialize::serialize(&run, &serde_wasm_bindgen::Serializer::json_compatible())
                .map_err(|e| JsValue::from_str(&e.to_string()))?;
        let json = js_sys::JSON::stringify_with_replacer_and_space(
            &value,
            &JsValue::NULL,
            &JsValue::from_f64(2.0),
        )?;
        download(
            &format!("{stem}.nianbao.json"),
            "application/json",
            &String::from(json),
        )
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
            for (i, f) in files.iter().enumerate() {
                if ui.state.borrow().batch != batch {
                    return; // a newer batch replaced this one
                }
                ui.set_status(&format!(
                    "正在读取第 {} 个文件（共 {n} 个）：{}……",
                    i + 1,
                    f.name()
                ));
                let entry = read_file(f).await;
                if ui.state.borrow().batch != batch {
                    return;
                }
                let first = {
                    let mut s = ui.state.borrow_mut();
                    s.entries.push(entry);
                    s.entries.len() == 1
                };
                ui.draw_list();
                if first {
                    ui.show(0);
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

    /// Shows the full result of file `i` in the result area.
    fn show(&self, i: usize) {
        let s = self.state.borrow();
        let Some(entry) = s.entries.get(i) else {
            return;
        };
        let shown = (
            Some(entry.source()),
            entry.view.clone(),
            Some(entry.name.clone()),
        );
        drop(s);
        self.draw(shown);
        self.state.borrow_mut().shown = Some(i);
        self.mark_shown();
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

    fn draw_list(self: &Rc<Self>) {
        if let Err(e) = self.try_draw_list() {
            log("nianbao: could not draw the file list", &e);
        }
    }

    fn try_draw_list(self: &Rc<Self>) -> Res<()> {
        let doc = gloo::utils::document();
        self.list.set_text_content(None);
        let s = self.state.borrow();
        for (i, f) in s.entries.iter().enumerate() {
            let li = h(&doc, "li")?
                .attr("data-name", &f.name)?
                .attr("data-kind", f.kind)?
                .attr("data-verdict", f.verdict.code)?
                .attr("data-errors", &f.verdict.errors.to_string())?
                .attr("data-warnings", &f.verdict.warnings.to_string())?
                .into_child_of(&self.list)?;
            let b = h(&doc, "button")?
                .attr("type", "button")?
                .class("file")?
                .into_child_of(&li)?;
            if s.shown == Some(i) {
                b.set_attribute("aria-current", "true")?;
            }
            h(&doc, "span")?
                .class("name")?
                .text(&f.name)
                .into_child_of(&b)?;
            h(&doc, "span")?
                .class(&format!("summary verdict-{}", f.verdict.code))?
                .text(&f.summary_zh())
                .into_child_of(&b)?;
            let u = self.clone();
            EventListener::new(&b, "click", move |_| u.show(i)).forget();
        }
        Ok(())
    }
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
    FileEntry::new(
        &name,
        Some(r.checked.kind),
        r.encoding,
        view::from_checked(&r.checked),
    )
}

/// Scrolls `el` into view and focuses it (it has `tabindex="-1"`).
fn focus(el: &Element) {
    el.scroll_into_view();
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}

/// Saves `content` as a file through a Blob and `<a download>` (no network).
fn download(name: &str, mime: &str, content: &str) -> Res<()> {
    let doc = gloo::utils::document();
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: HtmlElement = h(&doc, "a")?
        .attr("href", &url)?
        .attr("download", name)?
        .attr("hidden", "")?
        .el
        .dyn_into()?;
    let body = gloo::utils::body();
    body.append_child(&a)?;
    a.click();
    body.remove_child(&a)?;
    // Revoked later: the download reads the Blob after this handler returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    gloo::utils::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}
