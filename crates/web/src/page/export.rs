//! 导出 JSON (the CLI's `--format json` object, spans in characters) and 导出 CSV (the cells
//! read), saved as files through a Blob and `<a download>` (no network).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

use super::{Shown, Ui};
use crate::dom::{add, Res};
use crate::view::{self, PageView};

/// Which export.
#[derive(Clone, Copy)]
pub(super) enum Export {
    Json,
    Csv,
}

impl Ui {
    /// Saves the result shown as `{stem}.nianbao.json` or `{stem}.cells.csv` (`stem`: the file
    /// name without its extension, or `nianbao`).
    pub(super) fn export(&self, what: Export) -> Res<()> {
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
                .unwrap_or("nianbao");
            match what {
                Export::Csv => (
                    format!("{stem}.cells.csv"),
                    "text/csv;charset=utf-8",
                    view::cells_csv(&checked.0),
                ),
                Export::Json => (
                    format!("{stem}.nianbao.json"),
                    "application/json",
                    json(&checked.0, file.as_deref(), s.lang())?,
                ),
            }
        };
        self.download(&name, mime, &content)
    }

    /// Saves `content` as a file through a Blob and `<a download>` (no network).
    /// 导出用语: the terms box as `nianbao-terms.txt` (UTF-8, as typed).
    pub(super) fn export_terms(&self) -> Res<()> {
        let text = self.form.terms.value();
        self.download("nianbao-terms.txt", "text/plain;charset=utf-8", &text)
    }

    fn download(&self, name: &str, mime: &str, content: &str) -> Res<()> {
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let parts = js_sys::Array::of1(&JsValue::from_str(content));
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let a = add(
            &self.doc,
            &self.form.root,
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
}

/// The JSON export: the contract's `RunDto` of one report, as `nianbao check --format json`
/// writes it (spans in characters), indented by 2.
fn json(
    checked: &nianbao_core::Checked,
    file: Option<&str>,
    lang: nianbao_core::Lang,
) -> Res<String> {
    let dto =
        nianbao_contract::checked_dto(checked, file, lang, nianbao_contract::SpanUnits::Chars);
    let run = nianbao_contract::RunDto {
        version: nianbao_contract::CONTRACT_VERSION,
        reports: vec![dto],
    };
    let value =
        crate::contract::run(&run).map_err(|e| JsValue::from_str(&format!("Error: {e}")))?;
    let json = js_sys::JSON::stringify_with_replacer_and_space(
        &value,
        &JsValue::NULL,
        &JsValue::from_f64(2.0),
    )?;
    Ok(String::from(json))
}
