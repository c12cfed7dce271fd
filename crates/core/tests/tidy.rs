//! Tidy checks on the core's source, in the manner of rust-analyzer's `tidy.rs`.
//!
//! The formats are the only home of format knowledge: no Chinese word appears in a string or
//! char literal of the extraction (`extract/`), the base cell module (`cell.rs`), the rules'
//! logic (`rules/mod.rs`, `structure.rs`, `cells.rs`, `arithmetic.rs`) or the localiser. Table
//! headers, labels, groups and markers are in `format/`; a provincial variant is a change
//! there. The wording of a rule is not looked at: its definition (a `const` of type `Rule` or
//! `&[Case]`) and the bodies of its `fn message` (and of `fn describe`); nor is
//! `rules/words.rs`, the phrasing the messages share.
//!
//! Comments and the `#[cfg(test)]` module at the end of a file are not looked at. A literal of
//! punctuation only (`、`, `。`, `（`) is no word. The few words allowed below are not format
//! knowledge, each with its file and its reason.
//!
//! The floors: the extraction uses only the floors below it, and only the top (`lib.rs`)
//! calls into it (`the_extraction_stands_on_its_floor`); the rules and the localiser read the
//! report, never the readers or the extraction, and the shared presentation (`present/`) reads
//! their results (`rules_and_the_localiser_stand_on_their_floors`).

use std::path::{Path, PathBuf};

/// The files and folders (ending in `/`, read recursively) checked, relative to
/// `crates/core/src`.
const CHECKED: &[&str] = &[
    "cell.rs",
    "extract/",
    "rules/mod.rs",
    "rules/structure.rs",
    "rules/cells.rs",
    "rules/arithmetic.rs",
    "localize/mod.rs",
];

/// Literals with Chinese words that may stay: the file, why, the literals.
const ALLOWED: &[(&str, &str, &[&str])] = &[
    (
        "cell.rs",
        "cell text, not format knowledge: the placeholders that stand for nothing to report",
        &["无", "不适用", "空", "暂无", "未统计"],
    ),
    (
        "extract/cell.rs",
        "cell text: the characters a value (a number, a placeholder) may start with",
        &["+-/\\\\—－–―─／无NnXx×*不空暂未"],
    ),
    (
        "extract/lines.rs",
        "cell text: the characters a row of whitespace-separated cells may end with (a value, \
         a placeholder, a total)",
        &["/／-—－–―─无用AaXx×*计"],
    ),
    (
        "extract/lines.rs",
        "page furniture inside tables (第 2 页)",
        &["第", "页"],
    ),
    (
        "extract/outline.rs",
        "the report's title, which is no table: the words that make a line the title, the \
         `标题:` line of saved pages, a year (2024年, 2024年度), where the body's name ends",
        &[
            "年度报告",
            "信息公开",
            "标题:",
            "年",
            "{y}年",
            "度",
            "政府信息公开",
        ],
    ),
    (
        "extract/concat/locate.rs",
        "cell text: the units a number may be written with",
        &["件元个条项次人%万", "万", "元"],
    ),
    (
        "extract/concat/locate.rs",
        "a year (2019年) in run-together text, which is no cell",
        &["年"],
    ),
    (
        "extract/concat/mod.rs",
        "a count in the report's own prose (698件), which is no table",
        &["件"],
    ),
];

/// What the extraction may use of the crate (`crate::…`): the base modules, the format data,
/// the model, and of the readers their document only.
const EXTRACTION_USES: &[&str] = &[
    "cell", "num", "text", "span", "omission", "lang", "readers", "format", "model", "extract",
];

