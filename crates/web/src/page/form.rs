//! The form a mount builds inside its `<div class="nianbao">`: the language switch, the text
//! box with its paste note, 校验, the file picker, the file list, the result area, the drop
//! hint and the hidden input for last year's report. Every element the page works with is a
//! named field of [`Form`].

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

use super::Mode;
use crate::dom::{add, bool_str, Draw, Res, EN};

/// The elements of a mount's form.
pub(super) struct Form {
    /// `<div class="nianbao">`: everything the mount draws.
    pub root: Element,
    /// `#lang`: the English switch.
    pub lang: Element,
    /// `#input`: the report's text.
    pub input: HtmlTextAreaElement,
    /// `#paste-note`: shown while clipboard HTML is kept for checking.
    pub paste_note: Element,
    /// `#paste-plain`: check the box's text instead of the clipboard HTML.
    pub paste_plain: Element,
    /// `#terms-input`: the user's own terms, one a line (kept in memory only), and
    /// `#terms-export`, which saves them as a file.
    pub terms: HtmlTextAreaElement,
    pub terms_export: Element,
    /// `#check`: 校验.
    pub check: Element,
    /// `#pick`: 选择文件, which opens `file`.
    pub pick: Element,
    /// `#file`: `<input type=file multiple hidden>`.
    pub file: HtmlInputElement,
    /// `#files`: the list of files read, its status line and the list.
    pub files: Element,
    pub status: Element,
    pub list: Element,
    /// `#result` (`aria-live="polite"`), drawn by [`crate::dom::render`].
    pub result: Element,
    /// `#drop-hint`: shown while files are dragged over the page or the widget.
    pub drop_hint: Element,
    /// `#pair-file`: last year's report for 与上年报告对比… It lives outside `#result` (which
    /// is redrawn with each result): a click on an input inside `#result` would bubble into
    /// `#result`'s own click listener while that listener is still running (a recursive
    /// closure call).
    pub pair_file: HtmlInputElement,
}

/// Which version of a text the form shows: the page's, the compact layout's (short), or the
/// widget's (which says "drop here", not "anywhere on this page").
#[derive(Clone, Copy)]
struct Says {
    mode: Mode,
    compact: bool,
}

impl Says {
    fn pick<'a>(self, page: &'a str, compact: &'a str, widget: &'a str) -> &'a str {
        match (self.compact, self.mode) {
            (true, _) => compact,
            (false, Mode::Page) => page,
            (false, Mode::Widget) => widget,
        }
    }
}

impl Form {
    /// Builds the form in a new `<div class="nianbao">` appended to `container`.
    pub(super) fn build(doc: &Draw, container: &Element, mode: Mode, compact: bool) -> Res<Form> {
        let says = Says { mode, compact };
        let mut class = String::from("nianbao");
        if mode == Mode::Widget {
            class.push_str(" widget");
        }
        if compact {
            class.push_str(" compact");
        }
        let root = add(
            doc,
            container,
            "div",
            &[
                ("class", &class),
                ("data-mode", mode.as_str()),
                ("data-compact", bool_str(compact)),
            ],
            "",
        );
        let lang = add(
            doc,
            &root,
            "button",
            &[
                ("id", "lang"),
                ("type", "button"),
                ("lang", "en"),
                ("aria-pressed", "false"),
                ("class", "lang secondary"),
            ],
            "English",
        );
        let section = add(
            doc,
            &root,
            "section",
            &[("class", "form"), ("id", "form")],
            "",
        );
        let (input, paste_note, paste_plain) = text_box(doc, &section, says);
        let check = actions(doc, &section, says);
        let (pick, file) = file_picker(doc, &section, says);
        let (terms, terms_export) = terms_box(doc, &section);
        let (files, status, list) = file_list(doc, &root);
        let result = add(
            doc,
            &root,
            "section",
            &[("id", "result"), ("aria-live", "polite")],
            "",
        );
        let drop_hint = drop_hint(doc, &root);
        let pair_file = add(
            doc,
            &root,
            "input",
            &[
                ("id", "pair-file"),
                ("type", "file"),
                ("hidden", ""),
                ("tabindex", "-1"),
                ("aria-label", "选择上一年度的报告文件"),
            ],
            "",
        );
        doc.done()?;
        Ok(Form {
            root,
            lang,
            input: input.dyn_into()?,
            paste_note,
            paste_plain,
            terms: terms.dyn_into()?,
            terms_export,
            check,
            pick,
            file: file.dyn_into()?,
            files,
            status,
            list,
            result,
            drop_hint,
            pair_file: pair_file.dyn_into()?,
        })
    }
}

