//! Regexes on the engines of the `regex` crate itself (`regex-automata`), without its `meta` layer.
//!
//! `regex::Regex` picks, per pattern, among several strategies (literal prefilters, reverse
//! searches, one-pass and backtracking engines). The patterns here never profit from them: they
//! run on the short stretches that their trigger words woke ([`crate::patterns`]), and in
//! WebAssembly only the lazy DFA is built in anyway. So a [`Regex`] is what `meta` makes of such a
//! pattern in WebAssembly, without the code that chooses: a lazy DFA forward to find where a match
//! ends and backward to find where it starts, and the `PikeVM` for capture groups (on the span the
//! lazy DFA found) and as the fallback should the lazy DFA give up. That leaves `meta` and the
//! `regex` wrapper out of the module: about 10 kB gzipped.
//!
//! The API is the part of `regex::Regex` this crate uses, with the same matches: leftmost-first,
//! `find_iter`'s rule for empty matches, and no empty match inside a UTF-8 character.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use regex_automata::hybrid::{self, regex::Regex as Hybrid};
use regex_automata::nfa::thompson::{self, pikevm::PikeVM, WhichCaptures};
use regex_automata::util::captures::Captures as Slots;
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, PatternID};

/// The default size limit of a compiled pattern, as `regex::Regex`'s.
const DEFAULT_SIZE_LIMIT: usize = 10 << 20;

/// The lazy DFA's cache per direction, as `regex::Regex`'s default (it grows only as needed).
const CACHE_CAPACITY: usize = 2 << 20;

struct Engines {
    /// `None` when the lazy DFA could not be built for this pattern (its cache would be too small).
    hybrid: Option<Hybrid>,
    pikevm: PikeVM,
}

struct Cache {
    hybrid: Option<hybrid::regex::Cache>,
    pikevm: thompson::pikevm::Cache,
    slots: Slots,
}

type MakeCache = Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A compiled regex; see the module documentation.
pub struct Regex {
    engines: Arc<Engines>,
    /// One cache per thread that searches at once, as `regex::Regex` keeps them.
    caches: Pool<Cache, MakeCache>,
}

impl std::fmt::Debug for Regex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Regex").field("lazy_dfa", &self.engines.hybrid.is_some()).finish_non_exhaustive()
    }
}

/// A match: its span in the haystack and the haystack.
#[derive(Clone, Copy, Debug)]
pub struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    #[must_use]
    pub fn start(&self) -> usize {
        self.start
    }

    #[must_use]
    pub fn end(&self) -> usize {
        self.end
    }

    #[must_use]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    #[must_use]
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

/// The groups of one match.
pub struct Captures<'h> {
    hay: &'h str,
    slots: Slots,
}

impl<'h> Captures<'h> {
    /// Group `i`; group 0 is the whole match.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.slots.get_group(i).map(|s| Match { hay: self.hay, start: s.start, end: s.end })
    }

    /// The group named `name`, if it took part in the match.
    #[must_use]
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.slots.get_group_by_name(name).map(|s| Match { hay: self.hay, start: s.start, end: s.end })
    }
}

impl Regex {
    /// Compiles `src` with `regex::Regex`'s default size limit.
    ///
    /// # Errors
    /// A syntax error, or a pattern that compiles to more than the size limit.
    pub fn new(src: &str) -> Result<Regex, String> {
        Regex::with_size_limit(src, DEFAULT_SIZE_LIMIT)
    }

