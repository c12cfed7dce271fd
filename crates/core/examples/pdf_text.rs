//! Prints the document a PDF is read into (its readable text: paragraphs on lines, table
//! rows with tab-separated cells), for looking at what the PDF reader makes of a file:
//! `cargo run -p nianbao-core --features pdf --example pdf_text -- report.pdf`.

fn main() {
    for path in std::env::args().skip(1) {
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
