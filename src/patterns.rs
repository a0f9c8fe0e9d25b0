//! Phrase patterns, compiled on first use and run only when one of their trigger words occurs.
//!
//! A pack holds a few hundred patterns; compiling them all would make building the engine slow
//! (the extension and the help page build it at start-up) and running them all on every comment
//! would make checking slow. So each pattern is parsed once at build time (syntax errors are
//! reported then, with the rule and file; the default pack's patterns are parsed by build.rs),
//! up to two sets of literals are extracted such that every match holds a literal of each set,
//! and one trie of all those literals tells, per comment, which patterns can
//! match at all. Only those are compiled (once, then cached) and run.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

use crate::trie::Trie;
use crate::regex_prep::{ascii_classes, conditions, fingerprint, marked_classes, parse, BOUNDARY};

/// Trigger conditions of the default pack, computed by build.rs: `(fingerprint of the expanded
/// source, sets of indices into the literal pool)`, sorted by fingerprint. A pattern found here
/// needs no parsing when the engine is built.
mod precomputed {
    include!(concat!(env!("OUT_DIR"), "/triggers.rs"));
}

/// Size limit for one compiled pattern, so a user pack cannot blow up memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// A regex that is parsed now and compiled on first use.
#[derive(Debug)]
pub struct LazyRegex {
    /// The source as written (after `[defs]`); `ascii_classes` is applied when it is compiled.
    src: String,
    re: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// Parses `src`; the error says what is wrong with it.
    pub fn new(src: String) -> Result<LazyRegex, String> {
        parse(&ascii_classes(&src))?;
        Ok(LazyRegex { src, re: OnceLock::new() })
    }

    /// A regex from the embedded default pack, whose syntax the test suite checks: not parsed now.
    pub fn trusted(src: &str) -> LazyRegex {
        LazyRegex { src: src.to_string(), re: OnceLock::new() }
    }

