//! Pairing a result with last year's report of the same body: the core decides which pairs
//! are possible and adds the cross-year findings; the page keeps which report a result is
//! paired with and says so.

use std::rc::Rc;

use nianbao_core::{Checked, ReadStatus};

use super::{from_checked_rc, CheckedRef, FileEntry, PageView};

/// Whether two agency names name the same body: the core's decision ([`nianbao_core::same_body`]),
/// shared with the CLI's `--last`.
pub use nianbao_core::same_body;

/// Last year's report, chosen by the user or found in the same batch of files.
#[derive(Clone, Debug, PartialEq)]
pub struct LastReport {
    /// Its file name.
    pub name: String,
    /// As read (its own findings do not matter: only its cells are compared).
    pub checked: CheckedRef,
    /// Found automatically among the files read together.
    pub auto: bool,
}

/// How a result is paired with last year's report (shown above the findings, `#pair-line`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pairing {
    /// The file name of last year's report.
    pub file: String,
    pub year: Option<u32>,
    /// Paired automatically among the files read together.
    pub auto: bool,
    /// The body could not be compared: one of the reports has no recognised agency.
    pub agency_unchecked: bool,
    /// How many findings the cross-year checks added.
    pub added: usize,
}

impl Pairing {
    /// `(zh, en)`: which report this result is compared with.
    pub fn lines(&self) -> (String, String) {
        let (zh_year, en_year) = match self.year {
            Some(y) => (format!("（{y} 年度）"), format!(" ({y})")),
            None => (String::new(), String::new()),
        };
        let mut zh = format!(
            "已与上一年度报告对比：{}{zh_year}。跨年度核对（上年结转、现行有效件数）发现 {} 项问题，列在“发现的问题”中。",
            self.file, self.added
        );
        let mut en = format!(
            "Compared with last year's report: {}{en_year}. The cross-year checks (carry-over, documents in force) found {} problem(s), listed under Findings.",
            self.file, self.added
        );
        if self.auto {
            zh.push_str("（在同时读取的文件中自动配对）");
            en.push_str(" (Paired automatically among the files read together.)");
        }
        if self.agency_unchecked {
            zh.push_str("注意：未能识别其中一份报告的机关名称，请确认两份报告属于同一机关。");
            en.push_str(" Note: the body of one of the reports was not recognised; make sure both are by the same body.");
        }
        (zh, en)
    }
}

/// Why `last` (file `last_name`) cannot be paired with `this` as last year's report of the
/// same body: `(zh, en)`, Chinese first. `None` when it can. The core decides
/// ([`nianbao_core::pair_problem`]), so the CLI's `--last` refuses the same pairs in the same words.
pub fn pair_problem(this: &Checked, last: &Checked, last_name: &str) -> Option<(String, String)> {
    nianbao_core::pair_problem(&this.analysis.report, &last.analysis.report, last_name)
}

/// `this` checked against last year's report: a copy of `this` with the cross-year findings
/// (`nianbao_core::check_pair`: CARRYOVER-MISMATCH, VALID-COUNT-CONTINUITY), and its view,
/// whose [`super::ReportView::pair`] says which report it was paired with. `Err((zh, en))` from
/// [`pair_problem`].
pub fn paired(
    this: &Checked,
    last: &LastReport,
) -> Result<(Rc<Checked>, PageView), (String, String)> {
    let l = &last.checked.0;
    if let Some(p) = pair_problem(this, l, &last.name) {
        return Err(p);
    }
    let mut c = this.clone();
    let added = nianbao_core::check_pair(&mut c.analysis, &l.analysis);
    let c = Rc::new(c);
    let mut v = from_checked_rc(&c);
    if let PageView::Report(r) = &mut v {
        r.pair = Some(Pairing {
            file: last.name.clone(),
            year: l.analysis.report.year,
            auto: last.auto,
            agency_unchecked: this.analysis.report.agency.is_none()
                || l.analysis.report.agency.is_none(),
            added,
        });
    }
    Ok((c, v))
}

/// Automatic pairing in a batch of files, when file `k` has just been read: the earlier
/// file that is `k`'s previous-year report of the same body (the first one), and the earlier
/// unpaired files whose previous-year report `k` is. Only readable reports whose agency and
/// year were both recognised are paired automatically ([`nianbao_core::auto_partners`]).
pub fn auto_partners(entries: &[FileEntry], k: usize) -> (Option<usize>, Vec<usize>) {
    let reports: Vec<_> = entries
        .iter()
        .map(|e| e.checked.as_ref().map(|c| &c.0.analysis.report))
        .collect();
    let (mine, mut theirs) = nianbao_core::auto_partners(&reports, k);
    theirs.retain(|&j| entries.get(j).is_some_and(|e| e.last.is_none()));
    (mine, theirs)
}

impl FileEntry {
    /// This file as last year's report of another (`None` when it is not a readable report).
    pub fn as_last(&self, auto: bool) -> Option<LastReport> {
        let c = self.checked.as_ref()?;
        (c.0.analysis.report.status == ReadStatus::Ok).then(|| LastReport {
            name: self.name.clone(),
            checked: c.clone(),
            auto,
        })
    }

    /// Checks this file against last year's report: the cross-year findings join its own
    /// (view, verdict). `Err((zh, en))` when `last` is not last year's report of the same
    /// body; the entry is then unchanged.
    pub fn pair(&mut self, last: LastReport) -> Result<(), (String, String)> {
        let Some(this) = &self.checked else {
            return Err(nianbao_core::not_comparable());
        };
        let (_, view) = paired(&this.0, &last)?;
        self.verdict = view.verdict();
        self.view = Rc::new(view);
        self.last = Some(last);
        Ok(())
    }

    /// Back to the file's own result.
    pub fn unpair(&mut self) {
        if self.last.take().is_some() {
            if let Some(c) = &self.checked {
                self.view = Rc::new(from_checked_rc(&c.0));
                self.verdict = self.view.verdict();
            }
        }
    }
}

/// Pairs file `k`, just read, with the files of its batch: with its previous-year report
/// of the same body, and as the previous-year report of earlier unpaired files. Returns the
/// earlier files whose result changed.
pub fn auto_pair(entries: &mut [FileEntry], k: usize) -> Vec<usize> {
    let (mine, theirs) = auto_partners(entries, k);
    if let Some(last) = mine.and_then(|j| entries[j].as_last(true)) {
        let _ = entries[k].pair(last);
    }
    let Some(this_as_last) = entries[k].as_last(true) else {
        return Vec::new();
    };
    theirs
        .into_iter()
        .filter(|&j| entries[j].pair(this_as_last.clone()).is_ok())
        .collect()
}
