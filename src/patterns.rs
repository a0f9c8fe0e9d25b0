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
use std::sync::{Arc, OnceLock};

use crate::re::Regex;

use crate::trie::Trie;
use crate::regex_prep::{
    ascii_classes, chain_check, conditions, expand_defs, fingerprint, key16, marked_classes, parse, within_sentence, BOUNDARY,
    NOT_PRECOMPUTED, SENTENCE_ENDS, WITHIN_SENTENCE,
};

/// `[defs]` with their own references expanded: name → regex fragment.
pub use crate::regex_prep::Defs;

/// Trigger conditions of the default pack, computed by build.rs: per pattern, keyed by a 32-bit
/// fold of the fingerprint of its source as written (before `[defs]` are expanded), sorted, the
/// sets of indices into the literal pool. A pattern found here is neither expanded nor parsed
/// when the engine is built.
mod precomputed {
    include!(concat!(env!("OUT_DIR"), "/triggers.rs"));
}

/// Size limit for one compiled pattern, so a user pack cannot blow up memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// A regex that is parsed now and compiled on first use.
#[derive(Debug)]
pub struct LazyRegex {
    /// The source: after `[defs]`, or as written when `defs` is set; `ascii_classes` is applied
    /// when it is compiled.
    src: String,
    /// The `[defs]` a trusted source still names: expanded when it is compiled, because the
    /// expanded word lists are long and most patterns are never compiled at all.
    defs: Option<Arc<Defs>>,
    re: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// Parses `src`; the error says what is wrong with it.
    pub fn new(src: String) -> Result<LazyRegex, String> {
        parse(&ascii_classes(&src))?;
        Ok(LazyRegex { src, defs: None, re: OnceLock::new() })
    }

    /// A regex from the embedded default pack, whose syntax the test suite checks: neither
    /// decoded (see [`crate::packed::decoded`]), expanded nor parsed now.
    pub fn trusted(raw: String, defs: &Arc<Defs>) -> LazyRegex {
        LazyRegex { src: raw, defs: Some(Arc::clone(defs)), re: OnceLock::new() }
    }

    /// The compiled regex; `None` only if it exceeds the size limit (or, for a trusted source,
    /// names an unknown `[defs]` entry, which the test suite rules out).
    // Not inlined, like the detectors' `Lazy::deref`: one copy of the first-use compile.
    #[inline(never)]
    pub fn get(&self) -> Option<&Regex> {
        self.re
            .get_or_init(|| {
                let src = self.source().ok()?;
                Regex::with_size_limit(&ascii_classes(&src), REGEX_SIZE_LIMIT).ok()
            })
            .as_ref()
    }

    /// The regex as compiled, after `[defs]`.
    pub fn source(&self) -> Result<Cow<'_, str>, String> {
        match &self.defs {
            Some(defs) => expand_defs(&crate::packed::decoded(&self.src), defs).map(Cow::Owned),
            None => Ok(Cow::Borrowed(&self.src)),
        }
    }

    /// True when it matches; false when it cannot be compiled.
    #[inline(never)]
    pub fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|r| r.is_match(text))
    }
}

/// Regexes of which any one matching is enough (a rule's `unless`): compiled together into one on
/// first use, so a text is scanned once instead of once per regex.
#[derive(Debug, Default)]
pub struct AnyOf {
    pub parts: Vec<LazyRegex>,
    /// The parts as one alternation; `None` when that does not compile (then each part runs).
    all: OnceLock<Option<Regex>>,
}

impl AnyOf {
    #[must_use]
    pub fn new(parts: Vec<LazyRegex>) -> AnyOf {
        AnyOf { parts, all: OnceLock::new() }
    }

    /// True when one of the parts matches `text`.
    pub fn is_match(&self, text: &str) -> bool {
        let all = self.all.get_or_init(|| {
            if self.parts.len() < 2 {
                return None;
            }
            let mut src = String::new();
            for part in &self.parts {
                let s = part.source().ok()?;
                src.push_str(if src.is_empty() { "(?:" } else { "|(?:" });
                src.push_str(&s);
                src.push(')');
            }
            Regex::with_size_limit(&ascii_classes(&src), REGEX_SIZE_LIMIT).ok()
        });
        match all {
            Some(re) => re.is_match(text),
            None => self.parts.iter().any(|p| p.is_match(text)),
        }
    }
}

