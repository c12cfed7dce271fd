//! The page's wasm: Trunk builds this bin (`www/index.html`, `data-bin="nianbao-app"`) so that the
//! served page has a modern build of the library's exports (`mount`, `check`, `version`, ...).
//! `main` does nothing: the loader (`www/nianbao.js`) calls `mount` for the page and for every
//! `<nianbao-validator>` element, so an embedding host page is never taken over.

// Links the library, whose #[wasm_bindgen] exports are the module's API.
use nianbao_web as _;

fn main() {}