/// The label, the hint, `#input` (6 rows in the compact layout) and `#paste-note` with
/// `#paste-plain`: `(input, paste_note, paste_plain)`.
fn text_box(doc: &Draw, section: &Element, says: Says) -> (Element, Element, Element) {
    let full = "年度报告全文（从网页、Word 或 PDF 中复制后粘贴到这里）";
    add(
        doc,
        section,
        "label",
        &[("for", "input")],
        says.pick(full, "年度报告全文（粘贴到这里）", full),
    );
    let hint = "Paste the full text of the report, or choose or drop report files below. Everything is checked in this browser; nothing is uploaded.";
    add(
        doc,
        section,
        "p",
        &[("class", "hint"), ("id", "input-hint"), ("lang", "en")],
        says.pick(
            hint,
            "Paste the report's full text, or choose files. Checked in this browser; nothing is uploaded.",
            hint,
        ),
    );
    let input = add(
        doc,
        section,
        "textarea",
        &[
            ("id", "input"),
            ("rows", if says.compact { "6" } else { "14" }),
            ("spellcheck", "false"),
            ("aria-describedby", "input-hint paste-note"),
            (
                "placeholder",
                "例如：××市××局 2024 年政府信息公开工作年度报告 …",
            ),
        ],
        "",
    );
    let note = add(
        doc,
        section,
        "p",
        &[
            ("id", "paste-note"),
            ("class", "note"),
            ("role", "status"),
            ("hidden", ""),
        ],
        "",
    );
    add(
        doc,
        &note,
        "span",
        &[],
        "已读取网页/Word 表格格式（HTML）：校验时按原表格读取，框中显示的是它的文字。",
    );
    add(
        doc,
        &note,
        "span",
        EN,
        "Table layout from the web page or Word kept for checking.",
    );
    let plain = add(
        doc,
        &note,
        "button",
        &[("id", "paste-plain"), ("type", "button"), ("class", "link")],
        "改用框中文字校验",
    );
    (input, note, plain)
}

/// 自定义用语 (`details#terms`, closed): `#terms-input` for the user's own terms, one a line,
/// used by the typo check of every later check, kept in memory only (never stored), and
/// `#terms-export` to save them as a file: `(terms, terms_export)`.
fn terms_box(doc: &Draw, section: &Element) -> (Element, Element) {
    let details = add(
        doc,
        section,
        "details",
        &[("id", "terms"), ("class", "terms")],
        "",
    );
    let summary = add(doc, &details, "summary", &[], "自定义用语");
    add(doc, &summary, "span", EN, " Your terms");
    let hint = add(
        doc,
        &details,
        "p",
        &[("id", "terms-hint"), ("class", "hint")],
        "每行一个用语（如本地地名、机构名称）：校验时查找这些用语的错别字，原样写出的用语不会被判为错字。用语只保存在本页内存中，关闭页面即清除，可导出为文件。",
    );
    add(
        doc,
        &hint,
        "span",
        EN,
        " One term a line (local places, bodies): their slips are found, and a term as written is never a slip. Kept in this page's memory only; export them to keep them.",
    );
    let terms = add(
        doc,
        &details,
        "textarea",
        &[
            ("id", "terms-input"),
            ("rows", "3"),
            ("spellcheck", "false"),
            ("aria-describedby", "terms-hint"),
            ("aria-label", "自定义用语"),
        ],
        "",
    );
    let export = add(
        doc,
        &details,
        "button",
        &[
            ("id", "terms-export"),
            ("type", "button"),
            ("class", "secondary"),
        ],
        "导出用语",
    );
    (terms, export)
}