/// A pattern's [`PatternSet`] `meta`: one bit per trigger set, and the high byte set if `local`.
fn meta(sets: usize, local: bool) -> u16 {
    ((1u16 << sets) - 1) & 0xFF | if local { 0xFF00 } else { 0 }
}

/// All phrase patterns of an engine with their trigger conditions.
///
/// A pattern needs one literal of each of its trigger sets (up to eight, one bit each). The
/// default pack's sets come from build.rs: each pool literal knows the sets it belongs to
/// (`LIT_SETS`), so adding a default pattern only records which sets it uses. A pattern parsed at
/// run time (a user pack's) gets one set per literal of its own.
#[derive(Debug, Default)]
pub struct PatternSet {
    /// `(rule index, regex)` per pattern.
    pub patterns: Vec<(usize, LazyRegex)>,
    /// Per pattern, in the low byte the bit mask a text must fill (one bit per trigger set; 0
    /// runs it always), and the high byte all ones if no match can hold a sentence end
    /// ([`within_sentence`]): then its sets must be filled within one stretch between sentence
    /// ends, and it runs only there ([`PatternSet::candidates`]).
    meta: Vec<u16>,
    /// The patterns that need no literal.
    always: Vec<u32>,
    /// Whether any default pattern is in: then the trie holds build.rs's pool first, in pool
    /// order, so a pool index is a literal id and nothing is copied or hashed.
    pooled: bool,
    /// Literals of patterns parsed at run time, without their boundary marks, and the marks
    /// (bit 0, it must start at a word boundary; bit 1, end at one). User literal `k` is set
    /// `SET_COUNT + k` and, in the trie, literal `pool length + k`.
    user_literals: Vec<(Vec<u8>, u8)>,
    /// Per literal id of the trie: its boundary marks.
    boundaries: Vec<u8>,
    /// How many of the trie's literals are the pool's.
    pool_len: usize,
    /// `(set, pattern, bit)` while patterns are added, in pattern order; `conds` after `finish`.
    pending: Vec<(u32, u32, u8)>,
    /// Per pattern `p`, the `(set, bit)` pairs of its condition: `conds[cond_start[p]..cond_start[p + 1]]`.
    cond_start: Vec<u32>,
    conds: Vec<(u32, u8)>,
    /// Per set `s`, the patterns anchored on it: `anchored[anchor_start[s]..anchor_start[s + 1]]`.
    /// A pattern is anchored on the sets of one of its bits (the one whose shortest literal is
    /// longest, so most likely the rarest), and looked at only when one of them is filled.
    anchor_start: Vec<u32>,
    anchored: Vec<u32>,
    /// How many sets there are (the pool's and one per user literal).
    set_count: usize,
    /// Default pattern place `i` (build.rs: files, rules and patterns in pack order) has the sets
    /// `TRIGGER_SETS[trigger_start[i]..trigger_start[i + 1]]`; filled when the first default
    /// pattern is added.
    trigger_start: Vec<u32>,
    /// Pool literal `i`'s sets are `LIT_SETS[lit_start[i]..lit_start[i + 1]]`; empty unless a
    /// default pattern is in.
    lit_start: Vec<u32>,
    /// build.rs's `LIT_SETS`, decoded ([`set_ids`], then its steps summed) with `lit_start`.
    lit_sets: Vec<u16>,
    /// build.rs's `TRIGGER_SETS`, decoded with `trigger_start`.
    trigger_ids: Vec<u16>,
    triggers: Option<Trie>,
    /// How many patterns were parsed here rather than precomputed by build.rs.
    parsed: usize,
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

/// Set ids from build.rs's bytes: below 0x80 an id itself, else `0x80 | id >> 8` then `id & 0xFF`.
fn set_ids(bytes: &[u8]) -> Vec<u16> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut it = bytes.iter();
    while let Some(&b) = it.next() {
        out.push(if b < 0x80 { u16::from(b) } else { u16::from(b & 0x7F) << 8 | it.next().map_or(0, |&lo| u16::from(lo)) });
    }
    out
}

/// Undoes build.rs's steps: within each group `ids[start[k]..start[k + 1]]` (a literal's sets,
/// a pattern's), the first id is as it is and each next one the step from the one before.
fn sum_steps(ids: &mut [u16], start: &[u32]) {
    for w in start.windows(2) {
        let group = &mut ids[w[0] as usize..w[1] as usize];
        for k in 1..group.len() {
            group[k] += group[k - 1];
        }
    }
}