/// What the extraction may use of the readers (`crate::readers::…`).
const EXTRACTION_USES_OF_READERS: &[&str] =
    &["Document", "Block", "Columns", "{Block, Columns, Document}"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The string and char literals of Rust source (up to its `#[cfg(test)]` module), with their
/// line numbers: comments skipped, escapes kept as written, lifetimes told from chars. The
/// wording of rules is skipped: the bodies of `fn message(` and `fn describe(`, and `const`
/// items of type `Rule` or `&[Case]`.
fn literals(source: &str) -> Vec<(usize, String)> {
    let code = source.split("#[cfg(test)]").next().unwrap_or("");
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let starts = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| at(i + k) == c);
    // Brace depth of the code, and the wording being skipped: `(depth, ends at ';')`.
    let mut depth = 0usize;
    let mut skip: Option<(usize, bool)> = None;
    let mut body_next = false;
    let out_push = |out: &mut Vec<(usize, String)>, skip: Option<(usize, bool)>, item| {
        if skip.is_none() {
            out.push(item);
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if starts(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if starts(i, "/*") {
            let mut depth = 0;
            loop {
                if starts(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if starts(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(at(i) == '\n');
                    i += 1;
                }
            }
        } else if (c == 'r' || starts(i, "br"))
            && !(i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'))
            && {
                let mut j = i + if c == 'r' { 1 } else { 2 };
                while at(j) == '#' {
                    j += 1;
                }
                at(j) == '"'
            }
        {
            // A raw string: r"…", r#"…"#, br"…".
            let mut j = i + if c == 'r' { 1 } else { 2 };
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            let start = j;
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while j < chars.len() && !starts(j, &close) {
                j += 1;
            }
            let s: String = chars[start..j].iter().collect();
            out_push(&mut out, skip, (line, s.clone()));
            line += s.matches('\n').count();
            i = j + close.chars().count();
        } else if c == '"' {
            let mut j = i + 1;
            let mut s = String::new();
            while j < chars.len() && chars[j] != '"' {
                if chars[j] == '\\' {
                    s.push(chars[j]);
                    j += 1;
                }
                s.push(at(j));
                j += 1;
            }
            line += s.matches('\n').count();
            out_push(&mut out, skip, (line, s));
            i = j + 1;
        } else if c == '\'' {
            // 'x' and '\n' are chars; 'a (a lifetime or a label) is not.
            if at(i + 1) == '\\' {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                out_push(&mut out, skip, (line, chars[i + 1..j].iter().collect()));
                i = j + 1;
            } else if at(i + 2) == '\'' {
                out_push(&mut out, skip, (line, at(i + 1).to_string()));
                i += 3;
            } else {
                i += 1;
            }
        } else {
            let word_start = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
            if skip.is_none() && word_start {
                if starts(i, "fn message(") || starts(i, "fn describe(") {
                    body_next = true;
                } else if starts(i, "const ") {
                    let head: String = chars[i..]
                        .iter()
                        .take_while(|&&c| c != '=' && c != '\n')
                        .collect();
                    if head.contains(": Rule") || head.contains(": &[Case]") {
                        skip = Some((depth, true));
                    }
                }
            }
            match c {
                '{' => {
                    if body_next && skip.is_none() {
                        skip = Some((depth, false));
                    }
                    body_next = false;
                    depth += 1;
                }
                '}' => {
                    depth = depth.saturating_sub(1);
                    if skip == Some((depth, false)) {
                        skip = None;
                    }
                }
                ';' if skip == Some((depth, true)) => skip = None,
                _ => {}
            }
            i += 1;
        }
    }
    out
}

/// A Chinese character that is part of a word (not punctuation).
fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

#[test]
fn no_format_words_outside_the_format_data() {
    let mut found = Vec::new();
    // Every allowed literal must still be there: (entry, literal) pairs seen.
    let mut used: Vec<(usize, &str)> = Vec::new();
    for file in CHECKED.iter().flat_map(|e| files(e)) {
        let path = src().join(&file);
        let source =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (line, lit) in literals(&source) {
            if !lit.chars().any(is_han) {
                continue;
            }
            let allowed = ALLOWED.iter().enumerate().find_map(|(i, (f, _, words))| {
                let w = words.iter().find(|w| **w == lit && *f == file)?;
                Some((i, *w))
            });
            match allowed {
                Some(u) => used.push(u),
                None => found.push(format!("crates/core/src/{file}:{line}: {lit:?}")),
            }
        }
    }
    assert!(
        found.is_empty(),
        "Chinese words in literals outside the format data (move them to crates/core/src/format/, \
         or, if they are not format knowledge, allow them in tests/tidy.rs with the reason):\n{}",
        found.join("\n")
    );
    let stale: Vec<String> = ALLOWED
        .iter()
        .enumerate()
        .flat_map(|(i, (f, _, words))| words.iter().map(move |w| (i, *f, *w)))
        .filter(|&(i, _, w)| !used.contains(&(i, w)))
        .map(|(_, f, w)| format!("{f}: {w:?}"))
        .collect();
    assert!(
        stale.is_empty(),
        "allowed literals no longer in their file (remove them from tests/tidy.rs):\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_literal_scanner_sees_strings_and_chars_only() {
    let src = "// 注释 \"表三\"\nlet a = \"表二\"; /* \"表四\" */ let b = '年'; fn f<'a>(x: &'a str) {}\n\
               let c = r#\"收到\"#; let d = '\\n';\n#[cfg(test)]\nlet e = \"测试\";";
    let lits: Vec<(usize, String)> = literals(src);
    assert_eq!(
        lits,
        [
            (2, "表二".to_string()),
            (2, "年".to_string()),
            (3, "收到".to_string()),
            (3, "\\n".to_string())
        ]
    );
    assert!(!"、。（".chars().any(is_han));
    // The wording of rules is skipped, and only it.
    let src = "const R: Rule = Rule { title: \"标题\", x: [1; 2] };\nconst N: &str = \"表二\";\n\
               fn message(&self) -> String { if a { \"表三\" } else { \"表四\" } }\n\
               fn other() { \"收到\" }\nconst C: &[Case] = &[Case { zh: \"其他\" }];";
    assert_eq!(
        literals(src),
        [(2, "表二".to_string()), (4, "收到".to_string())]
    );
}

/// The modules a file names as `crate::module` in its code (before its tests).
fn crate_modules(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or("");
    let mut found = Vec::new();
    for line in code.lines() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        for (at, _) in line.match_indices("crate::") {
            let rest = &line[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

/// The `.rs` files of `entry` (a file, or a folder ending in `/`; `/` is the whole source),
/// relative to `crates/core/src`, sorted.
fn files(entry: &str) -> Vec<String> {
    let Some(dir) = entry.strip_suffix('/') else {
        return vec![entry.to_string()];
    };
    let mut out: Vec<String> = rust_files(&src().join(dir))
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(src()).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

/// The paths a file names after `crate::` in its code (before its tests), up to the end of
/// the path (`model::Report`, `readers::{Block, Document}`).
fn crate_paths(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or("");
    let mut found = Vec::new();
    for line in code.lines() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        for (at, _) in line.match_indices("crate::") {
            let rest = &line[at + "crate::".len()..];
            let mut depth = 0;
            let end = rest
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' if depth > 0 => depth -= 1,
                        _ => {}
                    }
                    depth == 0 && !(c.is_alphanumeric() || matches!(c, '_' | ':' | '}'))
                })
                .map_or(rest.len(), |(i, _)| i);
            found.push(rest[..end].to_string());
        }
    }
    found
}

#[test]
fn the_extraction_stands_on_its_floor() {
    let mut found = Vec::new();
    for file in files("extract/") {
        let source = std::fs::read_to_string(src().join(&file)).unwrap();
        for path in crate_paths(&source) {
            let (module, rest) = path.split_once("::").unwrap_or((&path, ""));
            let ok = EXTRACTION_USES.contains(&module)
                && (module != "readers" || EXTRACTION_USES_OF_READERS.contains(&rest));
            if !ok {
                found.push(format!("crates/core/src/{file}: crate::{path}"));
            }
        }
    }
    // Only the top calls into the extraction.
    for file in files("/") {
        if file == "lib.rs" || file.starts_with("extract/") {
            continue;
        }
        let source = std::fs::read_to_string(src().join(&file)).unwrap();
        if crate_modules(&source).iter().any(|m| m == "extract") {
            found.push(format!(
                "crates/core/src/{file}: crate::extract (only lib.rs calls it)"
            ));
        }
    }
    assert!(
        found.is_empty(),
        "the extraction uses the base modules, the readers' Document, the format data and the \
         model only (never the rules, findings or the localiser), and only lib.rs calls it:\n{}",
        found.join("\n")
    );
    assert_eq!(
        crate_paths("use crate::readers::{Block, Document};\nlet x = crate::text::fold(s);"),
        ["readers::{Block, Document}", "text::fold"]
    );
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn rules_and_the_localiser_stand_on_their_floors() {
    // The base modules, the format data and the report model; the localiser also the rules.
    let floors: [(&str, &[&str]); 3] = [
        (
            "rules",
            &[
                "num", "text", "span", "omission", "bytes", "lang", "format", "model", "rules",
            ],
        ),
        (
            "localize",
            &[
                "num", "text", "span", "omission", "lang", "format", "model", "rules", "localize",
            ],
        ),
        // The shared presentation: the words around the rules' results, for both shells.
        (
            "present",
            &[
                "num", "text", "span", "omission", "lang", "format", "model", "rules", "present",
            ],
        ),
    ];
    let mut found = Vec::new();
    for (dir, allowed) in floors {
        let files = rust_files(&src().join(dir));
        assert!(!files.is_empty(), "{dir}/ has no files");
        for path in files {
            let source = std::fs::read_to_string(&path).unwrap();
            for module in crate_modules(&source) {
                if !allowed.contains(&module.as_str()) {
                    found.push(format!("{}: crate::{module}", path.display()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the rules read the report (base, format, model), never the readers or the report \
         builder; the localiser and the presentation read the rules' results:\n{}",
        found.join("\n")
    );
    assert_eq!(
        crate_modules("use crate::model::Report;\n// crate::read\nlet x = crate::text::fold(s);"),
        ["model", "text"]
    );
}

/// The longest a file in `crates/*/src` may be, in lines (the brief's ~800).
const MAX_FILE_LINES: usize = 800;
/// The longest a function may be, in lines from its `fn` to its closing brace (the brief's
/// ~120).
const MAX_FN_LINES: usize = 120;

/// `source` with every comment, string and char literal blanked (line breaks kept), so that
/// braces can be counted.
fn blank_literals(source: &str) -> Vec<char> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = chars.clone();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let starts = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| at(i + k) == c);
    let blank = |out: &mut Vec<char>, from: usize, to: usize| {
        for c in out.iter_mut().take(to.min(chars.len())).skip(from) {
            if *c != '\n' {
                *c = ' ';
            }
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if starts(i, "//") {
            let start = i;
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            blank(&mut out, start, i);
        } else if starts(i, "/*") {
            let (start, mut depth) = (i, 0);
            while i < chars.len() {
                if starts(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if starts(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            blank(&mut out, start, i);
        } else if !ident_before && (c == 'r' || starts(i, "br")) && {
            let mut j = i + if c == 'r' { 1 } else { 2 };
            while at(j) == '#' {
                j += 1;
            }
            at(j) == '"'
        } {
            let start = i;
            let mut j = i + if c == 'r' { 1 } else { 2 };
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while j < chars.len() && !starts(j, &close) {
                j += 1;
            }
            i = j + close.chars().count();
            blank(&mut out, start, i);
        } else if c == '"' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            blank(&mut out, start, i);
        } else if c == '\'' {
            // 'x' and '\n' are chars; 'a (a lifetime or a label) is not.
            if at(i + 1) == '\\' {
                let start = i;
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
                blank(&mut out, start, i);
            } else if at(i + 2) == '\'' {
                blank(&mut out, i, i + 3);
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Every function of `source` with a body: `(line of its fn, name, lines from fn to the
/// closing brace)`.
fn function_lengths(source: &str) -> Vec<(usize, String, usize)> {
    let code = blank_literals(source);
    let line_of = |i: usize| code[..i].iter().filter(|&&c| c == '\n').count() + 1;
    let mut out = Vec::new();
    for i in 0..code.len() {
        let word_start = i == 0 || !(code[i - 1].is_alphanumeric() || code[i - 1] == '_');
        if !(word_start && code[i..].starts_with(&['f', 'n', ' '])) {
            continue;
        }
        let name: String = code[i + 3..]
            .iter()
            .take_while(|c| c.is_alphanumeric() || **c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        // The body: the first `{` before any `;` (a declaration without a body has none).
        let Some(open) = (i..code.len()).find(|&j| code[j] == '{' || code[j] == ';') else {
            continue;
        };
        if code[open] == ';' {
            continue;
        }
        let mut depth = 0;
        let close = (open..code.len()).find(|&j| {
            match code[j] {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            depth == 0
        });
        if let Some(close) = close {
            out.push((line_of(i), name, line_of(close) - line_of(i) + 1));
        }
    }
    out
}

/// Every `.rs` file under `crates/*/src` of the workspace, relative to the workspace.
fn workspace_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for krate in std::fs::read_dir(root.join("crates")).unwrap() {
        let src = krate.unwrap().path().join("src");
        if !src.is_dir() {
            continue;
        }
        for path in rust_files(&src) {
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn no_file_and_no_function_is_too_long() {
    let mut found = Vec::new();
    let sources = workspace_sources();
    assert!(
        sources.len() > 50,
        "only {} source files found",
        sources.len()
    );
    for (file, source) in &sources {
        let lines = source.lines().count();
        if lines > MAX_FILE_LINES {
            found.push(format!("{file}: {lines} lines (at most {MAX_FILE_LINES})"));
        }
        for (line, name, n) in function_lengths(source) {
            if n > MAX_FN_LINES {
                found.push(format!(
                    "{file}:{line}: fn {name} is {n} lines (at most {MAX_FN_LINES})"
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "split these (a file by what its parts do, a function into named steps):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_length_scanner_counts_bodies_not_literals() {
    let src =
        "fn a() {\n    let s = \"}}}\";\n    let c = '}';\n    // }\n}\ntrait T { fn b(&self); }\n\
               fn c<'a>(x: &'a str) -> &'a str {\n    /* { */ x\n}\n";
    assert_eq!(
        function_lengths(src),
        [(1, "a".to_string(), 5), (7, "c".to_string(), 3)]
    );
}