    /// Compiles `src`; the compiled pattern may take at most `limit` bytes.
    ///
    /// # Errors
    /// A syntax error, or a pattern that compiles to more than `limit` bytes.
    pub fn with_size_limit(src: &str, limit: usize) -> Result<Regex, String> {
        let hir = syntax::parse_with(src, &syntax::Config::new()).map_err(|e| e.to_string())?;
        let config = thompson::Config::new().nfa_size_limit(Some(limit)).shrink(false);
        let nfa = thompson::Compiler::new().configure(config.clone()).build_from_hir(&hir).map_err(|e| e.to_string())?;
        let pikevm = PikeVM::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?;
        let hybrid = (|| {
            let reverse = thompson::Compiler::new()
                .configure(config.which_captures(WhichCaptures::None).reverse(true))
                .build_from_hir(&hir)
                .ok()?;
            // As `regex::Regex` does: give up on a search (and use the PikeVM) rather than
            // rebuild the cache again and again for few bytes searched.
            let dfa = hybrid::dfa::Config::new()
                .cache_capacity(CACHE_CAPACITY)
                .minimum_cache_clear_count(Some(3))
                .minimum_bytes_per_state(Some(10));
            let forward = hybrid::dfa::Builder::new().configure(dfa.clone()).build_from_nfa(nfa).ok()?;
            let reverse = hybrid::dfa::Builder::new()
                .configure(dfa.match_kind(regex_automata::MatchKind::All))
                .build_from_nfa(reverse)
                .ok()?;
            Some(hybrid::regex::Builder::new().build_from_dfas(forward, reverse))
        })();
        Ok(Regex::from_engines(Engines { hybrid, pikevm }))
    }

    /// A regex on `engines`, with a pool that makes caches for them.
    fn from_engines(engines: Engines) -> Regex {
        let engines = Arc::new(engines);
        let for_caches = Arc::clone(&engines);
        let make: MakeCache = Box::new(move || Cache {
            hybrid: for_caches.hybrid.as_ref().map(Hybrid::create_cache),
            pikevm: for_caches.pikevm.create_cache(),
            slots: for_caches.pikevm.create_captures(),
        });
        Regex { engines, caches: Pool::new(make) }
    }