    /// The compiled regex; `None` only if it exceeds the size limit.
    pub fn get(&self) -> Option<&Regex> {
        self.re
            .get_or_init(|| RegexBuilder::new(&ascii_classes(&self.src)).size_limit(REGEX_SIZE_LIMIT).build().ok())
            .as_ref()
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

/// All phrase patterns of an engine with their trigger conditions.
#[derive(Debug, Default)]
pub struct PatternSet {
    /// `(rule index, regex)` per pattern.
    pub patterns: Vec<(usize, LazyRegex)>,
    /// Per pattern, the bit mask a text must fill (one bit per trigger set); 0 runs it always.
    need: Vec<u8>,
    /// Trigger literals without their boundary marks: first build.rs's pool, in pool order (so a
    /// pool index is a literal id and nothing is copied or hashed), then a user pack's.
    literals: Vec<Cow<'static, [u8]>>,
    /// Per literal: bit 0, it must start at a word boundary; bit 1, end at one.
    boundaries: Vec<u8>,
    /// `(literal, pattern, set bit)` while patterns are added; sorted into `fills` by `finish`.
    pending: Vec<(u32, u32, u8)>,
    /// Per literal `i`, the `(pattern, set bit)` pairs it fills: `fills[fill_start[i]..fill_start[i + 1]]`.
    fill_start: Vec<u32>,
    fills: Vec<(u32, u8)>,
    triggers: Option<Trie>,
    pooled: bool,
}

/// A literal without its boundary marks, and the marks as bits.
fn strip_marks(lit: &[u8]) -> (&[u8], u8) {
    let (lit, start) = match lit.strip_prefix(&[BOUNDARY]) {
        Some(rest) => (rest, 1),
        None => (lit, 0),
    };
    match lit.strip_suffix(&[BOUNDARY]) {
        Some(rest) => (rest, start | 2),
        None => (lit, start),
    }
}

impl PatternSet {
    /// Adds a pattern for rule `rule`. A `trusted` pattern (from the default pack) whose triggers
    /// build.rs precomputed is not parsed now.
    pub fn add(&mut self, rule: usize, src: String, trusted: bool) -> Result<(), String> {
        let known = if trusted {
            let key = fingerprint(&src);
            precomputed::TRIGGERS.binary_search_by(|(k, _)| k.cmp(&key)).ok().map(|i| precomputed::TRIGGERS[i].1)
        } else {
            None
        };
        let id = self.patterns.len() as u32;
        let mut sets = 0usize;
        match known {
            Some(offsets) => {
                self.use_pool();
                for &at in offsets.iter().take(8) {
                    let at = at as usize;
                    let n = precomputed::SETS.get(at).map_or(0, |&n| usize::from(n));
                    for &lit in precomputed::SETS.get(at + 1..at + 1 + n).unwrap_or(&[]) {
                        self.pending.push((u32::from(lit), id, sets as u8));
                    }
                    sets += 1;
                }
                self.patterns.push((rule, LazyRegex::trusted(&src)));
            }
            None => {
                let conds = conditions(&parse(&marked_classes(&src))?);
                let re = LazyRegex::new(src)?;
                for set in conds.iter().take(8) {
                    for lit in set {
                        let (bytes, marks) = strip_marks(lit);
                        if bytes.is_empty() {
                            continue;
                        }
                        let n = self.literals.len() as u32;
                        self.literals.push(Cow::Owned(bytes.to_vec()));
                        self.boundaries.push(marks);
                        self.pending.push((n, id, sets as u8));
                    }
                    sets += 1;
                }
                self.patterns.push((rule, re));
            }
        }
        self.need.push(((1u16 << sets) - 1) as u8);
        Ok(())
    }

    /// The pool's literals take the first ids, once.
    fn use_pool(&mut self) {
        if self.pooled {
            return;
        }
        self.pooled = true;
        // User literals may already be there: the pool goes first, so they move up.
        let user = std::mem::take(&mut self.literals);
        let user_marks = std::mem::take(&mut self.boundaries);
        for lit in precomputed::POOL.split(|&b| b == 0x1f) {
            let (bytes, marks) = strip_marks(lit);
            self.literals.push(Cow::Borrowed(bytes));
            self.boundaries.push(marks);
        }
        let shift = self.literals.len() as u32;
        for p in &mut self.pending {
            p.0 += shift;
        }
        self.literals.extend(user);
        self.boundaries.extend(user_marks);
    }

    /// Builds the trigger trie and the literal-to-pattern table once every pattern is added.
    pub fn finish(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_unstable();
        pending.dedup();
        self.fill_start = Vec::with_capacity(self.literals.len() + 1);
        self.fills = Vec::with_capacity(pending.len());
        let mut next = 0;
        for lit in 0..self.literals.len() as u32 {
            self.fill_start.push(self.fills.len() as u32);
            while next < pending.len() && pending[next].0 == lit {
                self.fills.push((pending[next].1, pending[next].2));
                next += 1;
            }
        }
        self.fill_start.push(self.fills.len() as u32);
        // Literals no pattern uses (their rules are switched off) need not be looked for.
        let used: Vec<&[u8]> = (0..self.literals.len())
            .map(|i| if self.fill_start[i] < self.fill_start[i + 1] { &self.literals[i][..] } else { &[][..] })
            .collect();
        if used.iter().any(|l| !l.is_empty()) {
            self.triggers = Some(Trie::new(&used));
        }
    }

    /// The patterns that can match `text`, in pack order.
    pub fn candidates(&self, text: &str) -> Vec<u32> {
        let mut have = vec![0u8; self.patterns.len()];
        if let Some(trie) = &self.triggers {
            let bytes = text.as_bytes();
            // An ASCII word boundary, as `(?-u:\b)` in the patterns sees it.
            let word = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
            let boundary = |i: usize| (i > 0 && word(i - 1)) != word(i);
            trie.find_all(bytes, |literal, start, end| {
                let marks = self.boundaries[literal];
                if (marks & 1 != 0 && !boundary(start)) || (marks & 2 != 0 && !boundary(end)) {
                    return;
                }
                for &(p, bit) in &self.fills[self.fill_start[literal] as usize..self.fill_start[literal + 1] as usize] {
                    have[p as usize] |= 1 << bit;
                }
            });
        }
        let mut out: Vec<u32> = Vec::new();
        for (i, (&h, &n)) in have.iter().zip(&self.need).enumerate() {
            if h == n {
                out.push(i as u32);
            }
        }
        out
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
