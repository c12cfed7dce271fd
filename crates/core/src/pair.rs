//! Cross-year checks: a report against last year's report of the same body.

use crate::finding::{Finding, Outcome, Param};
use crate::format;
use crate::model::Report;
use crate::rules::ids;
use crate::Analysis;

/// Checks `this` against `last` (last year's report of the same body) and appends the
/// findings to `this`. Returns how many findings were added.
pub fn check_pair(this: &mut Analysis, last: &Analysis) -> usize {
    let before = this.findings.len();
    let (r, l) = (&this.report, &last.report);
    let mut out = Vec::new();
    let why = match (r.year, l.year) {
        (Some(y), Some(ly)) if ly + 1 != y => Some((
            format!(
                "配对的报告是{ly}年度的，不是{}年度（上一年度）的",
                y.saturating_sub(1)
            ),
            format!(
                "the paired report is for {ly}, not for {}",
                y.saturating_sub(1)
            ),
        )),
        (None, _) | (_, None) => Some((
            "至少一份报告的年度没有识别出来".to_string(),
            "the year of at least one report was not recognised".to_string(),
        )),
        _ => None,
    };
    if let Some((zh, en)) = why {
        let mut f = Finding::new(ids::CARRYOVER_MISMATCH, Outcome::NotAssessable);
        f.severity = crate::Severity::Warning;
        f.params.push(Param::two("why", zh, en));
        out.push(f);
        this.findings.extend(out);
        return this.findings.len() - before;
    }
    let last_year = l.year.unwrap_or(0).to_string();
    let num = |rep: &Report, k: &str| rep.value(k).and_then(|v| v.number());
    for c in format::T3_COLS {
        let this_key = format::key("T3", "R2", c.key);
        let last_key = format::key("T3", "R4", c.key);
        if let (Some(now), Some(then)) = (num(r, &this_key), num(l, &last_key)) {
            if !now.same_value(then) {
                let mut f = Finding::new(ids::CARRYOVER_MISMATCH, Outcome::Fail);
                f.params.push(Param::two("col", c.label_zh, c.label_en));
                f.params.push(Param::same("last_year", last_year.clone()));
                f.params.push(Param::same("expected", then.to_string()));
                f.params.push(Param::same("actual", now.to_string()));
                f.expected = Some(then);
                f.actual = Some(now);
                f.cells = vec![this_key.clone()];
                f.suspect = vec![this_key];
                out.push(f);
            }
        }
    }
    for (row, zh, en) in [
        ("reg", "规章", "rules"),
        ("norm", "行政规范性文件", "normative documents"),
    ] {
        let k = |col: &str| format::key("T2", row, col);
        let (Some(last_valid), Some(made), Some(repealed), Some(valid)) = (
            num(l, &k("valid")),
            num(r, &k("made")),
            num(r, &k("repealed")),
            num(r, &k("valid")),
        ) else {
            continue;
        };
        let Some(expected) = last_valid
            .checked_add(made)
            .and_then(|x| x.checked_sub(repealed))
        else {
            continue;
        };
        if !expected.same_value(valid) {
            let mut f = Finding::new(ids::VALID_COUNT_CONTINUITY, Outcome::Fail);
            f.params.push(Param::two("row", zh, en));
            for (name, v) in [
                ("last", last_valid),
                ("made", made),
                ("repealed", repealed),
                ("expected", expected),
                ("actual", valid),
            ] {
                f.params.push(Param::same(name, v.to_string()));
            }
            f.expected = Some(expected);
            f.actual = Some(valid);
            f.cells = vec![k("made"), k("repealed"), k("valid")];
            out.push(f);
        }
    }
    this.findings.extend(out);
    this.findings.len() - before
}
