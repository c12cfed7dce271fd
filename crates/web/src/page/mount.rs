//! Mounting: the options, the registry of mounted containers (every listener of a mount is
//! kept there, never `forget`), [`mount`], [`unmount`], and what the panic hook does to every
//! mount ([`crash_all`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::Element;

use super::form::Form;
use super::{events, State, Ui};
use crate::dom::{Draw, Res};

/// Where drag and drop is listened for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The served page: files may be dropped anywhere on the window.
    #[default]
    Page,
    /// Embedded in a host page: only drops on the container; the host's own drops are left
    /// alone.
    Widget,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Page => "page",
            Mode::Widget => "widget",
        }
    }
}

/// How [`mount`] sets up the validator (JS: `mount(element, options)`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MountOptions {
    pub mode: Mode,
    /// Start with the result in English (as if the English switch were pressed).
    pub english: bool,
    /// The compact layout for embedding: short hints, a smaller text box, the tables behind
    /// `<details>`.
    pub compact: bool,
    /// Put into the text box (nothing is checked).
    pub text: Option<String>,
    /// Show the notice that the validator restarted itself after an internal error.
    pub recovered: bool,
}

/// Shown in the result area of a mount made with `recovered: true`.
pub const RECOVERED_ZH: &str =
    "校验程序内部出错，已自动重新启动，输入的内容已保留。请再点击一次“校验”（或重新选择文件）。";
pub const RECOVERED_EN: &str = "An internal error happened; the validator restarted itself and kept your input. Please check again.";

/// A mounted container: its listeners (all of them, also those on window) and its state.
struct Mounted {
    container: Element,
    ui: Rc<Ui>,
    /// Kept to be dropped: dropping an `EventListener` removes it.
    _listeners: Vec<EventListener>,
}

thread_local! {
    static MOUNTS: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
}

/// Builds the form (label, `#input`, `#check`, `#pick`/`#file`, `#files`, `#result`) in a
/// `<div class="nianbao">` inside `container`, replacing its content and any earlier mount
/// there, and wires paste, 校验 (and Ctrl+Enter), the file picker and drag and drop.
pub fn mount(container: &Element, opts: &MountOptions) -> Res<()> {
    detach(container);
    let doc = Draw::new(
        container
            .owner_document()
            .ok_or_else(|| JsValue::from_str("container has no document"))?,
    );
    container.set_text_content(None);
    let _ = container.remove_attribute("data-dragging");
    let form = Form::build(&doc, container, opts.mode, opts.compact)?;
    let ui = Rc::new(Ui {
        doc,
        container: container.clone(),
        form,
        compact: opts.compact,
        alive: Cell::new(true),
        state: RefCell::new(State::default()),
    });
    let listeners = events::wire(&ui, opts.mode);
    MOUNTS.with(|m| {
        m.borrow_mut().push(Mounted {
            container: container.clone(),
            ui: ui.clone(),
            _listeners: listeners,
        })
    });
    if let Some(text) = &opts.text {
        ui.form.input.set_value(text);
    }
    if opts.english {
        ui.set_lang(true);
    }
    if opts.recovered {
        crate::dom::notice(&ui.form.result, "recovered", RECOVERED_ZH, RECOVERED_EN)?;
    }
    container.set_attribute("data-state", "ready")?;
    Ok(())
}

/// Removes the registry entry of `container` (its listeners are dropped, i.e. removed, after
/// the registry is released). Returns whether there was one.
fn detach(container: &Element) -> bool {
    let gone: Vec<Mounted> = MOUNTS.with(|m| {
        let mut m = m.borrow_mut();
        let (gone, keep) = std::mem::take(&mut *m)
            .into_iter()
            .partition(|x| x.container == *container);
        *m = keep;
        gone
    });
    let any = !gone.is_empty();
    for g in &gone {
        g.ui.alive.set(false);
    }
    drop(gone);
    any
}

/// Stops the validator in `container`: removes its listeners (also those on window) and its
/// elements. Returns whether it was mounted.
pub fn unmount(container: &Element) -> bool {
    let was = detach(container);
    if was {
        if let Ok(Some(root)) = container.query_selector(":scope > .nianbao") {
            root.remove();
        }
        let _ = container.remove_attribute("data-state");
        let _ = container.remove_attribute("data-dragging");
    }
    was
}

/// How many containers are mounted (for tests).
pub fn mounted_count() -> usize {
    MOUNTS.with(|m| m.try_borrow().map(|m| m.len()).unwrap_or(0))
}

/// For the panic hook: shows the message `kind` (Chinese first, English second) in the
/// result area of every mounted container, then drops every registered listener. Never
/// panics: when the registry is borrowed (the panic happened while it was in use), it does
/// nothing and returns `false`.
pub fn crash_all(kind: &str, zh: &str, en: &str) -> bool {
    let taken = MOUNTS
        .try_with(|m| m.try_borrow_mut().ok().map(|mut m| std::mem::take(&mut *m)))
        .ok()
        .flatten();
    let Some(taken) = taken else {
        return false;
    };
    for m in &taken {
        m.ui.alive.set(false);
        let _ = crate::dom::notice(&m.ui.form.result, kind, zh, en);
        let _ = m.container.set_attribute("data-state", "crashed");
        let _ = m.container.remove_attribute("data-dragging");
        let _ = m.ui.form.drop_hint.set_attribute("hidden", "");
    }
    drop(taken);
    true
}
