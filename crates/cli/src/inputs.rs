//! What to check: the command line's `FILE | DIR | -` arguments expanded into a list of
//! inputs (folders walked recursively, in file-name order), and one input read and checked.
//!
//! Files named on the command line are always read; in a folder, hidden files, Word's lock
//! files, kinds of file that are never reports (images, archives, data …) and files that turn
//! out to be binary are skipped, each with a note, never silently.

use nianbao_core::input::{InputError, MAX_INPUT_BYTES};
use nianbao_core::{Checked, Lang, ReadStatus};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One input, in the order results are written.
pub struct Input {
    /// How it is named in the output: the path as given (or as found in a folder), `<stdin>`.
    pub name: String,
    pub source: Source,
}

pub enum Source {
    /// A file; `walked`: found in a folder (then it may be skipped as binary).
    File { path: PathBuf, walked: bool },
    /// Standard input, read once (a second `-` gets the same bytes).
    Stdin(Arc<Result<Vec<u8>, InputError>>),
    /// Found in a folder and not read: why (Chinese, English).
    Skip(Note),
    /// Found in a folder but could not be listed or opened (permission, broken link, loop).
    Fail(InputError),
}

/// Why a file of a folder was skipped.
#[derive(Clone, Debug)]
pub struct Note {
    pub zh: String,
    pub en: String,
}

impl Note {
    pub fn pick(&self, lang: Lang) -> &str {
        if lang == Lang::Zh {
            &self.zh
        } else {
            &self.en
        }
    }
}

