//! `nianbao check`: the inputs checked in parallel (rayon), the results written in input
//! order whatever the parallelism, each one flushed and dropped before the next; a progress
//! bar on a terminal (indicatif, on stderr); the exit code.
//!
//! Memory is bounded: at most a window of `4 × jobs` results wait for an earlier slow file;
//! what stays for the whole run is the list of input paths and, for the text format, one
//! summary row per input.

use crate::args::{CheckArgs, ColorWhen, FailOn, Format};
use crate::inputs::{self, display_name, Input, Loaded, Source};
use crate::out::{self, Item, Paired, RunEnd};
use crate::Stop;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nianbao_core::{Lang, ReadStatus, Severity, Terms};
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;

/// One input done: what was read and checked, and what pairing added.
struct Done {
    loaded: Loaded,
    paired: Option<Paired>,
}

fn internal_error(detail: &str) -> Loaded {
    Loaded::Failed(nianbao_core::input::InputError {
        zh: format!("nianbao 内部错误，未能校验这个文件（{detail}）。请报告这个问题，并附上文件。"),
        en: format!("nianbao internal error: this file could not be checked ({detail}). Please report it, with the file."),
    })
}

/// Runs `work` on every input on `jobs` threads and hands the results to `emit` in input
/// order. `emit` returning an error stops the run (the work already started finishes).
fn ordered<T: Send>(
    inputs: &[Input],
    jobs: usize,
    work: impl Fn(usize, &Input) -> T + Sync,
    on_panic: impl Fn() -> T,
    mut emit: impl FnMut(usize, T) -> io::Result<()>,
) -> io::Result<()> {
    let n = inputs.len();
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(_) => {
            for (i, input) in inputs.iter().enumerate() {
                let r = catch_unwind(AssertUnwindSafe(|| work(i, input)))
                    .unwrap_or_else(|_| on_panic());
                emit(i, r)?;
            }
            return Ok(());
        }
    };
    let window = 4 * jobs + 4;
    let (tx, rx) = mpsc::channel::<(usize, Option<T>)>();
    let work = &work;
    pool.in_place_scope(|s| {
        let (mut spawned, mut emitted) = (0usize, 0usize);
        let mut pending: BTreeMap<usize, Option<T>> = BTreeMap::new();
        while emitted < n {
            while spawned < n && spawned < emitted + window {
                let (tx, i, input) = (tx.clone(), spawned, &inputs[spawned]);
                s.spawn(move |_| {
                    let r = catch_unwind(AssertUnwindSafe(|| work(i, input))).ok();
                    let _ = tx.send((i, r));
                });
                spawned += 1;
            }
            let Ok((i, r)) = rx.recv() else { break };
            pending.insert(i, r);
            while let Some(r) = pending.remove(&emitted) {
                emit(emitted, r.unwrap_or_else(&on_panic))?;
                emitted += 1;
            }
        }
        Ok(())
    })
}

/// Agency and year of a readable report, for `--pair-years`.
fn body_year(l: &Loaded) -> Option<(String, u32)> {
    match l {
        Loaded::Checked(c) if c.analysis.report.status == ReadStatus::Ok => {
            Some((c.analysis.report.agency.clone()?, c.analysis.report.year?))
        }
        _ => None,
    }
}

/// For each input, last year's report of the same body among the inputs (the first in input
/// order): the page's decision (`nianbao_core::same_body`, consecutive years).
fn partners(keys: &[Option<(String, u32)>]) -> Vec<Option<usize>> {
    let mut by_year: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some((_, y)) = k {
            by_year.entry(*y).or_default().push(i);
        }
    }
    keys.iter()
        .map(|k| {
            let (body, year) = k.as_ref()?;
            by_year
                .get(&year.checked_sub(1)?)?
                .iter()
                .copied()
                .find(|&j| {
                    keys[j]
                        .as_ref()
                        .is_some_and(|(b, _)| nianbao_core::same_body(b, body))
                })
        })
        .collect()
}