/// Starts from counts (build.rs stores counts, a byte each, which compress far better than rising
/// offsets): `[0, c0, c0 + c1, ...]`.
fn starts_of(counts: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut sum = 0u32;
    std::iter::once(0)
        .chain(counts.map(|n| {
            sum += n;
            sum
        }))
        .collect()
}

/// build.rs's front-coded pool literals one after the other, and where each one ends.
fn pool_literals() -> (Vec<u8>, Vec<u32>) {
    let mut bytes: Vec<u8> = Vec::with_capacity(precomputed::POOL.len() * 2);
    let mut ends: Vec<u32> = Vec::with_capacity(precomputed::LIT_INFO.len());
    let mut prev = 0..0;
    for record in precomputed::POOL.split(|&b| b == 0x1f).filter(|r| !r.is_empty()) {
        let shared = usize::from(record[0]).min(prev.len());
        let start = bytes.len();
        bytes.extend_from_within(prev.start..prev.start + shared);
        bytes.extend_from_slice(&record[1..]);
        ends.push(bytes.len() as u32);
        prev = start..bytes.len();
    }
    (bytes, ends)
}

impl PatternSet {
    /// The trigger sets pool literal `literal` belongs to (build.rs's `LIT_SETS`).
    fn pool_sets(&self, literal: usize) -> &[u16] {
        &self.lit_sets[self.lit_start[literal] as usize..self.lit_start[literal + 1] as usize]
    }

    /// The places of build.rs's precomputed patterns of the default pack's rule `rule_id`, for
    /// [`PatternSet::add_precomputed`]; `None` for a rule without any, or when its first patterns
    /// are not the sources build.rs saw (`patterns` as received, coded and marked).
    pub fn default_places(rule_id: &str, patterns: &[String]) -> Option<std::ops::Range<usize>> {
        let r = precomputed::RULE_KEYS.binary_search(&key16(fingerprint(rule_id))).ok()?;
        let first = usize::from(precomputed::RULE_FIRST[r]);
        let count = usize::from(precomputed::RULE_PATTERNS[r]);
        let check = patterns.get(..count)?.iter().fold(0, |check, p| chain_check(check, p));
        (key16(check) == precomputed::RULE_CHECK[r]).then_some(first..first + count)
    }

    /// Adds pattern `n` (counting from 0) of a default-pack rule whose places are `places` (see
    /// [`PatternSet::default_places`]) as rule `rule` if build.rs precomputed its triggers; if not,
    /// hands the source back for [`PatternSet::add`].
    pub fn add_precomputed(&mut self, rule: usize, places: &std::ops::Range<usize>, n: usize, raw: String, defs: &Arc<Defs>) -> Option<String> {
        let at = places.start + n;
        if at >= places.end || precomputed::TRIGGER_COUNT[at] == NOT_PRECOMPUTED {
            return Some(raw);
        }
        self.pooled = true;
        if self.trigger_start.is_empty() {
            self.trigger_ids = set_ids(precomputed::TRIGGER_SETS);
            self.trigger_start =
                starts_of(precomputed::TRIGGER_COUNT.iter().map(|&n| if n == NOT_PRECOMPUTED { 0 } else { u32::from(n & !WITHIN_SENTENCE) }));
            sum_steps(&mut self.trigger_ids, &self.trigger_start);
        }
        let local = precomputed::TRIGGER_COUNT[at] & WITHIN_SENTENCE != 0;
        let id = self.patterns.len() as u32;
        let own = &self.trigger_ids[self.trigger_start[at] as usize..self.trigger_start[at + 1] as usize];
        for (bit, &set) in own.iter().enumerate() {
            self.pending.push((u32::from(set), id, bit as u8));
        }
        self.patterns.push((rule, LazyRegex::trusted(raw, defs)));
        self.meta.push(meta(own.len(), local));
        None
    }

    /// Adds a pattern for rule `rule` (its source after `[defs]`): parses it and extracts its
    /// trigger sets.
    pub fn add(&mut self, rule: usize, src: String) -> Result<(), String> {
        let id = self.patterns.len() as u32;
        let mut sets = 0usize;
        let hir = parse(&marked_classes(&src))?;
        let conds = conditions(&hir);
        self.parsed += 1;
        let re = LazyRegex::new(src)?;
        for set in conds.iter().take(8) {
            for lit in set {
                let (bytes, marks) = strip_marks(lit);
                if bytes.is_empty() {
                    continue;
                }
                let set = (precomputed::SET_COUNT + self.user_literals.len()) as u32;
                self.user_literals.push((bytes.to_vec(), marks));
                self.pending.push((set, id, sets as u8));
            }
            sets += 1;
        }
        self.patterns.push((rule, re));
        self.meta.push(meta(sets, within_sentence(&hir)));
        Ok(())
    }

