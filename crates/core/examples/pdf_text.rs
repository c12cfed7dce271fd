//! Prints the document a PDF is read into (its readable text: paragraphs on lines, table
//! rows with tab-separated cells), for looking at what the PDF reader makes of a file:
//! `cargo run -p nianbao-core --features pdf --example pdf_text -- report.pdf`.

fn main() {
    let glyphs = std::env::var_os("GLYPHS").is_some();
    for path in std::env::args().skip(1) {
        if glyphs {
            // GLYPHS=1: every glyph with its box, page by page.
            let bytes = std::fs::read(&path).unwrap();
            for (i, p) in nianbao_core::readers::pdf::pages(&bytes)
                .unwrap()
                .iter()
                .enumerate()
            {
                println!(
                    "== page {} ({} x {}), {} rulings",
                    i + 1,
                    p.width,
                    p.height,
                    p.rules.len()
                );
                for g in &p.glyphs {
                    println!(
                        "{:?} x {:.1}-{:.1} y {:.1}-{:.1} size {:.1}{}",
                        g.text,
                        g.x0,
                        g.x1,
                        g.y0,
                        g.y1,
                        g.size,
                        if g.vertical { " vertical" } else { "" }
                    );
                }
            }
            continue;
        }
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        match nianbao_core::readers::read_bytes(&bytes) {
            Ok((kind, doc)) => {
                println!("== {path} ({kind:?}, {} blocks)", doc.blocks.len());
                print!("{}", doc.text);
            }
            Err(e) => println!("== {path}: {}", e.both()),
        }
    }
}