impl Input {
    /// The file's path (`None` for stdin).
    pub fn path(&self) -> Option<&Path> {
        match &self.source {
            Source::File { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// What became of one input.
pub enum Loaded {
    Checked(Box<Checked>),
    /// It could not be read at all (missing, no permission, too large, empty …).
    Failed(InputError),
    Skipped(Note),
}

impl Loaded {
    /// Whether it counts as an input that could not be read (exit code 2).
    pub fn unreadable(&self) -> bool {
        match self {
            Loaded::Checked(c) => c.analysis.report.status != ReadStatus::Ok,
            Loaded::Failed(_) => true,
            Loaded::Skipped(_) => false,
        }
    }
}

pub fn display_name(path: &str) -> &str {
    if path == "-" {
        "<stdin>"
    } else {
        path
    }
}

fn input_error(zh: impl Into<String>, en: impl Into<String>) -> InputError {
    InputError {
        zh: zh.into(),
        en: en.into(),
    }
}

/// Kinds of file that are never a report, by extension (lower case), skipped in folders.
const NOT_REPORTS: &[&str] = &[
    // pictures, sound, video
    "png", "jpg", "jpeg", "gif", "bmp", "webp", "svg", "ico", "tif", "tiff", "heic", "psd", "mp3",
    "wav", "ogg", "flac", "m4a", "mp4", "mov", "avi", "mkv", "wmv", "webm",
    // archives, programs, fonts, disk images
    "zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "zst", "tar", "jar", "exe", "dll", "so", "dylib",
    "o", "a", "lib", "class", "pyc", "wasm", "iso", "dmg", "img", "msi", "deb", "rpm", "apk",
    "ttf", "otf", "woff", "woff2", "eot",
    // data, spreadsheets, slides, code, databases
    "json", "xml", "yaml", "yml", "toml", "csv", "tsv", "xls", "xlsx", "et", "ppt", "pptx", "dps",
    "js", "mjs", "css", "map", "py", "rs", "sh", "bat", "ps1", "db", "sqlite", "lnk",
];

fn skip(zh: String, en: String) -> Source {
    Source::Skip(Note { zh, en })
}

/// Reads an I/O error as a message for users.
fn io_message(e: &std::io::Error) -> InputError {
    match e.kind() {
        std::io::ErrorKind::NotFound => input_error(
            "找不到这个文件：请检查路径和文件名。",
            "No such file: check the path and the file name.",
        ),
        std::io::ErrorKind::PermissionDenied => input_error(
            "没有读取这个文件的权限。",
            "Permission denied: this file cannot be read.",
        ),
        _ => input_error(
            format!("读取文件时出错：{e}"),
            format!("Error reading the file: {e}"),
        ),
    }
}

/// Standard input's bytes, at most [`MAX_INPUT_BYTES`] + 1.
pub fn read_stdin() -> Result<Vec<u8>, InputError> {
    let mut buf = Vec::new();
    match std::io::stdin()
        .lock()
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut buf)
    {
        Ok(_) => Ok(buf),
        Err(e) => Err(input_error(
            format!("读取标准输入时出错：{e}"),
            format!("Error reading standard input: {e}"),
        )),
    }
}

/// The inputs named by the command line, folders expanded in place.
pub fn expand(args: &[String]) -> Vec<Input> {
    let mut out = Vec::new();
    let mut stdin: Option<Arc<Result<Vec<u8>, InputError>>> = None;
    for a in args {
        if a == "-" {
            let bytes = stdin.get_or_insert_with(|| Arc::new(read_stdin())).clone();
            out.push(Input {
                name: "<stdin>".into(),
                source: Source::Stdin(bytes),
            });
            continue;
        }
        let path = PathBuf::from(a);
        if std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            walk(&path, &mut out);
        } else {
            // A missing file, a device …: reading it says what is wrong.
            out.push(Input {
                name: a.clone(),
                source: Source::File {
                    path,
                    walked: false,
                },
            });
        }
    }
    out
}

/// Every file under `dir`, depth first, each folder's entries sorted by name.
fn walk(dir: &Path, out: &mut Vec<Input>) {
    let mut it = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let name = e
                    .path()
                    .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                let err = if e.loop_ancestor().is_some() {
                    input_error(
                        "文件夹中的链接指回上级文件夹（循环），未读取。",
                        "A link in the folder points back to a folder above it (a loop); not read.",
                    )
                } else if let Some(io) = e.io_error() {
                    io_message(io)
                } else {
                    input_error(
                        format!("读取文件夹时出错：{e}"),
                        format!("Error reading the folder: {e}"),
                    )
                };
                out.push(Input {
                    name,
                    source: Source::Fail(err),
                });
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let name = entry.path().display().to_string();
        let file_name = entry.file_name().to_string_lossy();
        let is_dir = entry.file_type().is_dir();
        if file_name.starts_with('.') {
            let source = if is_dir {
                it.skip_current_dir();
                skip(
                    format!("跳过隐藏文件夹：{name}"),
                    format!("skipped a hidden folder: {name}"),
                )
            } else {
                skip(
                    format!("跳过隐藏文件：{name}"),
                    format!("skipped a hidden file: {name}"),
                )
            };
            out.push(Input { name, source });
            continue;
        }
        if is_dir {
            continue;
        }
        let source = if !entry.file_type().is_file() {
            skip(
                format!("跳过 {name}：不是普通文件"),
                format!("skipped {name}: not a regular file"),
            )
        } else if file_name.starts_with("~$") {
            skip(
                format!("跳过 Word/WPS 临时文件：{name}"),
                format!("skipped a Word/WPS lock file: {name}"),
            )
        } else {
            let ext = entry
                .path()
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            match ext {
                Some(ext) if NOT_REPORTS.contains(&ext.as_str()) => skip(
                    format!("跳过 {name}：.{ext} 文件不是报告（报告应为 .docx、.pdf、.html 或 .txt）"),
                    format!("skipped {name}: a .{ext} file is not a report (reports are .docx, .pdf, .html or .txt)"),
                ),
                _ => Source::File {
                    path: entry.path().to_path_buf(),
                    walked: true,
                },
            }
        };
        out.push(Input { name, source });
    }
}

/// A file's bytes, at most [`MAX_INPUT_BYTES`] + 1; or why it cannot be read.
pub fn read_file(path: &Path) -> Result<Vec<u8>, InputError> {
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err(input_error(
            "这是一个文件夹，不是文件：请给出报告文件的路径（可以一次给出多个文件）。",
            "This is a folder, not a file: give the paths of the report files (several may be given).",
        ));
    }
    if meta.is_file() && meta.len() > MAX_INPUT_BYTES as u64 {
        return Err(nianbao_core::input::too_large(meta.len()));
    }
    let mut buf = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut buf))
        .map_err(|e| io_message(&e))?;
    Ok(buf)
}