/// Checks `this` against last year's report `last` when they are such a pair; what it added.
fn pair(this: &mut Loaded, last: &Loaded, last_name: &str, auto: bool) -> Option<Paired> {
    let (Loaded::Checked(t), Loaded::Checked(l)) = (this, last) else {
        return None;
    };
    if nianbao_core::pair_problem(&t.analysis.report, &l.analysis.report, last_name).is_some() {
        return None;
    }
    let added = nianbao_core::check_pair(&mut t.analysis, &l.analysis);
    Some(Paired {
        file: last_name.to_string(),
        year: l.analysis.report.year,
        added,
        agency_unchecked: t.analysis.report.agency.is_none() || l.analysis.report.agency.is_none(),
        auto,
    })
}

/// `--last`: the one report, compared with last year's; refused (nothing written, exit 2)
/// unless it is the previous year's report of the same body — the page's decision and words
/// (`nianbao_core::pair_problem`).
fn with_last(input: &Input, last_path: &str, terms: &Terms) -> Result<Done, Stop> {
    let mut loaded = inputs::load(input, terms);
    let ok = matches!(&loaded, Loaded::Checked(c) if c.analysis.report.status == ReadStatus::Ok);
    if !ok {
        return Ok(Done {
            loaded,
            paired: None,
        });
    }
    let name = display_name(last_path);
    let last_input = Input {
        name: name.to_string(),
        source: if last_path == "-" {
            match &input.source {
                Source::Stdin(b) => Source::Stdin(b.clone()),
                _ => Source::Stdin(std::sync::Arc::new(inputs::read_stdin())),
            }
        } else {
            Source::File {
                path: last_path.into(),
                walked: false,
            }
        },
    };
    let last = match inputs::load(&last_input, terms) {
        Loaded::Checked(c) => Loaded::Checked(c),
        Loaded::Failed(e) => {
            return Err(Stop::Refused(
                format!("无法对比：所选文件“{name}”无法读取。{}", e.zh),
                format!(
                    "Cannot compare: the chosen file “{name}” could not be read. {}",
                    e.en
                ),
            ))
        }
        Loaded::Skipped(_) => unreachable!("a file named on the command line is never skipped"),
    };
    if let (Loaded::Checked(t), Loaded::Checked(l)) = (&loaded, &last) {
        if let Some((zh, en)) =
            nianbao_core::pair_problem(&t.analysis.report, &l.analysis.report, name)
        {
            return Err(Stop::Refused(zh, en));
        }
    }
    let paired = pair(&mut loaded, &last, name, false);
    Ok(Done { loaded, paired })
}

/// The exit code (format.md §10): 2 when an input could not be read, else 1 when a report
/// has a finding at the `--fail-on` level, else 0.
#[derive(Default)]
struct Tally {
    unreadable: bool,
    error: bool,
    warning: bool,
}

impl Tally {
    fn add(&mut self, l: &Loaded) {
        self.unreadable |= l.unreadable();
        if let Loaded::Checked(c) = l {
            let a = &c.analysis;
            self.error |= a.count(Severity::Error) > 0;
            self.warning |= a.count(Severity::Warning) > 0;
        }
    }

    fn code(&self, fail_on: FailOn) -> u8 {
        if self.unreadable {
            return 2;
        }
        let fail = match fail_on {
            FailOn::Error => self.error,
            FailOn::Warning => self.error || self.warning,
            FailOn::Never => false,
        };
        u8::from(fail)
    }
}

/// `--pair-years`' first pass: each report's agency and year (only they are kept), and each
/// input's partner, last year's report of the same body among the inputs.
fn first_pass(
    list: &[Input],
    jobs: usize,
    bar: &ProgressBar,
    lang: Lang,
    terms: &Terms,
) -> Vec<Option<usize>> {
    bar.set_message(if lang == Lang::Zh {
        "配对相邻年度…"
    } else {
        "pairing years…"
    });
    let mut keys = Vec::with_capacity(list.len());
    let _ = ordered(
        list,
        jobs,
        |_, i| body_year(&inputs::load(i, terms)),
        || None,
        |_, k| {
            keys.push(k);
            bar.inc(1);
            Ok(())
        },
    );
    bar.set_message("");
    partners(&keys)
}

/// The note on stderr that `name` was paired automatically (machine formats; the text
/// output says it in the report).
fn pairing_note(notes: &mut Vec<u8>, name: &str, p: &Paired, lang: Lang) -> io::Result<()> {
    if !p.auto {
        return Ok(());
    }
    if lang == Lang::Zh {
        writeln!(
            notes,
            "自动配对：{name} 已与上一年度报告 {} 核对（--pair-years）",
            p.file
        )
    } else {
        writeln!(
            notes,
            "paired: {name} checked against last year's report {} (--pair-years)",
            p.file
        )
    }
}

