//! 与上年报告对比: last year's report, chosen or dropped by hand, for the result shown (a
//! file of the list, or the text box), and 取消与上年报告的对比. `#pair-status` says what
//! is being read and why a pairing was refused.

use std::rc::Rc;

use web_sys::File;

use super::events::Msg;
use super::files::read_file;
use super::{by_id, Shown, Ui};
use crate::dom::{add, NO};
use crate::view::{self, FileEntry, LastReport, PageView};

impl Ui {
    /// Reads `file` as last year's report of the result shown; [`Msg::LastRead`] follows.
    pub(super) fn start_pairing(self: &Rc<Self>, file: File) {
        let (target, serial, showing) = {
            let s = self.state.borrow();
            (s.shown, s.serial, s.current.is_some())
        };
        if !showing {
            return;
        }
        let name = file.name();
        self.pair_status(
            "reading",
            &format!("正在读取上一年度的报告：{name}……"),
            &format!("Reading last year's report: {name}…"),
        );
        let ui = self.clone();
        let terms = self.terms();
        wasm_bindgen_futures::spawn_local(async move {
            let entry = read_file(&file, &terms).await;
            ui.update(Msg::LastRead {
                serial,
                target,
                name,
                entry,
            });
        });
    }

    /// Last year's report read: the result it was read for shown again with the cross-year
    /// findings, unless another result is shown now.
    pub(super) fn last_read(
        &self,
        serial: u32,
        target: Option<usize>,
        name: &str,
        entry: &FileEntry,
    ) {
        if !self.alive.get() || self.state.borrow().serial != serial {
            return; // another result is shown now
        }
        let Some(last) = entry.as_last(false) else {
            let (zh, en) = match &*entry.view {
                PageView::Unreadable { zh, en } => (zh.as_str(), en.as_str()),
                _ => ("", ""),
            };
            self.pair_status(
                "error",
                &format!("无法对比：所选文件“{name}”无法读取。{zh}"),
                &format!("Cannot compare: the chosen file “{name}” could not be read. {en}"),
            );
            return;
        };
        match target {
            Some(i) => self.pair_entry(i, last),
            None => self.pair_box(last),
        }
    }

    /// File `i` of the list paired with `last`.
    fn pair_entry(&self, i: usize, last: LastReport) {
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

    /// The text box's result paired with `last` (kept for later checks of the box).
    fn pair_box(&self, last: LastReport) {
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

    /// 取消与上年报告的对比: the result shown without the cross-year findings.
    pub(super) fn unpair(&self) {
        let target = self.state.borrow().shown;
        if let Some(i) = target {
            if let Some(e) = self.state.borrow_mut().entries.get_mut(i) {
                e.unpair();
            }
            self.draw_list();
            self.show(i);
            return;
        }
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

    /// Shows a message in `#pair-status` (`data-state`: `reading` | `error`).
    pub(super) fn pair_status(&self, state: &str, zh: &str, en: &str) {
        let Some(st) = by_id(&self.form.result, "pair-status") else {
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
}
