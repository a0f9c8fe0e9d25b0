//! Phrase patterns, compiled on first use and run only when one of their trigger words occurs.
//!
//! A pack holds a few hundred patterns; compiling them all would make building the engine slow
//! (the extension and the help page build it at start-up) and running them all on every comment
//! would make checking slow. So each pattern is parsed once at build time (syntax errors are
//! reported then, with the rule and file), the literals that every match must start or end with
//! are extracted from it, and one Aho-Corasick automaton over all those literals tells, per
//! comment, which patterns can match at all. Only those are compiled (once, then cached) and run.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind};

/// Size limit for one compiled pattern, so a user pack cannot blow up memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// Rewrites the Perl classes as ASCII ones: `\b` → `(?-u:\b)`, `\w` → `[0-9A-Za-z_]`, `\d`, `\s`
/// and their negations likewise. Patterns run on the folded plain view, where words are ASCII.
/// This keeps the fast lazy DFA working on text with emoji (a Unicode word boundary makes it give
/// up) and leaves Unicode class tables out of the WebAssembly module.
pub fn ascii_classes(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + 32);
    let mut chars = src.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(n) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let (outside, inside) = match n {
                    'b' => ("(?-u:\\b)", None),
                    'B' => ("(?-u:\\B)", None),
                    'w' => ("[0-9A-Za-z_]", Some("0-9A-Za-z_")),
                    'd' => ("[0-9]", Some("0-9")),
                    's' => ("[\\t\\n\\x0B\\x0C\\r ]", Some("\\t\\n\\x0B\\x0C\\r ")),
                    'W' => ("[^0-9A-Za-z_]", None),
                    'D' => ("[^0-9]", None),
                    'S' => ("[^\\t\\n\\x0B\\x0C\\r ]", None),
                    _ => {
                        out.push('\\');
                        out.push(n);
                        continue;
                    }
                };
                match (in_class, inside) {
                    (false, _) => out.push_str(outside),
                    (true, Some(i)) => out.push_str(i),
                    // A negated class inside a class (`[^\W]`) is rare; keep it as written.
                    (true, None) => {
                        out.push('\\');
                        out.push(n);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A `]` right after `[` or `[^` is a literal.
                let rest = chars.as_str();
                if let Some(r) = rest.strip_prefix('^') {
                    out.push('^');
                    chars = r.chars();
                }
                if chars.as_str().starts_with(']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A regex that is parsed now and compiled on first use.
#[derive(Debug)]
pub struct LazyRegex {
    src: String,
    re: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// Parses `src`; the error says what is wrong with it.
    pub fn new(src: String) -> Result<(LazyRegex, Hir), String> {
        let src = ascii_classes(&src);
        let hir = regex_syntax::ParserBuilder::new()
            .nest_limit(100)
            .build()
            .parse(&src)
            .map_err(|e| e.to_string().lines().last().unwrap_or("invalid regex").trim().to_string())?;
        Ok((LazyRegex { src, re: OnceLock::new() }, hir))
    }

    /// A regex from the embedded default pack, whose syntax the test suite checks: not parsed now.
    pub fn trusted(src: &str) -> LazyRegex {
        LazyRegex { src: ascii_classes(src), re: OnceLock::new() }
    }

    /// The compiled regex; `None` only if it exceeds the size limit.
    pub fn get(&self) -> Option<&Regex> {
        self.re.get_or_init(|| RegexBuilder::new(&self.src).size_limit(REGEX_SIZE_LIMIT).build().ok()).as_ref()
    }

    /// The regex as compiled.
    pub fn source(&self) -> &str {
        &self.src
    }

    /// True when it matches; false when it cannot be compiled.
    pub fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|r| r.is_match(text))
    }
}

/// A set of literals of which every match of a regex contains at least one: its trigger words.
type Triggers = Vec<Vec<u8>>;

fn extract(hir: &Hir, prefix: bool) -> Option<Triggers> {
    let kind = if prefix { ExtractKind::Prefix } else { ExtractKind::Suffix };
    let seq: Seq = Extractor::new().kind(kind).limit_total(600).extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    let mut out: Triggers = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// How selective a trigger set is: longer shortest literal first, then fewer literals.
fn score(set: &Triggers) -> i64 {
    let min = set.iter().map(|l| l.iter().filter(|b| b.is_ascii_alphanumeric()).count()).min().unwrap_or(0);
    (min.min(6) as i64) * 10_000 - set.len() as i64
}

/// The most selective trigger set of `hir`: from its start, its end, or any part that every match
/// must contain (each required element of a concatenation), recursively.
fn best_triggers(hir: &Hir, depth: usize) -> Option<Triggers> {
    let mut candidates: Vec<Triggers> = [extract(hir, true), extract(hir, false)].into_iter().flatten().collect();
    // Good enough (every trigger has four or more letters): no need to look inside.
    if candidates.iter().any(|c| score(c) >= 40_000) {
        return candidates.into_iter().max_by_key(score);
    }
    if depth < 4 {
        match hir.kind() {
            HirKind::Concat(subs) => {
                for sub in subs {
                    if sub.properties().minimum_len().unwrap_or(0) > 0 {
                        candidates.extend(best_triggers(sub, depth + 1));
                    }
                }
            }
            HirKind::Capture(c) => candidates.extend(best_triggers(&c.sub, depth + 1)),
            HirKind::Alternation(branches) => {
                let mut union = Vec::new();
                let mut complete = true;
                for b in branches {
                    match best_triggers(b, depth + 1) {
                        Some(t) => union.extend(t),
                        None => {
                            complete = false;
                            break;
                        }
                    }
                }
                if complete {
                    union.sort();
                    union.dedup();
                    candidates.push(union);
                }
            }
            _ => {}
        }
    }
    candidates.into_iter().max_by_key(score)
}

fn triggers(hir: &Hir) -> Option<Triggers> {
    best_triggers(hir, 0)
}

/// All phrase patterns of an engine with their triggers.
#[derive(Debug, Default)]
pub struct PatternSet {
    /// `(rule index, regex)` per pattern.
    pub patterns: Vec<(usize, LazyRegex)>,
    literal_to_patterns: Vec<Vec<u32>>,
    always: Vec<u32>,
    ac: Option<AhoCorasick>,
}

impl PatternSet {
    /// Adds a pattern for rule `rule`.
    pub fn add(&mut self, rule: usize, src: String, literals: &mut Vec<Vec<u8>>, index: &mut std::collections::HashMap<Vec<u8>, usize>) -> Result<(), String> {
        let (re, hir) = LazyRegex::new(src)?;
        let id = self.patterns.len() as u32;
        match triggers(&hir) {
            None => self.always.push(id),
            Some(lits) => {
                for lit in lits {
                    let n = *index.entry(lit.clone()).or_insert_with(|| {
                        literals.push(lit);
                        literals.len() - 1
                    });
                    if self.literal_to_patterns.len() <= n {
                        self.literal_to_patterns.resize(n + 1, Vec::new());
                    }
                    if !self.literal_to_patterns[n].contains(&id) {
                        self.literal_to_patterns[n].push(id);
                    }
                }
            }
        }
        self.patterns.push((rule, re));
        Ok(())
    }

    /// Builds the trigger automaton once every pattern is added.
    pub fn finish(&mut self, literals: &[Vec<u8>]) -> Result<(), String> {
        if !literals.is_empty() {
            self.ac = Some(
                AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(literals).map_err(|e| e.to_string())?,
            );
        }
        Ok(())
    }

    /// The patterns that can match `text`, in pack order.
    pub fn candidates(&self, text: &str) -> Vec<u32> {
        let mut hit = vec![false; self.patterns.len()];
        for &i in &self.always {
            hit[i as usize] = true;
        }
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(text) {
                for &p in &self.literal_to_patterns[m.pattern().as_usize()] {
                    hit[p as usize] = true;
                }
            }
        }
        hit.iter().enumerate().filter(|(_, h)| **h).map(|(i, _)| i as u32).collect()
    }

}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_become_ascii() {
        assert_eq!(ascii_classes(r"\bik\s+\w+"), r"(?-u:\b)ik[\t\n\x0B\x0C\r ]+[0-9A-Za-z_]+");
        assert_eq!(ascii_classes(r"[^.!?\n\d]{0,30}"), r"[^.!?\n0-9]{0,30}");
        assert_eq!(ascii_classes(r"^\W*$"), r"^[^0-9A-Za-z_]*$");
        assert_eq!(ascii_classes(r"[]\w]"), r"[]0-9A-Za-z_]");
        assert_eq!(ascii_classes(r"a\.b"), r"a\.b");
    }
}
