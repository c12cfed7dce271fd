//! The text box: 校验 of what is in it (the clipboard HTML kept from a paste, else the box's
//! text: plain text or HTML source), and the clipboard HTML kept or forgotten.

use std::rc::Rc;

use nianbao_core::{Checked, ReadStatus, Terms};

use super::{Shown, Ui};
use crate::view::{self, PageView, Source};

impl Ui {
    /// The terms of 自定义用语 as they read now.
    pub(super) fn terms(&self) -> Terms {
        Terms::parse(&self.form.terms.value())
    }

    /// 校验: the clipboard HTML kept at paste time, else the box's text (plain text or HTML).
    pub(super) fn check_box(&self) {
        let text = self.form.input.value();
        let html = self.state.borrow().pasted_html.clone();
        let empty = text.trim().is_empty() && html.is_none();
        let (mut checked, source, from_string) = match html {
            Some(html) => check_html(&html, &text),
            None => {
                let c = nianbao_core::check_str(&text);
                let s = Source::paste(c.kind, false, false);
                (c, s, true)
            }
        };
        nianbao_core::apply_terms(&mut checked.analysis, &checked.text, &self.terms());
        let checked = Rc::new(checked);
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
            s.showing(None);
            s.box_checked = Some(checked);
            if problem.is_some() {
                s.box_last = None;
            }
        }
        self.mark_shown();
        self.draw(Shown {
            source: (!empty).then_some(source),
            view: Rc::new(v),
            file: None,
            checked: Some(result),
            from_string,
            last,
        });
        if let Some((zh, en)) = problem {
            self.pair_status("error", &zh, &en);
        }
        self.dispatch_result();
    }

    /// Clipboard HTML pasted over the whole box: kept for checking; the box shows `plain`.
    pub(super) fn keep_html(&self, html: String, plain: &str) {
        self.form.input.set_value(plain);
        self.state.borrow_mut().pasted_html = Some(html);
        let note = &self.form.paste_note;
        let _ = note.remove_attribute("hidden");
        let _ = note.set_attribute("data-mode", "html");
    }

    /// The box is checked as it reads from now on.
    pub(super) fn forget_html(&self) {
        if self.state.borrow_mut().pasted_html.take().is_some() {
            let note = &self.form.paste_note;
            let _ = note.set_attribute("hidden", "");
            let _ = note.set_attribute("data-mode", "text");
        }
    }
}

/// The clipboard HTML checked, or the box's plain `text` when the HTML could not be read as a
/// report and the text can: `(checked, source, from_string)`.
fn check_html(html: &str, text: &str) -> (Checked, Source, bool) {
    let c = nianbao_core::check_str(html);
    if c.analysis.report.status == ReadStatus::Ok || text.trim().is_empty() {
        let s = Source::paste(c.kind, true, false);
        return (c, s, false);
    }
    let p = nianbao_core::check_str(text);
    if p.analysis.report.status == ReadStatus::Ok {
        let s = Source::paste(p.kind, false, true);
        (p, s, true)
    } else {
        let s = Source::paste(c.kind, true, false);
        (c, s, false)
    }
}