    fn cache(&self) -> PoolGuard<'_, Cache, MakeCache> {
        self.caches.get()
    }

    /// The leftmost-first match in `input`'s span.
    fn search(&self, cache: &mut Cache, input: &Input<'_>) -> Option<regex_automata::Match> {
        if let (Some(h), Some(c)) = (&self.engines.hybrid, &mut cache.hybrid) {
            if let Ok(m) = h.try_search(c, input) {
                return m;
            }
        }
        self.engines.pikevm.search(&mut cache.pikevm, input, &mut cache.slots);
        cache.slots.get_match()
    }

    /// Whether the regex matches anywhere in `hay`.
    #[must_use]
    pub fn is_match(&self, hay: &str) -> bool {
        let input = Input::new(hay).earliest(true);
        let mut guard = self.cache();
        let cache = &mut *guard;
        if let (Some(h), Some(c)) = (&self.engines.hybrid, &mut cache.hybrid) {
            if let Ok(m) = h.forward().try_search_fwd(c.forward_mut(), &input) {
                return m.is_some();
            }
        }
        self.engines.pikevm.search(&mut cache.pikevm, &input, &mut cache.slots);
        cache.slots.is_match()
    }

    /// The first match that starts at or after `at`; the text before `at` is context (for `\b`).
    #[must_use]
    pub fn find_at<'h>(&self, hay: &'h str, at: usize) -> Option<Match<'h>> {
        let input = Input::new(hay).range(at..);
        let m = self.search(&mut self.cache(), &input)?;
        Some(Match { hay, start: m.start(), end: m.end() })
    }

    /// Every match in `hay`, one after the other, as `regex::Regex::find_iter`.
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        let mut searcher = Searcher::new(Input::new(hay));
        std::iter::from_fn(move || {
            let mut cache = self.cache();
            let m = searcher.advance(|input| Ok(self.search(&mut cache, input)))?;
            Some(Match { hay, start: m.start(), end: m.end() })
        })
    }

    /// The groups of the first match that starts at or after `at`.
    #[must_use]
    pub fn captures_at<'h>(&self, hay: &'h str, at: usize) -> Option<Captures<'h>> {
        let m = self.find_at(hay, at)?;
        Some(self.groups_of(hay, m))
    }

    /// The groups of every match in `hay`, as `regex::Regex::captures_iter`.
    pub fn captures_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.find_iter(hay).map(move |m| self.groups_of(hay, m))
    }

    /// The groups of match `m`: the `PikeVM` run anchored on its span (the lazy DFA ignores groups).
    fn groups_of<'h>(&self, hay: &'h str, m: Match<'h>) -> Captures<'h> {
        let mut slots = self.engines.pikevm.create_captures();
        let input = Input::new(hay).range(m.start..m.end).anchored(Anchored::Yes);
        self.engines.pikevm.search(&mut self.cache().pikevm, &input, &mut slots);
        Captures { hay, slots }
    }

    /// How many groups there are, the whole match included.
    #[must_use]
    pub fn captures_len(&self) -> usize {
        self.engines.pikevm.get_nfa().group_info().group_len(PatternID::ZERO)
    }

    /// Whether a group is named `name`.
    #[must_use]
    pub fn has_group(&self, name: &str) -> bool {
        self.engines.pikevm.get_nfa().group_info().to_index(PatternID::ZERO, name).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(re: &Regex, hay: &str) -> Vec<(usize, usize)> {
        re.find_iter(hay).map(|m| (m.start(), m.end())).collect()
    }

    #[test]
    fn matches_are_leftmost_first() {
        let re = Regex::new("sam|samwise").unwrap();
        assert_eq!(spans(&re, "samwise"), [(0, 3)]);
        let re = Regex::new("a+").unwrap();
        assert_eq!(spans(&re, "baaa aa"), [(1, 4), (5, 7)]);
    }

    #[test]
    fn empty_matches_follow_find_iter_and_never_split_a_character() {
        let re = Regex::new("a*").unwrap();
        // As regex::Regex: no empty match right after a match, none inside "é".
        assert_eq!(spans(&re, "aéa"), [(0, 1), (3, 4)]);
        assert_eq!(spans(&re, "é"), [(0, 0), (2, 2)]);
    }

    #[test]
    fn find_at_reads_the_text_before_as_context() {
        let re = Regex::new(r"(?-u:\b)kop").unwrap();
        assert!(re.find_at("ikop kop", 1).is_some_and(|m| m.start() == 5));
        assert!(re.find_at("ikop", 1).is_none());
    }

    #[test]
    fn groups_are_those_of_the_match_found() {
        let re = Regex::new(r"(?:ik )?(?P<hit>sla|slaan) ([a-z]+)").unwrap();
        let caps = re.captures_at("toen ik sla hem", 0).unwrap();
        assert_eq!(caps.get(0).unwrap().as_str(), "ik sla hem");
        assert_eq!(caps.name("hit").unwrap().as_str(), "sla");
        assert_eq!(caps.get(2).unwrap().as_str(), "hem");
        assert!(caps.name("none").is_none());
        assert_eq!(re.captures_len(), 3);
        assert!(re.has_group("hit") && !re.has_group("x"));
        let all: Vec<_> = re.captures_iter("sla a, slaan b").map(|c| c.name("hit").unwrap().as_str()).collect();
        assert_eq!(all, ["sla", "slaan"]);
    }

    #[test]
    fn is_match_and_errors() {
        let re = Regex::new(r"[0-9]{2}/[0-9]{2}").unwrap();
        assert!(re.is_match("op 12/03 om") && !re.is_match("op 1/3"));
        assert!(Regex::new("(").is_err());
        assert!(Regex::with_size_limit("a{1000}{1000}", 1 << 16).is_err());
    }

    #[test]
    fn a_pattern_without_a_lazy_dfa_still_matches() {
        // As when the lazy DFA could not be built: the PikeVM answers alone.
        let re = Regex::new("[a-z]+ing").unwrap();
        assert!(re.engines.hybrid.is_some());
        let fallback = Regex::from_engines(Engines { hybrid: None, pikevm: re.engines.pikevm.clone() });
        assert_eq!(spans(&fallback, "singing, bring"), spans(&re, "singing, bring"));
        assert!(fallback.is_match("ring") && !fallback.is_match("ing"));
    }
}
