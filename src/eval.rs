//! Corpus evaluation: per-category precision and recall, micro F1, and the false-positive rate on
//! lines that must pass. Used by `huisregels eval` and by the test suite's floors.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::{Category, Engine};

/// One labelled corpus line: `{"text": "...", "expect": ["insult"]}` or `["none"]`.
#[derive(Debug, Deserialize)]
pub struct Sample {
    /// The comment.
    pub text: String,
    /// Categories it breaks, or `["none"]`.
    pub expect: Vec<String>,
}

/// Counts for one category.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Expected and found.
    pub tp: usize,
    /// Found, not expected.
    pub fp: usize,
    /// Expected, not found.
    pub fn_: usize,
}

/// A line the engine got wrong.
#[derive(Debug, Clone)]
pub struct Miss {
    /// 1-based line number in the corpus.
    pub line: usize,
    /// The comment.
    pub text: String,
    /// Expected categories.
    pub expected: Vec<String>,
    /// Categories found, with the rule ids.
    pub found: Vec<String>,
}

/// The result of an evaluation.
#[derive(Debug, Default)]
pub struct Report {
    /// Per category.
    pub per_category: BTreeMap<String, Counts>,
    /// Number of `none` lines.
    pub none_lines: usize,
    /// `none` lines with any finding.
    pub none_flagged: usize,
    /// Every wrong line.
    pub misses: Vec<Miss>,
    /// Lines that could not be read, with the reason.
    pub errors: Vec<(usize, String)>,
    /// Lines evaluated.
    pub lines: usize,
}

impl Report {
    /// Micro-averaged F1 over all categories.
    #[must_use]
    pub fn micro_f1(&self) -> f64 {
        let (tp, fp, fn_) = self.per_category.values().fold((0, 0, 0), |a, c| (a.0 + c.tp, a.1 + c.fp, a.2 + c.fn_));
        f1(tp, fp, fn_)
    }

    /// Share of `none` lines that got a finding.
    #[must_use]
    pub fn none_fp_rate(&self) -> f64 {
        if self.none_lines == 0 {
            0.0
        } else {
            self.none_flagged as f64 / self.none_lines as f64
        }
    }

    /// The table printed by `huisregels eval`.
    #[must_use]
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{:<16} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}", "category", "tp", "fp", "fn", "precision", "recall", "f1");
        for (cat, c) in &self.per_category {
            let p = ratio(c.tp, c.tp + c.fp);
            let r = ratio(c.tp, c.tp + c.fn_);
            let _ = writeln!(s, "{cat:<16} {:>5} {:>5} {:>5} {p:>9.3} {r:>7.3} {:>6.3}", c.tp, c.fp, c.fn_, f1(c.tp, c.fp, c.fn_));
        }
        let _ = writeln!(s, "lines: {}  micro F1: {:.3}  false positives on must-pass lines: {}/{} ({:.1}%)",
            self.lines, self.micro_f1(), self.none_flagged, self.none_lines, 100.0 * self.none_fp_rate());
        s
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    if tp == 0 && fp == 0 && fn_ == 0 {
        return 1.0;
    }
    2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
}

/// Evaluates the engine on JSON lines; bad lines are reported, not fatal.
pub fn evaluate<I: IntoIterator<Item = String>>(engine: &Engine, lines: I) -> Report {
    let mut report = Report::default();
    for c in Category::ALL {
        report.per_category.insert(c.as_str().to_string(), Counts::default());
    }
    for (i, line) in lines.into_iter().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let sample: Sample = match serde_json::from_str(&line) {
            Ok(s) => s,
            Err(e) => {
                report.errors.push((n, format!("not a corpus line ({e})")));
                continue;
            }
        };
        if let Some(bad) = sample.expect.iter().find(|e| *e != "none" && Category::from_id(e).is_none()) {
            report.errors.push((n, format!("unknown category `{bad}`")));
            continue;
        }
        let verdict = match engine.check(&sample.text) {
            Ok(v) => v,
            Err(e) => {
                report.errors.push((n, e.to_string()));
                continue;
            }
        };
        report.lines += 1;
        let found: Vec<&str> = verdict.categories().into_iter().map(Category::as_str).collect();
        let expected: Vec<&str> = sample.expect.iter().map(String::as_str).filter(|e| *e != "none").collect();
        if expected.is_empty() {
            report.none_lines += 1;
            if !found.is_empty() {
                report.none_flagged += 1;
            }
        }
        for c in Category::ALL.map(Category::as_str) {
            let counts = report.per_category.entry(c.to_string()).or_default();
            match (expected.contains(&c), found.contains(&c)) {
                (true, true) => counts.tp += 1,
                (false, true) => counts.fp += 1,
                (true, false) => counts.fn_ += 1,
                (false, false) => {}
            }
        }
        let mut exp_sorted = expected.clone();
        exp_sorted.sort_unstable();
        let mut found_sorted = found.clone();
        found_sorted.sort_unstable();
        if exp_sorted != found_sorted {
            report.misses.push(Miss {
                line: n,
                text: sample.text.clone(),
                expected: if expected.is_empty() { vec!["none".into()] } else { expected.iter().map(ToString::to_string).collect() },
                found: verdict.findings.iter().map(|f| format!("{} «{}»", f.rule, f.excerpt)).collect(),
            });
        }
    }
    report
}
