//! Small PDFs built by hand for the PDF reader's tests: objects numbered from 1 (1 is the
//! catalog), a correct cross-reference table and trailer.
#![allow(dead_code)] // each test file uses its own subset

/// A PDF of the given objects with a cross-reference table and a trailer (`/Root 1 0 R` and
/// `trailer_extra`).
pub fn pdf(objects: &[String], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// An incremental update: `objects` (number, body) appended with a cross-reference section
/// whose `/Prev` is the file's last one.
pub fn update(mut file: Vec<u8>, objects: &[(usize, String)], size: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(&file).to_string();
    let at = text.rfind("startxref").expect("startxref");
    let prev: usize = text[at + 9..]
        .split_whitespace()
        .next()
        .and_then(|s| s.parse().ok())
        .expect("offset");
    let mut entries = Vec::new();
    for (n, body) in objects {
        entries.push((*n, file.len()));
        file.extend_from_slice(format!("{n} 0 obj\n{body}\nendobj\n").as_bytes());
    }
    let xref = file.len();
    file.extend_from_slice(b"xref\n");
    for (n, off) in entries {
        file.extend_from_slice(format!("{n} 1\n{off:010} 00000 n \n").as_bytes());
    }
    file.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root 1 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n")
            .as_bytes(),
    );
    file
}

pub fn stream(dict: &str, data: &str) -> String {
    format!(
        "<< {dict} /Length {} >>\nstream\n{data}\nendstream",
        data.len()
    )
}

/// One A4 page (object 3) whose content is object 4, with fonts `/F1` → object 5, `/F2` →
/// object 6 when given.
pub fn one_page(content: &str, fonts: &[String]) -> Vec<String> {
    let font_res: String = (0..fonts.len())
        .map(|i| format!("/F{} {} 0 R ", i + 1, 5 + i))
        .collect();
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << {font_res}>> >> /Contents 4 0 R >>"
        ),
        stream("", content),
    ];
    objs.extend(fonts.iter().cloned());
    objs
}
