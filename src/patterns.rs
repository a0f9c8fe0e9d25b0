//! Phrase patterns, compiled on first use and run only when one of their trigger words occurs.
//!
//! A pack holds a few hundred patterns; compiling them all would make building the engine slow
//! (the extension and the help page build it at start-up) and running them all on every comment
//! would make checking slow. So each pattern is parsed once at build time (syntax errors are
//! reported then, with the rule and file; the default pack's patterns are parsed by build.rs),
//! up to two sets of literals are extracted such that every match holds a literal of each set,
//! and one trie of all those literals tells, per comment, which patterns can
//! match at all. Only those are compiled (once, then cached) and run.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

use crate::trie::Trie;
use crate::regex_prep::{ascii_classes, conditions, fingerprint, marked_classes, parse, Triggers, BOUNDARY};

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
    /// Per literal, the `(pattern, set bit, boundaries)` it fills; `boundaries` bit 0: the literal
    /// must start at a word boundary, bit 1: end at one.
    literal_to_patterns: Vec<Vec<(u32, u8, u8)>>,
    triggers: Option<Trie>,
}

impl PatternSet {
    /// Adds a pattern for rule `rule`. A `trusted` pattern (from the default pack) whose triggers
    /// build.rs precomputed is not parsed now.
    pub fn add(
        &mut self,
        rule: usize,
        src: String,
        trusted: bool,
        pool: &mut Option<Vec<&'static [u8]>>,
        literals: &mut Vec<Vec<u8>>,
        index: &mut std::collections::HashMap<Vec<u8>, usize>,
    ) -> Result<(), String> {
        let known = if trusted {
            let key = fingerprint(&src);
            precomputed::TRIGGERS.binary_search_by(|(k, _)| k.cmp(&key)).ok().map(|i| precomputed::TRIGGERS[i].1)
        } else {
            None
        };
        let (re, sets): (LazyRegex, Vec<Triggers>) = match known {
            Some(sets) => {
                let pool = pool.get_or_insert_with(|| precomputed::POOL.split(|&b| b == 0x1f).collect());
                let sets = sets
                    .iter()
                    .map(|&at| {
                        let at = at as usize;
                        let n = precomputed::SETS.get(at).map_or(0, |&n| usize::from(n));
                        let ids = precomputed::SETS.get(at + 1..at + 1 + n).unwrap_or(&[]);
                        ids.iter().filter_map(|&i| pool.get(usize::from(i)).map(|l| l.to_vec())).collect()
                    })
                    .collect();
                (LazyRegex::trusted(&src), sets)
            }
            None => {
                let sets = conditions(&parse(&marked_classes(&src))?);
                (LazyRegex::new(src)?, sets)
            }
        };
        let id = self.patterns.len() as u32;
        let sets = &sets[..sets.len().min(8)];
        self.need.push(((1u16 << sets.len()) - 1) as u8);
        for (bit, set) in sets.iter().enumerate() {
            for lit in set {
                let mut lit = lit.as_slice();
                let mut flags = 0u8;
                if let Some(rest) = lit.strip_prefix(&[BOUNDARY]) {
                    flags |= 1;
                    lit = rest;
                }
                if let Some(rest) = lit.strip_suffix(&[BOUNDARY]) {
                    flags |= 2;
                    lit = rest;
                }
                if lit.is_empty() {
                    continue;
                }
                let n = *index.entry(lit.to_vec()).or_insert_with(|| {
                    literals.push(lit.to_vec());
                    literals.len() - 1
                });
                if self.literal_to_patterns.len() <= n {
                    self.literal_to_patterns.resize(n + 1, Vec::new());
                }
                let entry = (id, bit as u8, flags);
                if !self.literal_to_patterns[n].contains(&entry) {
                    self.literal_to_patterns[n].push(entry);
                }
            }
        }
        self.patterns.push((rule, re));
        Ok(())
    }

    /// Builds the trigger trie once every pattern is added.
    pub fn finish(&mut self, literals: &[Vec<u8>]) {
        if !literals.is_empty() {
            self.triggers = Some(Trie::new(literals));
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
                let at = u8::from(boundary(start)) | u8::from(boundary(end)) << 1;
                for &(p, bit, flags) in &self.literal_to_patterns[literal] {
                    if flags & at == flags {
                        have[p as usize] |= 1 << bit;
                    }
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