/// Standard output for `a`'s format (coloured text as `--color` says, machine formats as
/// written), buffered; and whether it is a terminal.
fn output(a: &CheckArgs) -> (io::BufWriter<Box<dyn Write>>, bool) {
    let stdout = io::stdout();
    let out_tty = stdout.is_terminal();
    let raw: Box<dyn Write> = if a.format == Format::Text {
        let choice = match a.color {
            ColorWhen::Auto => anstream::AutoStream::choice(&stdout),
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        };
        Box::new(anstream::AutoStream::new(stdout.lock(), choice))
    } else {
        // Machine formats: the bytes as written (no colour, nothing stripped).
        Box::new(stdout.lock())
    };
    (io::BufWriter::with_capacity(64 * 1024, raw), out_tty)
}

/// The progress bar on a terminal's stderr (hidden with `--quiet`, for one of the `inputs`,
/// or when stderr is not a terminal), for `steps` steps.
fn progress(a: &CheckArgs, inputs: usize, steps: usize) -> ProgressBar {
    if !a.quiet && inputs > 1 && io::stderr().is_terminal() {
        let b = ProgressBar::with_draw_target(Some(steps as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{bar:32} {pos}/{len} {wide_msg}") {
            b.set_style(style);
        }
        b
    } else {
        ProgressBar::hidden()
    }
}

/// The inputs of `check`, expanded, or why there is nothing to check (no input, `--last`
/// with more than one report, folders of skipped files only), with the user's own terms
/// (`--terms`).
fn admit(a: &CheckArgs) -> Result<(Vec<Input>, Terms), Stop> {
    if a.inputs.is_empty() {
        return Err(Stop::Usage(
            "check 需要至少一个报告文件（- 表示标准输入）".into(),
            "check needs at least one report file (- for stdin)".into(),
        ));
    }
    if a.last.is_some() && a.inputs.len() != 1 {
        return Err(Stop::Usage(
            "--last 只能与一个报告文件一起使用".into(),
            "--last goes with exactly one report file".into(),
        ));
    }
    let lang = a.lang;
    // --terms: read before anything else is (a file that cannot be read stops the run).
    let terms = match &a.terms {
        Some(path) => {
            let (terms, skipped) =
                inputs::read_terms(path).map_err(|(zh, en)| Stop::Refused(zh, en))?;
            if skipped > 0 {
                let _ = writeln!(
                    io::stderr().lock(),
                    "{}",
                    if lang == Lang::Zh {
                        format!("用语文件“{path}”中有 {skipped} 行不是中文用语（2 至 8 个汉字），已忽略")
                    } else {
                        format!("{skipped} line(s) of the terms file “{path}” are no Chinese term (2 to 8 characters) and were left out")
                    }
                );
            }
            terms
        }
        None => Terms::default(),
    };
    let list = inputs::expand(&a.inputs);
    let readable = list
        .iter()
        .filter(|i| !matches!(i.source, Source::Skip(_)))
        .count();
    if a.last.is_some() && readable != 1 {
        return Err(Stop::Usage(
            "--last 只能与一个报告文件一起使用".into(),
            "--last goes with exactly one report file".into(),
        ));
    }
    if readable == 0 {
        let mut err = io::stderr().lock();
        for i in &list {
            if let Source::Skip(n) = &i.source {
                let _ = writeln!(err, "{}", n.pick(lang));
            }
        }
        return Err(Stop::Refused(
            "没有可校验的文件：给出的文件夹中只有被跳过的文件（见上方说明）或没有文件。".into(),
            "Nothing to check: the folders given hold only skipped files (see above) or no file at all.".into(),
        ));
    }
    Ok((list, terms))
}

pub fn check(a: &CheckArgs) -> Result<u8, Stop> {
    let lang = a.lang;
    let (list, terms) = admit(a)?;
    let terms = &terms;
    // --last: decided before anything is written (a refusal writes nothing on stdout).
    let mut last_done = None;
    if let Some(last) = &a.last {
        let i = list
            .iter()
            .position(|i| !matches!(i.source, Source::Skip(_)))
            .unwrap_or(0);
        last_done = Some((i, with_last(&list[i], last, terms)?));
    }

    let (mut out, out_tty) = output(a);
    let mut sink = out::sink(a.format, lang);
    let jobs = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let passes = if a.pair_years { 2 } else { 1 };
    let bar = progress(a, list.len(), list.len() * passes);

    // --pair-years: a first pass finds each report's agency and year (only they are kept).
    let partner = if a.pair_years {
        first_pass(&list, jobs, &bar, lang, terms)
    } else {
        vec![None; list.len()]
    };

    let mut tally = Tally::default();
    let result = sink.begin(&mut out).and_then(|_| out.flush());
    let mut emit = |i: usize, done: Done| -> io::Result<()> {
        let input = &list[i];
        let mut notes = Vec::new();
        if let Loaded::Skipped(n) = &done.loaded {
            writeln!(notes, "{}", n.pick(lang))?;
        }
        if let (Some(p), true) = (&done.paired, a.format != Format::Text) {
            pairing_note(&mut notes, &input.name, p, lang)?;
        }
        tally.add(&done.loaded);
        let item = Item {
            name: &input.name,
            path: input.path(),
            loaded: &done.loaded,
            paired: done.paired.as_ref(),
        };
        let mut write = || -> io::Result<()> {
            sink.item(&mut out, &mut notes, &item)?;
            out.flush()
        };
        if out_tty {
            bar.suspend(&mut write)?;
        } else {
            write()?;
        }
        if !notes.is_empty() {
            bar.suspend(|| io::stderr().lock().write_all(&notes))?;
        }
        bar.inc(1);
        Ok(())
    };
    let result = result.and_then(|_| match last_done.take() {
        Some((k, done)) => {
            let mut done = Some(done);
            for (i, input) in list.iter().enumerate() {
                let d = if i == k {
                    done.take().expect("once")
                } else {
                    Done {
                        loaded: inputs::load(input, terms),
                        paired: None,
                    }
                };
                emit(i, d)?;
            }
            Ok(())
        }
        None => {
            let work = |i: usize, input: &Input| {
                let mut loaded = inputs::load(input, terms);
                let paired = partner[i].and_then(|j| {
                    let last = inputs::load(&list[j], terms);
                    pair(&mut loaded, &last, &list[j].name, true)
                });
                Done { loaded, paired }
            };
            ordered(
                &list,
                jobs,
                work,
                || Done {
                    loaded: internal_error("panic"),
                    paired: None,
                },
                &mut emit,
            )
        }
    });
    bar.finish_and_clear();
    let code = tally.code(a.fail_on);
    let result = result.and_then(|_| {
        sink.finish(&mut out, &RunEnd { exit_code: code })?;
        out.flush()
    });
    match result {
        Ok(()) => Ok(code),
        // The reader went away (`nianbao check … | head`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(Stop::Refused(
            format!("写入输出时出错：{e}"),
            format!("Error writing the output: {e}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_are_last_years_report_of_the_same_body() {
        let k = |b: &str, y: u32| Some((b.to_string(), y));
        let keys = vec![
            k("洪泽区人民政府", 2023),
            k("淮安市洪泽区人民政府", 2024),
            k("淮安市人民政府", 2024),
            None,
            k("淮安市人民政府", 2022),
            k("洪泽区人民政府", 2025),
        ];
        assert_eq!(
            partners(&keys),
            vec![None, Some(0), None, None, None, Some(1)]
        );
    }

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        let list: Vec<Input> = (0..50)
            .map(|i| Input {
                name: i.to_string(),
                source: Source::Skip(inputs::Note {
                    zh: String::new(),
                    en: String::new(),
                }),
            })
            .collect();
        for jobs in [1, 2, 7] {
            let mut seen = Vec::new();
            ordered(
                &list,
                jobs,
                |_, input| {
                    let n: u64 = input.name.parse().unwrap();
                    // later inputs finish first
                    std::thread::sleep(std::time::Duration::from_micros(50 * (50 - n)));
                    n
                },
                || u64::MAX,
                |i, n| {
                    assert_eq!(i as u64, n);
                    seen.push(n);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, (0..50).collect::<Vec<_>>());
        }
    }
}
