//! Helpers shared by the CLI's integration tests: running the binary, the fixture inputs and
//! the real-report corpus.
#![allow(dead_code)] // each test file uses its own subset

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/corpus/raw` beside the repository (where CI has it), or `NIANBAO_CORPUS`.
pub fn corpus_dir() -> PathBuf {
    std::env::var_os("NIANBAO_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/corpus/raw"))
}

/// A corpus report's path; `None` when the corpus is not there (a developer clone). Under
/// `CI` a missing corpus fails the test.
pub fn corpus(name: &str) -> Option<PathBuf> {
    let p = corpus_dir().join(name);
    if p.is_file() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "corpus report {} not found",
        p.display()
    );
    eprintln!("corpus report {} not found: skipped", p.display());
    None
}

/// The report text of a fixture case (`tests/fixtures/cases/NAME`): what comes before its
/// `==== expect ====` block.
pub fn case_input(name: &str) -> String {
    let all = std::fs::read_to_string(repo().join("tests/fixtures/cases").join(name))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"));
    match all.split_once("==== expect ====") {
        Some((input, _)) => input.to_string(),
        None => all,
    }
}

/// Every fixture case's file name, sorted.
pub fn case_names() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(repo().join("tests/fixtures/cases"))
        .unwrap()
        .filter_map(|e| {
            let n = e.ok()?.file_name().to_string_lossy().to_string();
            n.ends_with(".txt").then_some(n)
        })
        .collect();
    v.sort();
    v
}

/// A fresh empty directory for one test (removed by [`TempDir`]'s drop).
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("nianbao-cli-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `nianbao ARGS` (in `cwd` when given), with `stdin` piped in.
pub fn run(args: &[&str], stdin: Option<&[u8]>, cwd: Option<&Path>) -> Output {
    run_env(args, stdin, cwd, &[])
}

/// [`run`] with environment variables set (the colour variables are removed otherwise).
pub fn run_env(
    args: &[&str],
    stdin: Option<&[u8]>,
    cwd: Option<&Path>,
    env: &[(&str, &str)],
) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    cmd.args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(d) = cwd {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().unwrap();
    if let Some(b) = stdin {
        // The binary may exit before reading everything (a refusal): a broken pipe is fine.
        let _ = child.stdin.take().unwrap().write_all(b);
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

pub fn nianbao(args: &[&str], stdin: Option<&[u8]>) -> Output {
    run(args, stdin, None)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}
