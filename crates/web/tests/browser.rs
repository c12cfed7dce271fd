//! The page in headless Chromium (wasm-bindgen-test over chromedriver): mount the UI (in the
//! document and inside a shadow root), paste, click 校验, read the result area and the
//! `nianbao-result` events.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn fixture(text: &str) -> &str {
    text.split("==== expect ====").next().unwrap_or(text)
}

/// 表三 R1.C1 changed: two errors, suspect T3.R1.C1.
const R1_C1: &str = include_str!("../../../tests/fixtures/cases/02_r1_c1_changed.txt");

/// A plain JavaScript object, as a JS caller would pass.
fn js(v: Value) -> JsValue {
    use serde::Serialize;
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

fn doc() -> Document {
    gloo::utils::document()
}

/// `#id` inside `scope` (the container; also inside a shadow root).
fn q(scope: &Element, id: &str) -> Element {
    scope
        .query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap_or_else(|| panic!("#{id} missing"))
}

fn text(scope: &Element, id: &str) -> String {
    q(scope, id).text_content().unwrap_or_default()
}

fn attr(scope: &Element, id: &str, name: &str) -> Option<String> {
    q(scope, id).get_attribute(name)
}

fn click(el: &Element) {
    el.dyn_ref::<HtmlElement>()
        .expect("an HTML element")
        .click();
}

fn paste_and_check(scope: &Element, text: &str) {
    let input: HtmlTextAreaElement = q(scope, "input").dyn_into().unwrap();
    input.set_value(text);
    click(&q(scope, "check"));
}

/// A `<div>` attached to the body.
fn light_div() -> Element {
    // A failing assertion runs the page's panic hook: keep the test runner's instance.
    nianbao_web::keep_instance_on_panic();
    let d = doc().create_element("div").unwrap();
    doc().body().unwrap().append_child(&d).unwrap();
    d
}

/// A shadow host attached to the body, and a `<div>` inside its open shadow root.
fn shadow_div() -> (Element, Element) {
    nianbao_web::keep_instance_on_panic();
    let host = doc().create_element("nianbao-test-host").unwrap();
    doc().body().unwrap().append_child(&host).unwrap();
    let root = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    let inner = doc().create_element("div").unwrap();
    root.append_child(&inner).unwrap();
    (host, inner)
}

/// Collects the `detail` of every `nianbao-result` reaching `target`.
struct Results {
    seen: Rc<RefCell<Vec<Value>>>,
    _listener: gloo::events::EventListener,
}

impl Results {
    fn on(target: &Element) -> Results {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let s = seen.clone();
        let listener = gloo::events::EventListener::new(target, "nianbao-result", move |e| {
            let e: &web_sys::CustomEvent = e.dyn_ref().expect("a CustomEvent");
            assert!(e.bubbles() && e.composed());
            let v: Value = serde_wasm_bindgen::from_value(e.detail()).expect("plain data");
            s.borrow_mut().push(v);
        });
        Results {
            seen,
            _listener: listener,
        }
    }
    fn last(&self) -> Value {
        self.seen
            .borrow()
            .last()
            .cloned()
            .expect("a nianbao-result")
    }
    fn count(&self) -> usize {
        self.seen.borrow().len()
    }
}

fn mount(el: &Element, options: Value) {
    nianbao_web::mount(el, &js(options)).expect("mount");
}

#[wasm_bindgen_test]
fn page_checks_seed_report_and_explains_bad_input() {
    let app = light_div();
    app.set_id("app");
    nianbao_web::mount(&app, &JsValue::UNDEFINED).unwrap();
    let results = Results::on(&app);

    assert_eq!(app.get_attribute("data-state").as_deref(), Some("ready"));
    let root = app.first_element_child().unwrap();
    assert_eq!(root.class_name(), "nianbao");
    assert_eq!(root.get_attribute("data-mode").as_deref(), Some("page"));
    assert_eq!(text(&app, "check"), "校验");
    // files: a labelled 选择文件 button over a hidden multiple file input; no list yet
    assert_eq!(text(&app, "pick"), "选择文件");
    let file = q(&app, "file");
    assert_eq!(file.get_attribute("type").as_deref(), Some("file"));
    assert!(file.has_attribute("multiple"));
    assert!(q(&app, "files").has_attribute("hidden"));
    assert!(q(&app, "drop-hint").has_attribute("hidden"));
    assert!(q(&app, "paste-note").has_attribute("hidden"));
    assert_eq!(attr(&app, "result", "aria-live").as_deref(), Some("polite"));

    // empty input
    paste_and_check(&app, "  \n ");
    assert!(
        text(&app, "result").contains("请先粘贴年度报告全文"),
        "{}",
        text(&app, "result")
    );
    let d = results.last();
    assert_eq!(d["verdict"], "unreadable", "{d:#}");
    assert_eq!(d["report"]["verdict"], "unreadable", "{d:#}");

    // the seed report
    paste_and_check(&app, SEED);
    assert_eq!(text(&app, "agency"), "洛阳市科学技术局");
    assert_eq!(text(&app, "year"), "2024");
    assert_eq!(attr(&app, "format", "data-format").as_deref(), Some("2021"));
    assert_eq!(
        attr(&app, "verdict", "data-verdict").as_deref(),
        Some("warn")
    );
    assert!(text(&app, "verdict").contains("有警告"));
    let identity = q(&app, "identity");
    for col in ["C1", "C2", "C3", "C4", "C5", "C6", "C7"] {
        let row = identity
            .query_selector(&format!("[data-col=\"{col}\"]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no identity row {col}"));
        assert_eq!(row.get_attribute("data-outcome").as_deref(), Some("pass"));
        assert_eq!(row.get_attribute("data-left").as_deref(), Some("0"));
        assert_eq!(row.get_attribute("data-right").as_deref(), Some("0"));
    }
    let c = q(&app, "t3")
        .query_selector("[data-key=\"T3.R1.C1\"]")
        .unwrap()
        .unwrap();
    assert_eq!(c.text_content().as_deref(), Some("0"));
    let d = results.last();
    assert_eq!(
        (&d["verdict"], &d["errors"], &d["warnings"], &d["file"]),
        (&"warn".into(), &0.into(), &1.into(), &Value::Null),
        "{d:#}"
    );
    // the report is what check() returns for the same string
    let direct: Value = serde_wasm_bindgen::from_value(
        nianbao_web::check(JsValue::from_str(SEED), JsValue::UNDEFINED).unwrap(),
    )
    .unwrap();
    assert_eq!(d["report"], direct);

    // not a report
    paste_and_check(&app, "今天天气很好，我们去公园散步。");
    assert_eq!(
        attr(&app, "message", "data-kind").as_deref(),
        Some("unreadable")
    );
    assert!(!text(&app, "message").trim().is_empty());
    assert_eq!(results.count(), 3);

    assert!(nianbao_web::unmount(&app));
    assert!(app.first_element_child().is_none());
    app.remove();
}

#[wasm_bindgen_test]
fn widget_in_a_shadow_root_checks_and_reports_to_the_host() {
    let (host, inner) = shadow_div();
    let results = Results::on(&host);
    mount(&inner, serde_json::json!({ "mode": "widget" }));
    // nothing of the page's own went into the document
    assert!(doc().get_element_by_id("input").is_none());
    assert_eq!(inner.get_attribute("data-state").as_deref(), Some("ready"));

    paste_and_check(&inner, SEED);
    assert_eq!(
        attr(&inner, "verdict", "data-verdict").as_deref(),
        Some("warn")
    );
    let d = results.last();
    assert_eq!((&d["verdict"], &d["errors"]), (&"warn".into(), &0.into()));
    assert_eq!(d["report"]["agency"], "洛阳市科学技术局", "{d:#}");

    // an error report: the counts of the event are those of the page and of check()
    let bad = fixture(R1_C1);
    paste_and_check(&inner, bad);
    assert_eq!(
        attr(&inner, "verdict", "data-verdict").as_deref(),
        Some("fail")
    );
    let d = results.last();
    assert_eq!(d["verdict"], "fail", "{d:#}");
    assert_eq!(d["errors"], 2, "{d:#}");
    assert_eq!(
        attr(&inner, "verdict", "data-errors").as_deref(),
        Some("2"),
        "the page shows the same count"
    );
    assert_eq!(
        d["warnings"].as_u64().map(|w| w.to_string()),
        attr(&inner, "verdict", "data-warnings")
    );
    let errors_in_report = d["report"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .count();
    assert_eq!(errors_in_report, 2, "{d:#}");
    assert_eq!(results.count(), 2);

    // a finding goes to its cell inside the shadow root
    let goto = inner
        .query_selector("#findings button.goto[data-cell=\"T3.R1.C1\"]")
        .unwrap()
        .expect("a finding on T3.R1.C1");
    click(&goto);
    let td = inner
        .query_selector("td[data-key=\"T3.R1.C1\"]")
        .unwrap()
        .unwrap();
    assert!(td.has_attribute("data-current"));
    let shadow = host.shadow_root().unwrap();
    assert_eq!(shadow.active_element(), Some(td));

    // a rule link opens the rule's documentation inside the shadow root
    let link = inner
        .query_selector("a.rule-link[data-rule=\"T3-IDENTITY\"]")
        .unwrap()
        .expect("a rule link");
    assert!(!q(&inner, "rules").has_attribute("open"));
    click(&link);
    assert!(q(&inner, "rules").has_attribute("open"));
    assert_eq!(
        shadow.active_element().map(|e| e.id()).as_deref(),
        Some("rule-T3-IDENTITY")
    );
    // the document's URL was not changed by the fragment
    assert!(!gloo::utils::window()
        .location()
        .hash()
        .unwrap_or_default()
        .contains("rule-"));

    assert!(nianbao_web::unmount(&inner));
    host.remove();
}

#[wasm_bindgen_test]
fn english_start() {
    let (host, inner) = shadow_div();
    mount(
        &inner,
        serde_json::json!({ "lang": "en", "mode": "widget" }),
    );
    assert_eq!(
        attr(&inner, "lang", "aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(inner.get_attribute("data-lang").as_deref(), Some("en"));
    paste_and_check(&inner, SEED);
    assert!(
        text(&inner, "verdict").starts_with("Result: warnings"),
        "{}",
        text(&inner, "verdict")
    );
    // 表三 group headings in English, in Chinese after the switch
    let group = |scope: &Element| {
        scope
            .query_selector("#t3 th.group")
            .unwrap()
            .expect("a 表三 group heading")
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(group(&inner), "III. Outcomes this year");
    // the switch goes back to Chinese
    click(&q(&inner, "lang"));
    assert!(text(&inner, "verdict").starts_with("校验结果：有警告"));
    assert_eq!(group(&inner), "三、本年度办理结果");
    nianbao_web::unmount(&inner);
    host.remove();
}

#[wasm_bindgen_test]
fn compact_layout_text_prefill_and_panels() {
    let (host, inner) = shadow_div();
    let bad = fixture(R1_C1);
    let results = Results::on(&host);
    mount(
        &inner,
        serde_json::json!({ "compact": true, "mode": "widget", "text": bad }),
    );
    let root = inner.first_element_child().unwrap();
    assert_eq!(root.get_attribute("data-compact").as_deref(), Some("true"));
    assert!(root.class_name().split(' ').any(|c| c == "compact"));
    let input: HtmlTextAreaElement = q(&inner, "input").dyn_into().unwrap();
    assert_eq!(input.value(), bad);
    // prefilled, not checked
    assert_eq!(text(&inner, "result"), "");
    assert_eq!(results.count(), 0);

    click(&q(&inner, "check"));
    assert_eq!(results.count(), 1);
    let result = q(&inner, "result");
    // the verdict and the findings come before the (closed) table panels
    let order: Vec<String> = {
        let all = result
            .query_selector_all("#verdict, #findings, details.panel")
            .unwrap();
        (0..all.length())
            .filter_map(|i| all.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .map(|e| e.get_attribute("data-panel").unwrap_or_else(|| e.id()))
            .collect()
    };
    assert_eq!(order, ["verdict", "findings", "t2", "t3", "t4"]);
    let t3_panel = result
        .query_selector("details.panel[data-panel=\"t3\"]")
        .unwrap()
        .unwrap();
    assert!(!t3_panel.has_attribute("open"));
    assert!(t3_panel.query_selector("#t3").unwrap().is_some());
    assert!(t3_panel.query_selector("#identity").unwrap().is_some());
    // going to a finding opens the panel of its cell
    let goto = result
        .query_selector("#findings button.goto[data-cell=\"T3.R1.C1\"]")
        .unwrap()
        .unwrap();
    click(&goto);
    assert!(t3_panel.has_attribute("open"));
    nianbao_web::unmount(&inner);
    host.remove();
}

#[wasm_bindgen_test]
fn recovered_notice_and_kept_text() {
    let (host, inner) = shadow_div();
    mount(
        &inner,
        serde_json::json!({ "mode": "widget", "text": "半截报告", "recovered": true }),
    );
    let input: HtmlTextAreaElement = q(&inner, "input").dyn_into().unwrap();
    assert_eq!(input.value(), "半截报告");
    assert_eq!(
        attr(&inner, "message", "data-kind").as_deref(),
        Some("recovered")
    );
    let ps = q(&inner, "message").query_selector_all("p").unwrap();
    assert_eq!(ps.length(), 2);
    let zh = ps.item(0).unwrap().text_content().unwrap();
    let en = ps.item(1).unwrap().text_content().unwrap();
    assert!(zh.contains("重新启动") && zh.contains("保留"), "{zh}");
    assert!(
        en.contains("restarted") && en.contains("check again"),
        "{en}"
    );
    nianbao_web::unmount(&inner);
    host.remove();
}

/// A cancelable, bubbling `drop` on the body (no files): the page prevents it (a drop must
/// never navigate away); a widget does not listen there.
fn body_drop_prevented() -> bool {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e = web_sys::Event::new_with_event_init_dict("drop", &init).unwrap();
    doc().body().unwrap().dispatch_event(&e).unwrap();
    e.default_prevented()
}

#[wasm_bindgen_test]
fn widget_leaves_window_drops_alone_and_remounts_replace_listeners() {
    assert!(!body_drop_prevented(), "nothing mounted yet");

    let (host, inner) = shadow_div();
    mount(&inner, serde_json::json!({ "mode": "widget" }));
    assert!(!body_drop_prevented(), "a widget does not listen on window");
    // a drop on the widget itself is its own
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e = web_sys::Event::new_with_event_init_dict("drop", &init).unwrap();
    q(&inner, "result").dispatch_event(&e).unwrap();
    assert!(e.default_prevented());
    nianbao_web::unmount(&inner);
    host.remove();

    // page mode listens on window; mounting again replaces the listeners, unmount removes them
    let app = light_div();
    let before = nianbao_web::page::mounted_count();
    nianbao_web::mount(&app, &JsValue::NULL).unwrap();
    assert!(body_drop_prevented());
    nianbao_web::mount(&app, &js(serde_json::json!({ "mode": "page" }))).unwrap();
    assert_eq!(nianbao_web::page::mounted_count(), before + 1);
    assert!(nianbao_web::unmount(&app));
    assert_eq!(nianbao_web::page::mounted_count(), before);
    assert!(!body_drop_prevented(), "no listener left behind");
    // and a page mount replaced by a widget mount leaves window too
    nianbao_web::mount(&app, &JsValue::NULL).unwrap();
    mount(&app, serde_json::json!({ "mode": "widget" }));
    assert!(!body_drop_prevented());
    assert!(!nianbao_web::unmount(&doc().create_element("div").unwrap()));
    nianbao_web::unmount(&app);
    app.remove();
}

/// The English part of the `Error` thrown by `mount`, after checking that its message is Chinese
/// first (`中文 / English`).
fn mount_error(element: &JsValue, options: JsValue) -> String {
    let e = nianbao_web::mount(element, &options).expect_err("mount should throw");
    let e: js_sys::Error = e.dyn_into().expect("an Error object");
    let msg = String::from(e.message());
    let (zh, en) = msg.split_once(" / ").expect("Chinese / English");
    assert!(
        zh.starts_with(|c: char| ('\u{3000}'..='\u{9fff}').contains(&c)),
        "Chinese first: {msg}"
    );
    en.to_string()
}

#[wasm_bindgen_test]
fn bad_mount_options_are_clear_errors() {
    nianbao_web::keep_instance_on_panic();
    let el: JsValue = doc().create_element("div").unwrap().into();
    let cases = [
        (
            serde_json::json!({ "modes": "widget" }),
            "unknown option \"modes\"",
        ),
        (
            serde_json::json!({ "mode": "embedded" }),
            "unknown mode \"embedded\"",
        ),
        (serde_json::json!({ "lang": "fr" }), "unknown lang \"fr\""),
        (
            serde_json::json!({ "compact": "yes" }),
            "bad options (invalid type: string \"yes\", expected a boolean)",
        ),
        (serde_json::json!({ "text": 5 }), "bad options"),
        (serde_json::json!({ "recovered": 1 }), "bad options"),
    ];
    for (options, expected) in cases {
        let msg = mount_error(&el, js(options.clone()));
        assert!(
            msg.starts_with("mount:") && msg.contains(expected),
            "{options}: {msg}"
        );
        assert!(msg.contains("mode"), "the usage is given: {msg}");
    }
    for options in [JsValue::from_str("widget"), js_sys::Array::new().into()] {
        let msg = mount_error(&el, options);
        assert!(msg.contains("bad options"), "{msg}");
    }
    let msg = mount_error(&JsValue::from_str("#app"), JsValue::UNDEFINED);
    assert!(msg.contains("bad element"), "{msg}");
    // nothing was mounted by the failed calls
    assert!(el
        .dyn_ref::<Element>()
        .unwrap()
        .first_element_child()
        .is_none());
}

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// A DataTransfer holding `files` (name, content).
fn transfer(files: &[(&str, &str)]) -> web_sys::DataTransfer {
    let dt = web_sys::DataTransfer::new().unwrap();
    for (name, content) in files {
        let parts = js_sys::Array::of1(&JsValue::from_str(content));
        let f = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
        dt.items().add_with_file(&f).unwrap();
    }
    dt
}

/// Gives `files` to the file input `#id` as if chosen in the picker.
fn set_input_files(scope: &Element, id: &str, files: &[(&str, &str)]) {
    let dt = transfer(files);
    let input: web_sys::HtmlInputElement = q(scope, id).dyn_into().unwrap();
    input.set_files(dt.files().as_ref());
    input
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("change", &{
                let i = web_sys::EventInit::new();
                i.set_bubbles(true);
                i
            })
            .unwrap(),
        )
        .unwrap();
}

/// Waits until `selector` matches inside `scope`.
async fn wait_for(scope: &Element, selector: &str) -> Element {
    for _ in 0..300 {
        if let Ok(Some(e)) = scope.query_selector(selector) {
            return e;
        }
        sleep(10).await;
    }
    panic!("{selector} did not appear");
}

/// Waits until the text of `#id` contains `needle`; returns it.
async fn wait_text(scope: &Element, id: &str, needle: &str) -> String {
    for _ in 0..300 {
        let t = text(scope, id);
        if t.contains(needle) {
            return t;
        }
        sleep(10).await;
    }
    panic!("#{id} never said {needle:?}: {}", text(scope, id));
}

/// Gives `files` (name, content) to the mount's file input as if chosen in the picker, and
/// waits until the list is read.
async fn choose_files(scope: &Element, files: &[(&str, &str)]) {
    let dt = transfer(files);
    let input: web_sys::HtmlInputElement = q(scope, "file").dyn_into().unwrap();
    input.set_files(dt.files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_for(scope, "#files[data-state=\"done\"]").await;
}

#[wasm_bindgen_test]
async fn files_give_one_event_each_and_one_per_file_shown() {
    let (host, inner) = shadow_div();
    let results = Results::on(&host);
    mount(&inner, serde_json::json!({ "mode": "widget" }));
    choose_files(&inner, &[("seed.txt", SEED), ("bad.txt", fixture(R1_C1))]).await;
    let seen = results.seen.borrow().clone();
    let files: Vec<_> = seen
        .iter()
        .map(|d| (d["file"].clone(), d["verdict"].clone(), d["errors"].clone()))
        .collect();
    assert_eq!(
        files,
        [
            ("seed.txt".into(), "warn".into(), 0.into()),
            ("bad.txt".into(), "fail".into(), 2.into())
        ]
    );
    // the report of a file is check()'s for its bytes: `file`, `kind` and the `text`
    assert_eq!(seen[1]["report"]["file"], "bad.txt");
    assert_eq!(seen[1]["report"]["kind"], "text");
    assert_eq!(seen[1]["report"]["text"], fixture(R1_C1));
    // the first file is shown; choosing the second shows it and tells the host
    assert_eq!(
        attr(&inner, "verdict", "data-verdict").as_deref(),
        Some("warn")
    );
    let second = inner
        .query_selector("#file-list li[data-name=\"bad.txt\"] button")
        .unwrap()
        .unwrap();
    click(&second);
    assert_eq!(
        attr(&inner, "verdict", "data-verdict").as_deref(),
        Some("fail")
    );
    assert_eq!(
        second.get_attribute("aria-current").as_deref(),
        Some("true")
    );
    assert_eq!(results.count(), 3);
    assert_eq!(results.last()["file"], "bad.txt");
    nianbao_web::unmount(&inner);
    host.remove();
}

/// The panic hook's steps after the log, without a panic (a real one would abort the test
/// runner): every mount shows the crash message (Chinese first) in its result area and
/// keeps its text, every listener is gone (also window's), and `nianbao-crash` reaches
/// window — where the loader reads each mount's text and mounts again with `recovered`.
#[wasm_bindgen_test]
fn after_panic_shows_the_message_drops_listeners_and_tells_the_loader() {
    let app = light_div();
    nianbao_web::mount(&app, &JsValue::UNDEFINED).unwrap();
    let (host, inner) = shadow_div();
    mount(&inner, serde_json::json!({ "mode": "widget" }));
    paste_and_check(&inner, SEED);
    let input: HtmlTextAreaElement = q(&app, "input").dyn_into().unwrap();
    input.set_value("本年度报告正文");
    assert!(body_drop_prevented());

    // what the loader does: on nianbao-crash, read the text of each mount
    let texts = Rc::new(RefCell::new(Vec::new()));
    let t = texts.clone();
    let (a, i) = (app.clone(), inner.clone());
    let _crash =
        gloo::events::EventListener::new(&gloo::utils::window(), "nianbao-crash", move |_| {
            for c in [&a, &i] {
                let box_: HtmlTextAreaElement = q(c, "input").dyn_into().unwrap();
                t.borrow_mut()
                    .push((c.get_attribute("data-state"), box_.value()));
            }
        });

    assert!(nianbao_web::after_panic(false));

    assert_eq!(
        *texts.borrow(),
        [
            (Some("crashed".to_string()), "本年度报告正文".to_string()),
            (Some("crashed".to_string()), SEED.to_string())
        ]
    );
    for c in [&app, &inner] {
        assert_eq!(attr(c, "message", "data-kind").as_deref(), Some("crash"));
        let ps = q(c, "message").query_selector_all("p").unwrap();
        let zh = ps.item(0).unwrap().text_content().unwrap();
        let en = ps.item(1).unwrap().text_content().unwrap();
        assert!(zh.contains("内部出错") && zh.contains("重新启动"), "{zh}");
        assert!(en.contains("restarting"), "{en}");
    }
    // no listener is left: not on window, not in the widget
    assert_eq!(nianbao_web::page::mounted_count(), 0);
    assert!(!body_drop_prevented());
    let before = text(&inner, "result");
    click(&q(&inner, "check"));
    assert_eq!(
        text(&inner, "result"),
        before,
        "the dead mount does not react"
    );

    // the loader's remount: the text is kept and the notice shown
    let kept = texts.borrow()[1].1.clone();
    mount(
        &inner,
        serde_json::json!({ "mode": "widget", "text": kept, "recovered": true }),
    );
    assert_eq!(
        attr(&inner, "message", "data-kind").as_deref(),
        Some("recovered")
    );
    paste_and_check(&inner, SEED);
    assert_eq!(
        attr(&inner, "verdict", "data-verdict").as_deref(),
        Some("warn")
    );
    nianbao_web::unmount(&inner);
    host.remove();
    app.remove();
}

/// Last year's report of the seed's body (2023) that carried 2 cases (自然人) into 2024 and
/// agrees on the documents in force: paired with the seed, one CARRYOVER-MISMATCH error.
fn last_year() -> String {
    SEED.replace("2024", "2023")
        .replace("行政规范性文件\t2\t6\t15", "行政规范性文件\t3\t1\t19")
        .replacen(
            "四、结转下年度继续办理\t\t0",
            "四、结转下年度继续办理\t\t2",
            1,
        )
}

fn rules_of(d: &Value) -> Vec<String> {
    d["report"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn a_batch_pairs_each_report_with_its_previous_year() {
    let (host, inner) = shadow_div();
    let results = Results::on(&host);
    mount(&inner, serde_json::json!({ "mode": "widget" }));
    let last = last_year();
    // newest first: 2024 is read and shown, then paired when 2023 arrives
    choose_files(&inner, &[("2024.txt", SEED), ("2023.txt", &last)]).await;
    let seen = results.seen.borrow().clone();
    let summary: Vec<_> = seen
        .iter()
        .map(|d| (d["file"].as_str().unwrap().to_string(), d["last"].clone()))
        .collect();
    assert_eq!(
        summary,
        [
            ("2024.txt".to_string(), Value::Null),
            ("2023.txt".to_string(), Value::Null),
            ("2024.txt".to_string(), "2023.txt".into())
        ]
    );
    let d = &seen[2];
    assert_eq!(
        (&d["verdict"], &d["errors"]),
        (&"fail".into(), &1.into()),
        "{d:#}"
    );
    assert!(
        rules_of(d).contains(&"CARRYOVER-MISMATCH".to_string()),
        "{d:#}"
    );
    assert_eq!(d["report"]["verdict"], "fail");
    // the shown result: paired, the line names the file, the finding is listed and the cell marked
    assert_eq!(
        attr(&inner, "verdict", "data-verdict").as_deref(),
        Some("fail")
    );
    assert_eq!(
        attr(&inner, "pair-line", "data-file").as_deref(),
        Some("2023.txt")
    );
    assert_eq!(
        attr(&inner, "pair-line", "data-auto").as_deref(),
        Some("true")
    );
    assert!(text(&inner, "pair-line").starts_with("已与上一年度报告对比：2023.txt"));
    assert!(inner
        .query_selector("#findings li[data-rule=\"CARRYOVER-MISMATCH\"][data-severity=\"error\"]")
        .unwrap()
        .is_some());
    let td = inner
        .query_selector("#t3 td[data-key=\"T3.R2.C1\"]")
        .unwrap()
        .unwrap();
    assert_eq!(td.get_attribute("data-mark").as_deref(), Some("suspect"));
    // the list shows the new verdict
    let li = inner
        .query_selector("#file-list li[data-name=\"2024.txt\"]")
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            li.get_attribute("data-verdict").as_deref(),
            li.get_attribute("data-errors").as_deref()
        ),
        (Some("fail"), Some("1"))
    );

    // oldest first: 2024 is paired as soon as it is read
    results.seen.borrow_mut().clear();
    choose_files(&inner, &[("2023.txt", &last), ("2024.txt", SEED)]).await;
    let seen = results.seen.borrow().clone();
    assert_eq!(seen.len(), 2, "{seen:#?}");
    assert_eq!(
        (&seen[1]["file"], &seen[1]["last"]),
        (&"2024.txt".into(), &"2023.txt".into())
    );
    // another body's report is not paired
    results.seen.borrow_mut().clear();
    let other = last.replace("洛阳市科学技术局", "洛阳市教育局");
    choose_files(&inner, &[("2024.txt", SEED), ("other.txt", &other)]).await;
    assert!(results.seen.borrow().iter().all(|d| d["last"].is_null()));
    assert_eq!(
        attr(&inner, "pair", "data-paired").as_deref(),
        Some("false")
    );
    nianbao_web::unmount(&inner);
    host.remove();
}

#[wasm_bindgen_test]
async fn compare_with_last_years_report_chosen_by_the_user() {
    let (host, inner) = shadow_div();
    let results = Results::on(&host);
    mount(&inner, serde_json::json!({ "mode": "widget" }));
    paste_and_check(&inner, SEED);
    assert_eq!(text(&inner, "pair-pick"), "与上年报告对比…");
    assert_eq!(attr(&inner, "pair-file", "type").as_deref(), Some("file"));
    assert!(q(&inner, "pair-status").has_attribute("hidden"));

    // another body: refused with a message, Chinese first
    let other = last_year().replace("洛阳市科学技术局", "洛阳市教育局");
    set_input_files(&inner, "pair-file", &[("other.txt", &other)]);
    let st = wait_for(&inner, "#pair-status[data-state=\"error\"]").await;
    let ps = st.query_selector_all("p").unwrap();
    let zh = ps.item(0).unwrap().text_content().unwrap();
    let en = ps.item(1).unwrap().text_content().unwrap();
    assert!(
        zh.contains("洛阳市教育局") && zh.contains("同一机关"),
        "{zh}"
    );
    assert!(en.contains("same body"), "{en}");
    assert_eq!(
        attr(&inner, "verdict", "data-verdict").as_deref(),
        Some("warn")
    );
    // not the previous year
    set_input_files(&inner, "pair-file", &[("2024-copy.txt", SEED)]);
    let zh = wait_text(&inner, "pair-status", "无法对比：所选文件“2024-copy.txt”").await;
    assert!(zh.contains("不是上一年度（2023 年度）"), "{zh}");
    // unreadable
    set_input_files(&inner, "pair-file", &[("empty.txt", "")]);
    let zh = wait_text(&inner, "pair-status", "无法对比：所选文件“empty.txt”").await;
    assert!(
        zh.starts_with("无法对比：所选文件“empty.txt”无法读取"),
        "{zh}"
    );
    assert_eq!(results.count(), 1, "no new result for refused pairings");

    // last year's report: the result is shown again with the cross-year finding
    set_input_files(&inner, "pair-file", &[("2023.txt", &last_year())]);
    wait_for(&inner, "#pair-line").await;
    assert_eq!(
        attr(&inner, "verdict", "data-verdict").as_deref(),
        Some("fail")
    );
    assert_eq!(
        attr(&inner, "pair-line", "data-auto").as_deref(),
        Some("false")
    );
    let d = results.last();
    assert_eq!(
        (&d["verdict"], &d["errors"], &d["last"]),
        (&"fail".into(), &1.into(), &"2023.txt".into())
    );
    assert!(rules_of(&d).contains(&"CARRYOVER-MISMATCH".to_string()));
    assert!(
        d["report"].get("text").is_none(),
        "like check(string): {d:#}"
    );
    // checking the box again keeps the pairing
    paste_and_check(&inner, SEED);
    assert_eq!(attr(&inner, "pair", "data-paired").as_deref(), Some("true"));
    assert_eq!(results.last()["last"], "2023.txt");
    // in English too
    click(&q(&inner, "lang"));
    assert_eq!(text(&inner, "pair-remove"), "Remove the comparison");
    click(&q(&inner, "lang"));
    // removed: back to the report's own result
    click(&q(&inner, "pair-remove"));
    assert_eq!(
        attr(&inner, "verdict", "data-verdict").as_deref(),
        Some("warn")
    );
    assert_eq!(
        attr(&inner, "pair", "data-paired").as_deref(),
        Some("false")
    );
    let d = results.last();
    assert_eq!((&d["verdict"], &d["last"]), (&"warn".into(), &Value::Null));
    paste_and_check(&inner, SEED);
    assert_eq!(
        attr(&inner, "verdict", "data-verdict").as_deref(),
        Some("warn")
    );

    // a file of the list, by a drop on the control
    choose_files(&inner, &[("2024.txt", SEED), ("bad.txt", fixture(R1_C1))]).await;
    let zone = q(&inner, "pair-pick");
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    init.set_data_transfer(Some(&transfer(&[("2023.txt", &last_year())])));
    let drop = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    zone.dispatch_event(&drop).unwrap();
    assert!(drop.default_prevented());
    wait_for(&inner, "#pair-line").await;
    assert_eq!(results.last()["file"], "2024.txt");
    assert_eq!(results.last()["last"], "2023.txt");
    // the list was not replaced by the dropped file
    assert_eq!(
        inner.query_selector_all("#file-list li").unwrap().length(),
        2
    );
    let li = inner
        .query_selector("#file-list li[data-name=\"2024.txt\"]")
        .unwrap()
        .unwrap();
    assert_eq!(li.get_attribute("data-verdict").as_deref(), Some("fail"));
    nianbao_web::unmount(&inner);
    host.remove();
}

#[wasm_bindgen_test]
fn own_terms_in_the_box_find_their_slips() {
    let app = light_div();
    nianbao_web::mount(&app, &JsValue::UNDEFINED).unwrap();
    let results = Results::on(&app);
    // closed by default, an empty box, an export button
    assert!(!q(&app, "terms").has_attribute("open"));
    let terms: HtmlTextAreaElement = q(&app, "terms-input").dyn_into().unwrap();
    assert_eq!(terms.value(), "");
    assert_eq!(text(&app, "terms-export"), "导出用语");
    let report = SEED.replacen("市科技局认真贯彻落实", "市科技局在洋和新区认真贯彻落实", 1);
    let typos = || -> Vec<String> {
        results.last()["report"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "TEXT-TYPO")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    paste_and_check(&app, &report);
    assert_eq!(typos().len(), 1, "the seed's 等反面 only: {:?}", typos());
    terms.set_value("洋河新区\n# 注释\n");
    paste_and_check(&app, &report);
    let found = typos();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().any(|m| m.contains("应为“洋河新区”")),
        "{found:?}"
    );
    nianbao_web::unmount(&app);
    app.remove();
}
