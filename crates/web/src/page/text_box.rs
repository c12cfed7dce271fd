//! The text box: 校验 of what is in it (the clipboard HTML kept from a paste, else the box's
//! text: plain text or HTML source), and the clipboard HTML kept or forgotten.

use std::rc::Rc;

use nianbao_core::ReadStatus;

use super::events::Msg;
use super::{Shown, Ui};
use crate::read::{self, Read};
use crate::view::{self, PageView, Source};

/// The text box read, waiting for the full-check module ([`Msg::BoxChecked`]).
pub(super) struct BoxRead {
    /// Which check of the box (`State::box_check`) and which result shown (`State::serial`)
    /// it was started under.
    check: u32,
    serial: u32,
    read: Read,
    source: Source,
    from_string: bool,
    empty: bool,
}

impl Ui {
    /// The terms of 自定义用语 as they read now (parsed by the full-check module).
    pub(super) fn terms(&self) -> String {
        self.form.terms.value()
    }

    /// 校验: the clipboard HTML kept at paste time, else the box's text (plain text or HTML),
    /// read and checked here, then completed by the full-check module (the prose checks and
    /// the error localiser; loaded now if it is not yet): [`Msg::BoxChecked`] draws the result.
    pub(super) fn check_box(self: &Rc<Self>) {
        let text = self.form.input.value();
        let html = self.state.borrow().pasted_html.clone();
        let empty = text.trim().is_empty() && html.is_none();
        let (read, source, from_string) = match html {
            Some(html) => check_html(&html, &text),
            None => {
                let r = read::text(&text);
                let s = Source::paste(r.checked.kind, false, false);
                (r, s, true)
            }
        };
        let (check, serial) = {
            let mut s = self.state.borrow_mut();
            s.box_check = s.box_check.wrapping_add(1);
            (s.box_check, s.serial)
        };
        let pending = BoxRead {
            check,
            serial,
            read,
            source,
            from_string,
            empty,
        };
        let terms = self.terms();
        let mut pending = pending;
        // at once when the full-check module is loaded already (the usual case: the loader
        // fetches it when the user starts to work with the page), else once it is
        if pending.read.try_complete_now(&terms) {
            self.box_checked(pending);
            return;
        }
        self.checking();
        let ui = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            pending.read.complete(&terms).await;
            ui.update(Msg::BoxChecked(Box::new(pending)));
        });
    }

    /// The result area says that a check is running (`#result[aria-busy]`, and the message of
    /// [`crate::dom::checking`] in place of the earlier result) until the next result is drawn.
    fn checking(&self) {
        let r = &self.form.result;
        let _ = r.set_attribute("aria-busy", "true");
        if let Err(e) = crate::dom::checking(r) {
            super::log("nianbao: render failed", &e);
        }
    }

    /// The text box's check complete: its result drawn, unless a later check of the box
    /// started or another result was shown meanwhile.
    pub(super) fn box_checked(&self, pending: BoxRead) {
        let BoxRead {
            check,
            serial,
            read,
            source,
            from_string,
            empty,
        } = pending;
        {
            let s = self.state.borrow();
            if !self.alive.get() || s.box_check != check || s.serial != serial {
                return;
            }
        }
        let checked = Rc::new(read.checked);
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

/// The clipboard HTML read, or the box's plain `text` when the HTML could not be read as a
/// report and the text can: `(read, source, from_string)`.
fn check_html(html: &str, text: &str) -> (Read, Source, bool) {
    let c = read::text(html);
    if c.checked.analysis.report.status == ReadStatus::Ok || text.trim().is_empty() {
        let s = Source::paste(c.checked.kind, true, false);
        return (c, s, false);
    }
    let p = read::text(text);
    if p.checked.analysis.report.status == ReadStatus::Ok {
        let s = Source::paste(p.checked.kind, false, true);
        (p, s, true)
    } else {
        let s = Source::paste(c.checked.kind, true, false);
        (c, s, false)
    }
}