    /// How many patterns were parsed at run time (a user pack's, or a default one build.rs could
    /// not precompute).
    #[cfg(test)]
    pub fn parsed_at_run_time(&self) -> usize {
        self.parsed
    }

    /// Calls `f(set)` for every trigger set that trie literal `literal` belongs to.
    fn each_set(&self, literal: usize, mut f: impl FnMut(usize)) {
        if literal < self.pool_len {
            for &set in self.pool_sets(literal) {
                f(usize::from(set));
            }
        } else {
            f(precomputed::SET_COUNT + literal - self.pool_len);
        }
    }

    /// Builds the trigger trie and the set-to-pattern table once every pattern is added.
    pub fn finish(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let set_count = precomputed::SET_COUNT + self.user_literals.len();
        self.set_count = set_count;
        let mut uses = vec![0u32; set_count];
        for &(set, _, _) in &pending {
            uses[set as usize] += 1;
        }
        // `pending` is in pattern order: it is the conditions, pattern by pattern.
        let mut per_pattern = vec![0u32; self.meta.len()];
        for &(_, p, _) in &pending {
            per_pattern[p as usize] += 1;
        }
        self.cond_start = starts_of(per_pattern.into_iter());
        self.conds = pending.iter().map(|&(set, _, bit)| (set, bit)).collect();
        // Literals of no set in use (their rules are switched off) need not be looked for.
        let used_set = |s: usize| uses[s] > 0;
        let (bytes, ends) = if self.pooled { pool_literals() } else { (Vec::new(), Vec::new()) };
        let mut literals: Vec<&[u8]> = Vec::new();
        if self.pooled {
            self.lit_start = starts_of(precomputed::LIT_INFO.iter().map(|&b| u32::from(b >> 2)));
            self.lit_sets = set_ids(precomputed::LIT_SETS);
            sum_steps(&mut self.lit_sets, &self.lit_start);
            let mut start = 0;
            for (i, &end) in ends.iter().enumerate() {
                let used = self.pool_sets(i).iter().any(|&s| used_set(usize::from(s)));
                literals.push(if used { &bytes[start..end as usize] } else { &[] });
                start = end as usize;
            }
            self.boundaries.extend(precomputed::LIT_INFO.iter().map(|&b| b & 3));
        }
        self.pool_len = literals.len();
        for (k, (bytes, marks)) in self.user_literals.iter().enumerate() {
            literals.push(if used_set(precomputed::SET_COUNT + k) { bytes } else { &[] });
            self.boundaries.push(*marks);
        }
        // Per set, its shortest literal; per pattern, the bit whose sets' shortest literal is
        // longest is its anchor (a pattern needs every bit, so any bit would do).
        let mut shortest = vec![u32::MAX; set_count];
        for (i, lit) in literals.iter().enumerate() {
            self.each_set(i, |s| shortest[s] = shortest[s].min(lit.len() as u32));
        }
        let mut anchors: Vec<(u32, u32)> = Vec::new();
        for p in 0..self.meta.len() {
            let conds = &self.conds[self.cond_start[p] as usize..self.cond_start[p + 1] as usize];
            let mut score = [u32::MAX; 8];
            for &(set, bit) in conds {
                score[usize::from(bit)] = score[usize::from(bit)].min(shortest[set as usize]);
            }
            let bits = (self.meta[p] & 0xFF).count_ones() as usize;
            let best = (0..bits).max_by_key(|&b| (score[b], std::cmp::Reverse(b))).unwrap_or(0) as u8;
            anchors.extend(conds.iter().filter(|c| c.1 == best).map(|c| (c.0, p as u32)));
        }
        // A counting sort by set.
        let mut per_set = vec![0u32; set_count];
        for &(set, _) in &anchors {
            per_set[set as usize] += 1;
        }
        let start = starts_of(per_set.into_iter());
        let mut anchored = vec![0u32; anchors.len()];
        let mut cursor = start.clone();
        for &(set, p) in &anchors {
            anchored[cursor[set as usize] as usize] = p;
            cursor[set as usize] += 1;
        }
        self.anchor_start = start;
        self.anchored = anchored;
        if literals.iter().any(|l| !l.is_empty()) {
            self.triggers = Some(Trie::new(&literals));
        }
        self.always = (0..self.meta.len() as u32).filter(|&p| self.meta[p as usize] & 0xFF == 0).collect();
    }