/// 校验 and its shortcut: the `#check` button.
fn actions(doc: &Draw, section: &Element, says: Says) -> Element {
    let div = add(doc, section, "div", &[("class", "actions")], "");
    let check = add(
        doc,
        &div,
        "button",
        &[("id", "check"), ("type", "button")],
        "校验",
    );
    let keys = "快捷键 Ctrl+Enter";
    add(
        doc,
        &div,
        "span",
        &[("class", "hint")],
        says.pick(keys, "Ctrl+Enter", keys),
    );
    check
}

/// 选择文件 (`#pick`), the hidden `#file` it opens, and the hint: `(pick, file)`.
fn file_picker(doc: &Draw, section: &Element, says: Says) -> (Element, Element) {
    let div = add(doc, section, "div", &[("class", "actions pick")], "");
    let pick = add(
        doc,
        &div,
        "button",
        &[
            ("id", "pick"),
            ("type", "button"),
            ("aria-controls", "file"),
            ("aria-describedby", "file-hint"),
        ],
        "选择文件",
    );
    let file = add(
        doc,
        &div,
        "input",
        &[
            ("id", "file"),
            ("type", "file"),
            ("multiple", ""),
            ("hidden", ""),
            ("tabindex", "-1"),
            ("aria-label", "选择报告文件"),
        ],
        "",
    );
    let hint = add(
        doc,
        &div,
        "span",
        &[("id", "file-hint"), ("class", "hint")],
        says.pick(
            "PDF、Word 文档（.docx）、网页（.html）或文本（.txt），可一次选择多个，也可以把文件拖到本页任意位置。",
            "PDF、.docx、.html 或 .txt，可多选或拖入。",
            "PDF、Word 文档（.docx）、网页（.html）或文本（.txt），可一次选择多个，也可以把文件拖到这里。",
        ),
    );
    let en = " Choose or drop .pdf, .docx, .html or .txt files, several at once.";
    add(
        doc,
        &hint,
        "span",
        EN,
        says.pick(en, " Choose or drop files.", en),
    );
    (pick, file)
}

/// `#files` (hidden until files are chosen) with its title, `#files-status` and
/// `#file-list`: `(files, status, list)`.
fn file_list(doc: &Draw, root: &Element) -> (Element, Element, Element) {
    let files = add(
        doc,
        root,
        "section",
        &[
            ("id", "files"),
            ("class", "files"),
            ("aria-labelledby", "files-title"),
            ("hidden", ""),
        ],
        "",
    );
    add(doc, &files, "h2", &[("id", "files-title")], "已读取的文件");
    let status = add(
        doc,
        &files,
        "p",
        &[
            ("id", "files-status"),
            ("class", "hint"),
            ("role", "status"),
        ],
        "",
    );
    let list = add(
        doc,
        &files,
        "ul",
        &[("id", "file-list"), ("class", "file-list")],
        "",
    );
    (files, status, list)
}

/// `#drop-hint`, shown while files are dragged over.
fn drop_hint(doc: &Draw, root: &Element) -> Element {
    let hint = add(
        doc,
        root,
        "div",
        &[
            ("id", "drop-hint"),
            ("class", "drop-hint"),
            ("hidden", ""),
            ("aria-hidden", "true"),
        ],
        "",
    );
    let p = add(doc, &hint, "p", &[], "");
    add(
        doc,
        &p,
        "span",
        &[],
        "松开鼠标即可校验文件（.docx、.html、.txt）",
    );
    add(doc, &p, "span", EN, "Drop the files to check them");
    hint
}
