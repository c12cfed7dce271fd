//! The result area: drawing what is shown (in the language of the `#lang` switch), going to
//! a finding's cells or text, a rule's documentation, printing, and the `nianbao-result`
//! event after every result.

use nianbao_core::Lang;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use std::rc::Rc;

use super::events::Msg;
use super::{by_id, focus, log, RuleDocs, Shown, Ui};
use crate::dom::{render, t, Res};
use crate::view::PageView;

impl Ui {
    /// Shows `shown` in the result area in the current language and keeps it for redrawing.
    pub(super) fn draw(&self, shown: Shown) {
        let lang = self.lang();
        // a check of the box still running (`checking`) is superseded by what is drawn now
        let _ = self.form.result.remove_attribute("aria-busy");
        let r = render(
            &self.form.result,
            shown.source.as_ref(),
            &shown.view,
            lang,
            self.compact,
        );
        if let Err(e) = r {
            log("nianbao: render failed", &e);
        }
        self.state.borrow_mut().current = Some(shown);
        self.fill_rule_docs();
    }

    /// The rules panel was opened (or a rule link followed): its documentation is asked of the
    /// reader module, once (again after a failure).
    pub(super) fn load_rule_docs(self: &Rc<Self>) {
        {
            let mut s = self.state.borrow_mut();
            if matches!(s.rule_docs, RuleDocs::Loading | RuleDocs::Loaded(_)) {
                return;
            }
            s.rule_docs = RuleDocs::Loading;
        }
        self.fill_rule_docs();
        let ui = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let docs = crate::read::rule_docs().await;
            if ui.alive.get() {
                ui.update(Msg::RuleDocs(docs));
            }
        });
    }

    pub(super) fn rule_docs_arrived(
        &self,
        docs: Result<Vec<crate::read::RuleDoc>, nianbao_core::readers::InputError>,
    ) {
        self.state.borrow_mut().rule_docs = match docs {
            Ok(d) => RuleDocs::Loaded(d),
            Err(e) => RuleDocs::Failed(e),
        };
        self.fill_rule_docs();
    }

    /// Writes the rules' documentation into the rules panel shown (`p.rule-doc[data-rule]`),
    /// in the current language, or says in `#rules-status` that it is coming or why not.
    fn fill_rule_docs(&self) {
        let lang = self.lang();
        let s = self.state.borrow();
        let status = match &s.rule_docs {
            RuleDocs::NotAsked | RuleDocs::Loaded(_) => "",
            RuleDocs::Loading => t(
                lang,
                "正在加载规则说明……",
                "Loading the rules' documentation…",
            ),
            RuleDocs::Failed(e) => t(lang, &e.zh, &e.en),
        };
        if let Some(p) = by_id(&self.form.result, "rules-status") {
            p.set_text_content(Some(status));
        }
        let RuleDocs::Loaded(docs) = &s.rule_docs else {
            return;
        };
        let Ok(list) = self
            .form
            .result
            .query_selector_all("#rules p.rule-doc[data-rule]")
        else {
            return;
        };
        for node in (0..list.length()).filter_map(|i| list.item(i)) {
            let Ok(p) = node.dyn_into::<Element>() else {
                continue;
            };
            let id = p.get_attribute("data-rule").unwrap_or_default();
            if let Some((_, zh, en)) = docs.iter().find(|d| d.0 == id) {
                p.set_text_content(Some(t(lang, zh, en)));
            }
        }
    }

    pub(super) fn lang(&self) -> Lang {
        self.state.borrow().lang()
    }

    /// The English switch: labels and messages of the result in English, and back.
    pub(super) fn set_lang(&self, english: bool) {
        self.state.borrow_mut().english = english;
        let _ = self
            .form
            .lang
            .set_attribute("aria-pressed", if english { "true" } else { "false" });
        let _ = self
            .container
            .set_attribute("data-lang", if english { "en" } else { "zh" });
        let current = self.state.borrow_mut().current.take();
        if let Some(c) = current {
            self.draw(c);
        }
    }

    /// A rule link: opens the rule's entry of the rules panel (`#rule-ID`).
    pub(super) fn show_rule(&self, rule: &str) {
        if let Some(dt) = by_id(&self.form.result, &format!("rule-{rule}")) {
            self.reveal(&dt);
        }
    }

    /// 打印 / 存为 PDF: the compact layout's tables are printed too.
    pub(super) fn print(&self) {
        set_on_all(&self.form.result, "details.panel", "open", Some(""));
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    }

    /// Opens every `<details>` around `el` (the text view, the rules, the compact layout's
    /// tables), scrolls to it and focuses it.
    fn reveal(&self, el: &Element) {
        let parents = std::iter::successors(el.parent_element(), |e| e.parent_element());
        for e in parents.take_while(|e| *e != self.form.root) {
            if e.tag_name().eq_ignore_ascii_case("details") {
                let _ = e.set_attribute("open", "");
            }
        }
        focus(el);
    }

    /// Marks the cells (or the text) of a finding, scrolls to the first and focuses it.
    pub(super) fn go_to_finding(&self, b: &Element) {
        set_on_all(&self.form.result, "[data-current]", "data-current", None);
        let _ = b.set_attribute("data-current", "true");
        if let Some(span) = b.get_attribute("data-span") {
            if let Some(m) = by_id(&self.form.result, &span) {
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
            self.form
                .result
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

    /// Dispatches `nianbao-result` on the container for the result shown: a bubbling,
    /// composed `CustomEvent` whose `detail` is `{ verdict, errors, warnings, file, report }`
    /// (`report`: what `check()` returns for the same input, in the result's language).
    /// No state is borrowed while the host's listeners run.
    pub(super) fn dispatch_result(&self) {
        let detail = {
            let s = self.state.borrow();
            let Some(c) = &s.current else {
                return;
            };
            result_detail(c, s.lang())
        };
        self.dispatch(detail);
    }

    /// `nianbao-result` for file `i`, read but not shown.
    pub(super) fn dispatch_entry(&self, i: usize) {
        if let Some(shown) = self.entry_shown(i) {
            self.dispatch(result_detail(&shown, self.lang()));
        }
    }

    fn dispatch(&self, detail: Res<JsValue>) {
        let detail = match detail {
            Ok(d) => d,
            Err(e) => return log("nianbao: could not build the result event", &e),
        };
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        match web_sys::CustomEvent::new_with_event_init_dict("nianbao-result", &init) {
            Ok(ev) => {
                let _ = self.container.dispatch_event(&ev);
            }
            Err(e) => log("nianbao: could not create the result event", &e),
        }
    }
}

/// Sets (`Some`) or removes (`None`) the attribute `name` of every element matching
/// `selector` in `scope`.
fn set_on_all(scope: &Element, selector: &str, name: &str, value: Option<&str>) {
    let Ok(list) = scope.query_selector_all(selector) else {
        return;
    };
    for node in (0..list.length()).filter_map(|i| list.item(i)) {
        if let Ok(e) = node.dyn_into::<Element>() {
            let _ = match value {
                Some(v) => e.set_attribute(name, v),
                None => e.remove_attribute(name),
            };
        }
    }
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
    let string_or_null = |s: &Option<String>| s.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    set("verdict", &JsValue::from_str(v.code))?;
    set("errors", &JsValue::from_f64(v.errors as f64))?;
    set("warnings", &JsValue::from_f64(v.warnings as f64))?;
    set("file", &string_or_null(&c.file))?;
    set("report", &report)?;
    set("last", &string_or_null(&c.last))?;
    Ok(o.into())
}