/// Binary data that is no document kind the core names (Word, PDF, zip): pictures,
/// programs, databases … A NUL byte in the first 4 KiB that is not UTF-16 text.
pub fn looks_binary(b: &[u8]) -> bool {
    const DOCS: [&[u8]; 6] = [
        b"PK\x03\x04",
        b"\xD0\xCF\x11\xE0",
        b"%PDF",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"\xFE\xFF",
    ];
    if DOCS.iter().any(|m| b.starts_with(m)) {
        return false;
    }
    let head = &b[..b.len().min(4096)];
    let nul = |skip: usize| {
        head.iter()
            .skip(skip)
            .step_by(2)
            .filter(|&&c| c == 0)
            .count()
    };
    let (even, odd) = (nul(0), nul(1));
    if even + odd == 0 {
        return false;
    }
    // UTF-16 without a byte-order mark: NULs in one of the two byte positions only.
    let half = head.len() / 2;
    let utf16ish = head.len() >= 4 && (even * 3 > half * 2 || odd * 3 > half * 2);
    !utf16ish
}

/// The bytes of an input, or why there are none.
pub fn bytes_of(input: &Input) -> Result<Arc<Vec<u8>>, Loaded> {
    match &input.source {
        Source::File { path, .. } => match read_file(path) {
            Ok(b) => Ok(Arc::new(b)),
            Err(e) => Err(Loaded::Failed(e)),
        },
        Source::Stdin(r) => match &**r {
            Ok(b) => Ok(Arc::new(b.clone())),
            Err(e) => Err(Loaded::Failed(e.clone())),
        },
        Source::Skip(n) => Err(Loaded::Skipped(n.clone())),
        Source::Fail(e) => Err(Loaded::Failed(e.clone())),
    }
}

/// Reads and checks one input, with the user's own terms (`--terms`) for the typo check.
pub fn load(input: &Input, terms: &nianbao_core::Terms) -> Loaded {
    let bytes = match bytes_of(input) {
        Ok(b) => b,
        Err(l) => return l,
    };
    if let Source::File { walked, .. } = &input.source {
        if bytes.is_empty() {
            return Loaded::Failed(nianbao_core::input::empty_file());
        }
        if *walked && looks_binary(&bytes) {
            return Loaded::Skipped(Note {
                zh: format!("跳过 {}：二进制文件，不是报告", input.name),
                en: format!("skipped {}: a binary file, not a report", input.name),
            });
        }
    }
    let mut checked = nianbao_core::check_bytes(&bytes, Some(&input.name));
    nianbao_core::apply_terms(&mut checked.analysis, &checked.text, terms);
    Loaded::Checked(Box::new(checked))
}

/// `--terms FILE`: the user's own terms, one a line (UTF-8, `#` comments), and how many
/// lines were no term. A file that cannot be read stops the run with a clear message.
pub fn read_terms(path: &str) -> Result<(nianbao_core::Terms, usize), (String, String)> {
    let bytes = std::fs::read(path).map_err(|e| {
        let (zh, en) = match e.kind() {
            std::io::ErrorKind::NotFound => ("文件不存在".to_string(), "no such file".to_string()),
            std::io::ErrorKind::PermissionDenied => {
                ("没有读取权限".to_string(), "permission denied".to_string())
            }
            _ => (e.to_string(), e.to_string()),
        };
        (
            format!("无法读取用语文件“{path}”：{zh}"),
            format!("Cannot read the terms file “{path}”: {en}"),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        (
            format!("用语文件“{path}”不是 UTF-8 文本：请另存为 UTF-8 编码，每行一个用语"),
            format!("The terms file “{path}” is not UTF-8 text: save it as UTF-8, one term a line"),
        )
    })?;
    Ok((
        nianbao_core::Terms::parse(&text),
        nianbao_core::Terms::skipped(&text),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_is_told_from_text_and_documents() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(looks_binary(&[1, 2, 0, 0, 0, 9, 200, 0, 7, 7, 7, 7]));
        assert!(!looks_binary("一、总体情况".as_bytes()));
        assert!(!looks_binary(b"PK\x03\x04\0\0\0\0"));
        assert!(!looks_binary(b"%PDF-1.7\n\0\0"));
        let utf16: Vec<u8> = "abc 表三 def"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(!looks_binary(&utf16));
    }
}