    /// The trigger literals found in `text` that fill a set of pattern `pattern` (for tuning).
    pub fn wakers(&self, text: &str, pattern: usize) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(trie) = &self.triggers {
            let conds = &self.conds[self.cond_start[pattern] as usize..self.cond_start[pattern + 1] as usize];
            trie.find_all(text.as_bytes(), |literal, start, end| {
                let mut hit = false;
                self.each_set(literal, |s| hit |= conds.iter().any(|c| c.0 as usize == s));
                if hit {
                    out.push(text[start..end].to_string());
                }
            });
        }
        out
    }

    /// The patterns that can match `text`, in pack order, each with the stretch of `text` to
    /// search: a pattern that cannot match across a sentence end ([`within_sentence`]) runs only on
    /// the stretches between sentence ends where all its trigger sets were filled, each once.
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        let bytes = text.as_bytes();
        // Stretch `k` is `ends[k - 1]..ends[k]`: up to and with a sentence end, the last one up to
        // the end of the text. After 63 stretches the rest is one (a stretch is a bit of a `u64`);
        // a local pattern then searches all of it, which finds the same matches (none crosses a
        // sentence end), only wakes more often.
        let mut ends: Vec<u32> = Vec::new();
        let [dot, bang, question] = SENTENCE_ENDS;
        for (i, &byte) in bytes.iter().enumerate() {
            if (byte == dot || byte == bang || byte == question) && ends.len() < 63 {
                ends.push(i as u32 + 1);
            }
        }
        if ends.last() != Some(&(bytes.len() as u32)) {
            ends.push(bytes.len() as u32);
        }
        let stretch = |k: usize| (if k == 0 { 0 } else { ends[k - 1] }, ends[k]);
        let whole = (0, bytes.len() as u32);
        let mut out: Vec<Candidate> = self.always.iter().map(|&p| Candidate { pattern: p, start: 0, end: whole.1 }).collect();
        let Some(trie) = &self.triggers else { return out };
        FILLED.with(|filled| {
            let mut filled = filled.borrow_mut();
            let Filled { sets, touched } = &mut *filled;
            if sets.len() < self.set_count {
                sets.resize(self.set_count, 0);
            }
            // Per set, bit `k` for a literal of it in stretch `k`.
            let word = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
            let boundary = |i: usize| (i > 0 && word(i - 1)) != word(i);
            let mut k = 0usize;
            trie.find_all(bytes, |literal, start, end| {
                let marks = self.boundaries[literal];
                if (marks & 1 != 0 && !boundary(start)) || (marks & 2 != 0 && !boundary(end)) {
                    return;
                }
                // The stretch of the literal's last byte (literals are found in the order they end).
                while (ends[k] as usize) < end {
                    k += 1;
                }
                let bit = 1u64 << k;
                self.each_set(literal, |s| {
                    if sets[s] == 0 {
                        touched.push(s as u32);
                    }
                    sets[s] |= bit;
                });
            });
            for &s in touched.iter() {
                let s = s as usize;
                for &p in &self.anchored[self.anchor_start[s] as usize..self.anchor_start[s + 1] as usize] {
                    self.wake(p, sets, |k| {
                        let (start, end) = k.map_or(whole, stretch);
                        out.push(Candidate { pattern: p, start, end });
                    });
                }
            }
            for &s in touched.iter() {
                sets[s as usize] = 0;
            }
            touched.clear();
        });
        crate::text::sort_by_key(&mut out, |c| (c.pattern, c.start));
        // A pattern anchored on two filled sets (two literals of one bit) was looked at twice.
        out.dedup();
        out
    }

    /// Adds pattern `p`'s candidates if its condition holds: for a pattern that may match across
    /// sentences, one for the whole text if every bit is filled anywhere; for a local one, one per
    /// stretch where every bit is filled.
    /// `woken(None)` stands for the whole text, `woken(Some(k))` for stretch `k`.
    fn wake(&self, p: u32, sets: &[u64], mut woken: impl FnMut(Option<usize>)) {
        let conds = &self.conds[self.cond_start[p as usize] as usize..self.cond_start[p as usize + 1] as usize];
        let meta = self.meta[p as usize];
        // Per bit, the stretches where one of its sets is filled; then the stretches where all are.
        let mut per_bit = [0u64; 8];
        for &(set, bit) in conds {
            per_bit[usize::from(bit)] |= sets[set as usize];
        }
        let bits = (meta & 0xFF).count_ones() as usize;
        let mut all = per_bit[..bits].iter().fold(!0u64, |a, &m| a & m);
        if meta >> 8 == 0 {
            if per_bit[..bits].iter().all(|&m| m != 0) {
                woken(None);
            }
            return;
        }
        while all != 0 {
            woken(Some(all.trailing_zeros() as usize));
            all &= all - 1;
        }
    }
}

