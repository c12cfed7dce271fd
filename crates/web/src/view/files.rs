//! A file read by the page (an entry of the file list, with its full result) and the line
//! saying where the result shown came from (a file, or the text box).

use std::rc::Rc;

use nianbao_core::{Checked, InputKind, Verdict};

use super::{from_checked_rc, kind_zh, CheckedRef, LastReport, PageView, VerdictView};

/// Files larger than this are refused before they are read (the core's own input limit).
pub const MAX_FILE_BYTES: usize = nianbao_core::input::MAX_INPUT_BYTES;

/// Where the result shown came from: a line above the verdict (`#source`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// `file` | `paste`.
    pub origin: &'static str,
    /// The input kind (`text` | `html` | `docx` | `unreadable`), or `""` when nothing was read.
    pub kind: &'static str,
    pub line_zh: String,
}

impl Source {
    /// A result of checking what is in the text box. `html`: the clipboard HTML kept at paste
    /// time was checked; `fell_back`: it could not be read, so the plain text was checked.
    pub fn paste(kind: InputKind, html: bool, fell_back: bool) -> Source {
        let line_zh = if fell_back {
            "来源：粘贴的文字（网页/Word 表格格式未能读取，已按纯文本校验）".to_string()
        } else if html {
            format!("来源：粘贴的{}", kind_zh(InputKind::Html))
        } else if kind == InputKind::Html {
            "来源：粘贴的 HTML 源代码".to_string()
        } else {
            "来源：粘贴的文字".to_string()
        };
        Source {
            origin: "paste",
            kind: kind.as_str(),
            line_zh,
        }
    }
}

/// One file read by the page: the list entry and the full result shown when it is opened.
#[derive(Clone, Debug, PartialEq)]
pub struct FileEntry {
    pub name: String,
    /// `text` | `html` | `docx` | `unreadable` (also for files refused before reading).
    pub kind: &'static str,
    /// E.g. `Word 文档（.docx）`, `文本（GBK/GB18030 编码）`.
    pub kind_zh: String,
    pub verdict: VerdictView,
    pub view: Rc<PageView>,
    /// The file as the core checked it (`None`: refused before it was read), without the
    /// cross-year findings.
    pub checked: Option<CheckedRef>,
    /// Last year's report it is paired with ([`FileEntry::pair`]).
    pub last: Option<LastReport>,
}

impl FileEntry {
    /// A file read and checked by the core (`crate::read::bytes`): its view, and the
    /// `Checked` kept for the `nianbao-result` event and for pairing.
    pub fn read(name: &str, encoding: Option<&str>, checked: Checked) -> FileEntry {
        let kind = checked.kind;
        let checked = Rc::new(checked);
        let mut e = FileEntry::new(name, Some(kind), encoding, from_checked_rc(&checked));
        e.checked = Some(CheckedRef(checked));
        e
    }

    /// `kind`: what the core read the file as (`None`: refused before it was read).
    /// `encoding`: set when the text was decoded from a legacy encoding by the browser.
    pub fn new(
        name: &str,
        kind: Option<InputKind>,
        encoding: Option<&str>,
        view: PageView,
    ) -> FileEntry {
        let kind = kind.unwrap_or(InputKind::Unreadable);
        let kind_zh = match encoding {
            Some(e) => format!("{}（{} 编码）", kind_zh(kind), e),
            None => kind_zh(kind).to_string(),
        };
        let checked = match &view {
            PageView::Report(r) => r.checked.clone(),
            _ => None,
        };
        FileEntry {
            name: name.to_string(),
            kind: kind.as_str(),
            kind_zh,
            verdict: view.verdict(),
            view: Rc::new(view),
            checked,
            last: None,
        }
    }

    /// What the shown result was computed from: the file with the cross-year findings when
    /// paired (the exports and the `nianbao-result` report use it).
    pub fn result_checked(&self) -> Option<Rc<Checked>> {
        match &*self.view {
            PageView::Report(r) => r.checked.as_ref().map(|c| c.0.clone()),
            _ => self.checked.as_ref().map(|c| c.0.clone()),
        }
    }

    /// The list line after the file name, e.g. `文本 · 通过（错误 0 项，警告 0 项，提示 0 项）`.
    pub fn summary_zh(&self) -> String {
        let verdict = if self.verdict.code == Verdict::Unreadable.as_str() {
            self.verdict.text_zh.to_string()
        } else {
            self.verdict.line_zh()
        };
        format!("{} · {}", self.kind_zh, verdict)
    }

    pub fn source(&self) -> Source {
        Source {
            origin: "file",
            kind: self.kind,
            line_zh: format!("文件：{}（{}）", self.name, self.kind_zh),
        }
    }
}

/// Shown for a file over [`MAX_FILE_BYTES`]; it is not read at all (the core's words,
/// shared with the CLI).
pub fn too_large(size: f64) -> PageView {
    let e = nianbao_core::input::too_large(size as u64);
    PageView::Unreadable { zh: e.zh, en: e.en }
}

/// Shown for a file of 0 bytes (the core's words, shared with the CLI).
pub fn empty_file() -> PageView {
    let e = nianbao_core::input::empty_file();
    PageView::Unreadable { zh: e.zh, en: e.en }
}

/// Shown when the browser could not give the file's bytes (moved, deleted, no permission).
pub fn read_failed(detail: &str) -> PageView {
    PageView::Unreadable {
        zh: format!(
            "浏览器无法读取这个文件（可能已被移动、删除或没有读取权限）：{detail}。请重新选择文件。"
        ),
        en: format!("The browser could not read this file ({detail}). Please choose it again."),
    }
}
