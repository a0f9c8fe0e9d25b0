//! Regexes on the engines of the `regex` crate itself (`regex-automata`), without its `meta` layer.
//!
//! `regex::Regex` picks, per pattern, among several strategies (literal prefilters, reverse
//! searches, one-pass and backtracking engines). The patterns here never profit from them: they
//! run on the short stretches that their trigger words woke ([`crate::patterns`]), and in
//! WebAssembly only the lazy DFA is built in anyway. So a [`Regex`] is what `meta` makes of such a
//! pattern in WebAssembly, without the code that chooses: a lazy DFA forward to find where a match
//! ends and backward to find where it starts. That leaves `meta` and the `regex` wrapper out of
//! the module: about 10 kB gzipped.
//!
//! Nor is there a `PikeVM` (5 kB gzipped): the lazy DFA never needs a fallback here, since it
//! gives up only on a Unicode word boundary (the syntax has no Unicode classes, so `\b` is always
//! ASCII) or when it clears its cache too often (it is configured never to), and its cache grows to
//! what a pattern needs. Capture groups are not supported: a match is the whole match (a
//! group in a pattern only groups).
//!
//! The API is the part of `regex::Regex` this crate uses, with the same matches: leftmost-first,
//! `find_iter`'s rule for empty matches, and no empty match inside a UTF-8 character.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use regex_automata::hybrid::{self, regex::Regex as Hybrid};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::util::syntax;
use regex_automata::Input;

/// The default size limit of a compiled pattern, as `regex::Regex`'s.
const DEFAULT_SIZE_LIMIT: usize = 10 << 20;

/// The lazy DFA's cache per direction, as `regex::Regex`'s default (it grows only as needed).
const CACHE_CAPACITY: usize = 2 << 20;

type Cache = hybrid::regex::Cache;
type MakeCache = Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A compiled regex; see the module documentation.
pub struct Regex {
    hybrid: Arc<Hybrid>,
    /// One cache per thread that searches at once, as `regex::Regex` keeps them.
    caches: Pool<Cache, MakeCache>,
}

impl std::fmt::Debug for Regex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Regex").finish_non_exhaustive()
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
        let config = thompson::Config::new().nfa_size_limit(Some(limit)).shrink(false).which_captures(WhichCaptures::None);
        let compile = |reverse: bool| {
            thompson::Compiler::new().configure(config.clone().reverse(reverse)).build_from_hir(&hir).map_err(|e| e.to_string())
        };
        // The cache grows to what the pattern needs rather than the build failing; the lazy DFA
        // never gives up for clearing it often (as by default).
        let dfa = hybrid::dfa::Config::new().cache_capacity(CACHE_CAPACITY).skip_cache_capacity_check(true);
        let build = |nfa, config: hybrid::dfa::Config| hybrid::dfa::Builder::new().configure(config).build_from_nfa(nfa).map_err(|_| "the pattern is too large for a lazy DFA".to_string());
        let forward = build(compile(false)?, dfa.clone())?;
        let reverse = build(compile(true)?, dfa.match_kind(regex_automata::MatchKind::All))?;
        let hybrid = Arc::new(hybrid::regex::Builder::new().build_from_dfas(forward, reverse));
        let for_caches = Arc::clone(&hybrid);
        let make: MakeCache = Box::new(move || for_caches.create_cache());
        Ok(Regex { hybrid, caches: Pool::new(make) })
    }

    fn cache(&self) -> PoolGuard<'_, Cache, MakeCache> {
        self.caches.get()
    }

    /// The leftmost-first match in `input`'s span. The lazy DFA cannot fail with this
    /// configuration (see the module documentation); were it to, that is no match.
    fn search(&self, cache: &mut Cache, input: &Input<'_>) -> Option<regex_automata::Match> {
        self.hybrid.try_search(cache, input).ok().flatten()
    }

    /// Whether the regex matches anywhere in `hay`.
    #[must_use]
    pub fn is_match(&self, hay: &str) -> bool {
        let input = Input::new(hay).earliest(true);
        let mut cache = self.cache();
        matches!(self.hybrid.forward().try_search_fwd(cache.forward_mut(), &input), Ok(Some(_)))
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
    fn a_group_only_groups() {
        let re = Regex::new(r"(?:ik )?(?P<hit>sla|slaan) ([a-z]+)").unwrap();
        assert_eq!(re.find_at("toen ik sla hem", 0).unwrap().as_str(), "ik sla hem");
    }

    #[test]
    fn is_match_and_errors() {
        let re = Regex::new(r"[0-9]{2}/[0-9]{2}").unwrap();
        assert!(re.is_match("op 12/03 om") && !re.is_match("op 1/3"));
        assert!(Regex::new("(").is_err());
        // Only ASCII Perl classes: a Unicode word boundary (on which the lazy DFA would give up)
        // cannot be written.
        assert!(Regex::new(r"\bkop").is_err() && Regex::new(r"(?-u:\b)kop").is_ok());
        assert!(Regex::with_size_limit("a{1000}{1000}", 1 << 16).is_err());
    }

    #[test]
    fn a_pattern_too_large_for_the_cache_still_matches() {
        // Its lazy DFA needs more than CACHE_CAPACITY: the cache grows instead of the build failing.
        let src = r"(?:[a-z]{1,3} ?){1,14000}zot";
        let min = hybrid::dfa::DFA::new(src).map(|_| ()).map_err(|e| e.to_string());
        assert!(hybrid::dfa::Builder::new().configure(hybrid::dfa::Config::new().cache_capacity(CACHE_CAPACITY)).build(src).is_err(), "{min:?}");
        let re = Regex::new(src).unwrap();
        assert!(re.is_match("ge zijt ne zot"));
        assert_eq!(spans(&re, "ge zijt ne zot"), [(0, 14)]);
    }
}