/// Per trigger set, the stretches it was filled in, reused from check to check (cleared after
/// each through `touched`), so a check does not clear a table of every set.
#[derive(Default)]
struct Filled {
    sets: Vec<u64>,
    touched: Vec<u32>,
}

thread_local! {
    static FILLED: std::cell::RefCell<Filled> = std::cell::RefCell::new(Filled::default());
}

/// A pattern to run ([`PatternSet::candidates`]) and where: on `text[..end]`, from `start` (with
/// the text before `start` as context for `\b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub pattern: u32,
    pub start: u32,
    pub end: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pool_is_sorted_for_the_trie() {
        let (bytes, ends) = pool_literals();
        assert_eq!(ends.len(), precomputed::LIT_INFO.len());
        let starts = std::iter::once(0).chain(ends.iter().map(|&e| e as usize));
        let literals: Vec<&[u8]> = starts.zip(&ends).map(|(s, &e)| &bytes[s..e as usize]).collect();
        assert!(literals.windows(2).all(|w| w[0] <= w[1]));
        assert!(literals.iter().all(|l| !l.is_empty() && !l.contains(&BOUNDARY)));
        let mut set = PatternSet::default();
        set.add_precomputed(0, &(0..1), 0, String::new(), &Arc::default());
        set.finish();
        let (lit_sets, trigger_ids) = (&set.lit_sets, &set.trigger_ids);
        assert_eq!(lit_sets.len(), precomputed::LIT_INFO.iter().map(|&b| usize::from(b >> 2)).sum::<usize>());
        // Summed up from build.rs's steps, each literal's and each pattern's sets rise.
        let rising = |ids: &[u16], start: &[u32]| start.windows(2).all(|w| ids[w[0] as usize..w[1] as usize].windows(2).all(|p| p[0] <= p[1]));
        assert!(rising(lit_sets, &set.lit_start) && rising(trigger_ids, &set.trigger_start));
        assert!(lit_sets.iter().chain(trigger_ids).all(|&s| usize::from(s) < precomputed::SET_COUNT));
        assert_eq!(set_ids(&[5, 0x81, 0x02, 0x7F]), [5, 0x102, 0x7F]);
    }

    #[test]
    fn default_places_need_the_sources_build_rs_saw() {
        // The engine passes a default rule's patterns as received (see engine.rs); the test suite
        // checks that every default rule is then found (`build_rs_precomputed_every_default_pattern`).
        assert!(PatternSet::default_places("threat/violence", &[]).is_none());
        assert!(PatternSet::default_places("threat/violence", &vec!["(?:changed)".to_string(); 300]).is_none());
        assert!(PatternSet::default_places("no/such-rule", &[]).is_none());
    }

    /// The trigger sets of a pattern, boundary marks shown as `|`.
    fn sets_of(pattern: &str) -> Vec<Vec<String>> {
        conditions(&parse(&marked_classes(pattern)).unwrap())
            .iter()
            .map(|set| set.iter().map(|l| String::from_utf8_lossy(l).replace('\x01', "|")).collect())
            .collect()
    }

    #[test]
    fn any_of_matches_when_one_part_does() {
        let any = |parts: &[&str]| AnyOf::new(parts.iter().map(|p| LazyRegex::new((*p).to_string()).unwrap()).collect());
        let two = any(&[r"\bfoo\b", r"^bar"]);
        assert!(two.is_match("een foo hier") && two.is_match("bar en zo"));
        assert!(!two.is_match("foobar") && !two.is_match("een bar"));
        // Two parts that cannot be one regex (the same group name twice) still run one by one.
        let apart = any(&["(?P<x>ab)", "(?P<x>cd)"]);
        assert!(apart.is_match("xcd") && !apart.is_match("zz"));
        assert!(!any(&[]).is_match("iets"));
    }

    #[test]
    fn within_sentence_means_no_match_can_hold_a_sentence_end() {
        let local = |p: &str| within_sentence(&parse(&marked_classes(p)).unwrap());
        for p in [r"\bik\s+haat\s+\w+", r"\bals\b[^.!?\n]{0,50}\bzijt\b", r"\d+\s?%(?:\s|$)", r"a(?:\.){0}b"] {
            assert!(local(p), "{p}");
        }
        for p in [r"www\.\w+", r"\bklacht\b[^\n]{0,60}\bagent", r"\bwat\?", r"x.y", r"\W+", r"(?s)a.b", r"[!]{2}"] {
            assert!(!local(p), "{p}");
        }
    }

    #[test]
    fn local_patterns_wake_per_sentence_and_after_63_sentences_on_the_rest() {
        let mut set = PatternSet::default();
        set.add(0, r"\bslimme\b[^.!?\n]{0,50}\bagent".into()).unwrap();
        set.add(1, r"\bklacht\b[^\n]{0,60}\bagent".into()).unwrap();
        set.finish();
        assert_eq!(sets_of(r"\bslimme\b[^.!?\n]{0,50}\bagent").len(), 2);
        let woken = |text: &str| set.candidates(text).iter().map(|c| (c.pattern, text[c.start as usize..c.end as usize].to_string())).collect::<Vec<_>>();
        // Both words in one sentence: that sentence only; in two sentences: not at all.
        let text = "slimme agent. een agent. slimme. agent. de agent is slimme!";
        assert_eq!(woken(text), vec![(0, "slimme agent.".to_string()), (0, " de agent is slimme!".to_string())]);
        // After 63 sentence ends the rest is one stretch: both words anywhere in it wake it once.
        let filler = "ja. ".repeat(70);
        let text = format!("{filler}slimme. agent.");
        let rest = &text[text.match_indices('.').nth(62).unwrap().0 + 1..];
        assert_eq!(woken(&text), vec![(0, rest.to_string())]);
        assert!(woken(&format!("{filler}slimme.")).is_empty());
        // A pattern that may cross sentences wakes once, on the whole text.
        let text = format!("{filler}een klacht. over een agent.");
        assert_eq!(woken(&text), vec![(1, text.clone())]);
    }

    #[test]
    fn whitespace_around_a_part_makes_its_triggers_whole_words() {
        // "ma" between `\s+` is the word "ma", not the start of "maart".
        let sets = sets_of(r"\b(?:je|uw)\s+(?:vader|ma)\s+(?:is|zijt)\b");
        assert!(sets.contains(&vec!["|ma|".to_string(), "|vader|".to_string()]), "{sets:?}");
        // Only beside a word character: "toch!" followed by a space says nothing about "!".
        let sets = sets_of(r"(?:toch!|echt\?)\s+(?:stom|dom)");
        assert!(sets.iter().flatten().all(|l| !l.ends_with("!|") && !l.ends_with("?|")), "{sets:?}");
        // A part that may start with a letter gives no boundary.
        let sets = sets_of(r"(?:moeder|ma)\w*\s?(?:lelijk)");
        assert!(sets.iter().flatten().all(|l| !l.contains("ma|")), "{sets:?}");
    }

    #[test]
    fn classes_become_ascii() {
        assert_eq!(ascii_classes(r"\bik\s+\w+"), r"(?-u:\b)ik[\t\n\x0B\x0C\r ]+(?:[0-9A-Za-z_]+(?:'[a-z]+)*|'[a-z]{1,2})");
        // Only a greedy `\w+` outside a class may hold an apostrophe.
        assert_eq!(ascii_classes(r"\w+?x\w*[\w]"), r"[0-9A-Za-z_]+?x[0-9A-Za-z_]*[0-9A-Za-z_]");
        assert_eq!(ascii_classes(r"[^.!?\n\d]{0,30}"), r"[^.!?\n0-9]{0,30}");
        assert_eq!(ascii_classes(r"^\W*$"), r"^[^0-9A-Za-z_]*$");
        assert_eq!(ascii_classes(r"[]\w]"), r"[]0-9A-Za-z_]");
        assert_eq!(ascii_classes(r"a\.b"), r"a\.b");
    }
}
