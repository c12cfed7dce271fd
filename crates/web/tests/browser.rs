//! The page in headless Chromium (wasm-bindgen-test over chromedriver): mount the UI, paste,
//! click 校验 and read the result area.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn by_id(doc: &Document, id: &str) -> Element {
    doc.get_element_by_id(id)
        .unwrap_or_else(|| panic!("#{id} missing"))
}

fn paste_and_check(doc: &Document, text: &str) {
    let input: HtmlTextAreaElement = by_id(doc, "input").dyn_into().unwrap();
    input.set_value(text);
    let button: HtmlElement = by_id(doc, "check").dyn_into().unwrap();
    button.click();
}

fn text(doc: &Document, id: &str) -> String {
    by_id(doc, id).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
fn page_checks_seed_report_and_explains_bad_input() {
    let doc = gloo::utils::document();
    let app = doc.create_element("div").unwrap();
    app.set_id("app");
    doc.body().unwrap().append_child(&app).unwrap();
    nianbao_web::mount(&app).unwrap();

    assert_eq!(text(&doc, "check"), "校验");
    // files: a labelled 选择文件 button over a hidden multiple file input; no list yet
    assert_eq!(text(&doc, "pick"), "选择文件");
    let file = by_id(&doc, "file");
    assert_eq!(file.get_attribute("type").as_deref(), Some("file"));
    assert!(file.has_attribute("multiple"));
    assert!(by_id(&doc, "files").has_attribute("hidden"));
    assert!(by_id(&doc, "drop-hint").has_attribute("hidden"));
    assert!(by_id(&doc, "paste-note").has_attribute("hidden"));
    assert_eq!(
        by_id(&doc, "result").get_attribute("aria-live").as_deref(),
        Some("polite")
    );

    // empty input
    paste_and_check(&doc, "  \n ");
    assert!(
        text(&doc, "result").contains("请先粘贴年度报告全文"),
        "{}",
        text(&doc, "result")
    );

    // the seed report
    paste_and_check(&doc, SEED);
    assert_eq!(text(&doc, "agency"), "洛阳市科学技术局");
    assert_eq!(text(&doc, "year"), "2024");
    assert_eq!(
        by_id(&doc, "format")
            .get_attribute("data-format")
            .as_deref(),
        Some("2021")
    );
    let verdict = by_id(&doc, "verdict");
    assert_eq!(
        verdict.get_attribute("data-verdict").as_deref(),
        Some("pass")
    );
    assert!(text(&doc, "verdict").contains("通过"));
    let identity = by_id(&doc, "identity");
    for col in ["C1", "C2", "C3", "C4", "C5", "C6", "C7"] {
        let row = identity
            .query_selector(&format!("[data-col=\"{col}\"]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no identity row {col}"));
        assert_eq!(row.get_attribute("data-outcome").as_deref(), Some("pass"));
        assert_eq!(row.get_attribute("data-left").as_deref(), Some("0"));
        assert_eq!(row.get_attribute("data-right").as_deref(), Some("0"));
    }
    let c = by_id(&doc, "t3")
        .query_selector("[data-key=\"T3.R1.C1\"]")
        .unwrap()
        .unwrap();
    assert_eq!(c.text_content().as_deref(), Some("0"));

    // not a report
    paste_and_check(&doc, "今天天气很好，我们去公园散步。");
    let msg = by_id(&doc, "message");
    assert_eq!(
        msg.get_attribute("data-kind").as_deref(),
        Some("unreadable")
    );
    assert!(!text(&doc, "message").trim().is_empty());

    app.remove();
}
