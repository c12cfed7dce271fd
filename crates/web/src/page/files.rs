//! Files: a batch chosen, dropped or pasted is read one file after the other into the list
//! (`#files`), the first file's result is shown when it is read, and files of the batch that
//! are consecutive years of one body are paired as they come in. Also drag and drop.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, File};

use super::events::Msg;
use super::{log, Shown, Ui};
use crate::dom::{add, Res, NO};
use crate::view::{self, FileEntry};

impl Ui {
    /// Reads `files` one after the other into a new list ([`Msg::FileRead`] for each, then
    /// [`Msg::BatchRead`]); a newer batch or a new mount stops the reading.
    pub(super) fn open_files(self: &Rc<Self>, files: Vec<File>) {
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
        let _ = self.form.files.remove_attribute("hidden");
        let _ = self.form.files.set_attribute("data-state", "reading");
        self.draw_list();
        let ui = self.clone();
        let terms = self.terms();
        wasm_bindgen_futures::spawn_local(async move {
            let n = files.len();
            for (i, f) in files.iter().enumerate() {
                if !ui.reading(batch) {
                    return;
                }
                ui.set_status(&format!(
                    "正在读取第 {} 个文件（共 {n} 个）：{}……",
                    i + 1,
                    f.name()
                ));
                let entry = read_file(f, &terms).await;
                ui.update(Msg::FileRead { batch, entry });
            }
            ui.update(Msg::BatchRead { batch, n });
        });
    }

    /// Whether `batch` is still the batch of this (still mounted) list.
    fn reading(&self, batch: u32) -> bool {
        self.alive.get() && self.state.borrow().batch == batch
    }

    /// File `entry` of `batch` read: listed, paired with the files of its batch, shown when
    /// it is the first.
    pub(super) fn file_read(&self, batch: u32, entry: FileEntry) {
        if !self.reading(batch) {
            return; // a newer batch (or a new mount) replaced this one
        }
        let (k, changed) = {
            let mut s = self.state.borrow_mut();
            s.entries.push(entry);
            let k = s.entries.len() - 1;
            (k, view::auto_pair(&mut s.entries, k))
        };
        self.draw_list();
        if k == 0 {
            self.show(0);
        } else {
            self.dispatch_entry(k);
        }
        // Earlier files whose previous year this one is: their results changed.
        let shown = self.state.borrow().shown;
        for j in changed {
            if shown == Some(j) {
                self.show(j);
            } else {
                self.dispatch_entry(j);
            }
        }
    }

    /// Every file of `batch` read.
    pub(super) fn batch_read(&self, batch: u32, n: usize) {
        if !self.reading(batch) {
            return;
        }
        self.set_status(&if n == 1 {
            "已读取 1 个文件。".to_string()
        } else {
            format!("已读取 {n} 个文件：点击文件名查看各自的结果。")
        });
        let _ = self.form.files.set_attribute("data-state", "done");
    }

    fn set_status(&self, text: &str) {
        self.form.status.set_text_content(Some(text));
    }

    /// What the result area shows for file `i`.
    pub(super) fn entry_shown(&self, i: usize) -> Option<Shown> {
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

    /// Shows the full result of file `i` in the result area.
    pub(super) fn show(&self, i: usize) {
        let Some(shown) = self.entry_shown(i) else {
            return;
        };
        self.draw(shown);
        self.state.borrow_mut().showing(Some(i));
        self.mark_shown();
        self.dispatch_result();
    }

    /// `aria-current` on the button of the file shown.
    pub(super) fn mark_shown(&self) {
        let shown = self.state.borrow().shown;
        let items = std::iter::successors(self.form.list.first_element_child(), |li| {
            li.next_element_sibling()
        });
        for (i, li) in items.enumerate() {
            if let Some(b) = li.first_element_child() {
                let _ = if shown == Some(i) {
                    b.set_attribute("aria-current", "true")
                } else {
                    b.remove_attribute("aria-current")
                };
            }
        }
    }

    pub(super) fn draw_list(&self) {
        if let Err(e) = self.try_draw_list() {
            log("nianbao: could not draw the file list", &e);
        }
    }

    /// `#file-list`: a `li` per file, a button with its name and its summary.
    fn try_draw_list(&self) -> Res<()> {
        let doc = &self.doc;
        let list = &self.form.list;
        list.set_text_content(None);
        let s = self.state.borrow();
        for (i, f) in s.entries.iter().enumerate() {
            let li = add(
                doc,
                list,
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
            let current = if s.shown == Some(i) {
                ("aria-current", "true")
            } else {
                NO
            };
            let b = add(
                doc,
                &li,
                "button",
                &[("type", "button"), ("class", "file"), current],
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

    /// The drop hint and the container's `data-dragging` while files are dragged over.
    pub(super) fn dragging(&self, on: bool) {
        let hint = &self.form.drop_hint;
        if on {
            let _ = hint.remove_attribute("hidden");
            let _ = self.container.set_attribute("data-dragging", "true");
        } else {
            self.state.borrow_mut().drag_depth = 0;
            let _ = hint.set_attribute("hidden", "");
            let _ = self.container.remove_attribute("data-dragging");
        }
    }

    /// Files dropped: last year's report when dropped on `#pair` in the result area, else a
    /// new list.
    pub(super) fn dropped(self: &Rc<Self>, files: Vec<File>, zone: Option<Element>) {
        self.dragging(false);
        match zone {
            Some(z) if !files.is_empty() && self.form.result.contains(Some(&z)) => {
                if let Some(f) = files.into_iter().next() {
                    self.start_pairing(f);
                }
            }
            _ => self.open_files(files),
        }
    }
}

/// One file into a list entry: refused unread when too large or empty; otherwise its bytes
/// go through [`crate::read::bytes`] (a .docx or PDF file through the reader module) and the
/// full-check module ([`crate::read::Read::complete`]).
pub(super) async fn read_file(f: &File, terms: &str) -> FileEntry {
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
    let mut r = crate::read::bytes(&bytes, Some(&name)).await;
    drop(bytes);
    // the prose checks and the error localiser, with the user's own terms
    r.complete(terms).await;
    FileEntry::read(&name, r.encoding, r.checked)
}
