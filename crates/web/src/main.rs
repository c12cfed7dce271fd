//! The page's entry point: Trunk builds this bin (`www/index.html`, `data-bin="nianbao-app"`)
//! and wasm-bindgen runs `main` once the module is loaded.

fn main() {
    #[cfg(target_arch = "wasm32")]
    nianbao_web::start();
}
