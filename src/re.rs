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
//! what a pattern needs. Capture groups are not supported; instead one named group that is part
//! of the pattern's outermost sequence ("`\b(?P<hit>kanker|tyfus)\s+flikken`") is found by two
//! more lazy DFAs anchored in the match: forward, what comes before the group, and backward, what
//! comes after it ([`Regex::group`]).
//!
//! The API is the part of `regex::Regex` this crate uses, with the same matches: leftmost-first,
//! `find_iter`'s rule for empty matches, and no empty match inside a UTF-8 character.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use regex_automata::hybrid::{self, dfa::DFA, regex::Regex as Hybrid};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Hir, HirKind};

/// The default size limit of a compiled pattern, as `regex::Regex`'s.
const DEFAULT_SIZE_LIMIT: usize = 10 << 20;

/// The lazy DFA's cache per direction, as `regex::Regex`'s default (it grows only as needed).
const CACHE_CAPACITY: usize = 2 << 20;

struct Engines {
    hybrid: Hybrid,
    group: Option<Group>,
}

/// A named group in the pattern's outermost sequence: its name, a forward lazy DFA for the part
/// of the sequence before it and a reverse one for the part after it.
struct Group {
    name: String,
    before: DFA,
    after: DFA,
}

struct Cache {
    hybrid: hybrid::regex::Cache,
    /// For [`Group::before`] and [`Group::after`].
    group: Option<(hybrid::dfa::Cache, hybrid::dfa::Cache)>,
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
        f.debug_struct("Regex").field("group", &self.group_name()).finish_non_exhaustive()
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
        let compile = |hir: &Hir, reverse: bool| {
            thompson::Compiler::new().configure(config.clone().reverse(reverse)).build_from_hir(hir).map_err(|e| e.to_string())
        };
        // The cache grows to what the pattern needs rather than the build failing; the lazy DFA
        // never gives up for clearing it often (as by default).
        let dfa = hybrid::dfa::Config::new().cache_capacity(CACHE_CAPACITY).skip_cache_capacity_check(true);
        let build = |nfa, config: hybrid::dfa::Config| hybrid::dfa::Builder::new().configure(config).build_from_nfa(nfa).map_err(|_| "the pattern is too large for a lazy DFA".to_string());
        let forward = build(compile(&hir, false)?, dfa.clone())?;
        let reverse = build(compile(&hir, true)?, dfa.clone().match_kind(regex_automata::MatchKind::All))?;
        let hybrid = hybrid::regex::Builder::new().build_from_dfas(forward, reverse);
        // The first named group in the outer sequence, and where it stands in it.
        let parts: &[Hir] = match hir.kind() {
            HirKind::Concat(parts) => parts,
            _ => &[],
        };
        let named = parts.iter().enumerate().find_map(|(i, p)| match p.kind() {
            HirKind::Capture(c) => c.name.as_deref().map(|name| (i, name)),
            _ => None,
        });
        let group = match named {
            Some((i, name)) => {
                let before = build(compile(&Hir::concat(parts[..i].to_vec()), false)?, dfa.clone())?;
                let after = build(compile(&Hir::concat(parts[i + 1..].to_vec()), true)?, dfa.match_kind(regex_automata::MatchKind::All))?;
                Some(Group { name: name.to_string(), before, after })
            }
            None => None,
        };
        Ok(Regex::from_engines(Engines { hybrid, group }))
    }

    /// A regex on `engines`, with a pool that makes caches for them.
    fn from_engines(engines: Engines) -> Regex {
        let engines = Arc::new(engines);
        let for_caches = Arc::clone(&engines);
        let make: MakeCache = Box::new(move || Cache {
            hybrid: for_caches.hybrid.create_cache(),
            group: for_caches.group.as_ref().map(|g| (g.before.create_cache(), g.after.create_cache())),
        });
        Regex { engines, caches: Pool::new(make) }
    }

    fn cache(&self) -> PoolGuard<'_, Cache, MakeCache> {
        self.caches.get()
    }

    /// The leftmost-first match in `input`'s span. The lazy DFA cannot fail with this
    /// configuration (see the module documentation); were it to, that is no match.
    fn search(&self, cache: &mut Cache, input: &Input<'_>) -> Option<regex_automata::Match> {
        self.engines.hybrid.try_search(&mut cache.hybrid, input).ok().flatten()
    }

    /// Whether the regex matches anywhere in `hay`.
    #[must_use]
    pub fn is_match(&self, hay: &str) -> bool {
        let input = Input::new(hay).earliest(true);
        let mut cache = self.cache();
        matches!(self.engines.hybrid.forward().try_search_fwd(cache.hybrid.forward_mut(), &input), Ok(Some(_)))
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

    /// The name of the group [`Regex::group`] finds, if the pattern has one.
    #[must_use]
    pub fn group_name(&self) -> Option<&str> {
        self.engines.group.as_ref().map(|g| g.name.as_str())
    }

    /// The span of the named group (see the module documentation) in match `m` of this regex: from
    /// where the part before it ends (leftmost-first, from the match's start) to where the longest
    /// part after it that ends at the match's end starts. The whole match when the pattern has no
    /// such group or the two overlap (a word the lists before or after the group share with the
    /// group's own).
    #[must_use]
    pub fn group<'h>(&self, m: Match<'h>) -> Match<'h> {
        let Some(g) = &self.engines.group else { return m };
        let mut guard = self.cache();
        let Some((before, after)) = &mut guard.group else { return m };
        let input = Input::new(m.hay).range(m.start..m.end).anchored(Anchored::Yes);
        let start = g.before.try_search_fwd(before, &input).ok().flatten().map(|h| h.offset());
        let end = g.after.try_search_rev(after, &input).ok().flatten().map(|h| h.offset());
        match (start, end) {
            (Some(start), Some(end)) if start <= end => Match { hay: m.hay, start, end },
            _ => m,
        }
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
    fn a_named_group_in_the_outer_sequence_is_found_in_the_match() {
        let re = Regex::new(r"(?:ik )?(?P<hit>sla|slaan) ([a-z]+)").unwrap();
        assert_eq!(re.group_name(), Some("hit"));
        let m = re.find_at("toen ik sla hem", 0).unwrap();
        assert_eq!(m.as_str(), "ik sla hem");
        assert_eq!(re.group(m).as_str(), "sla");
        let all: Vec<_> = re.find_iter("sla a, slaan b").map(|m| re.group(m).as_str()).collect();
        assert_eq!(all, ["sla", "slaan"]);
        // As leftmost-first: the group is the one of the match, not the longest it could take.
        let re = Regex::new(r"(?-u:\b)(?P<w>kk|kanker) *flik").unwrap();
        let m = re.find_at("kanker flik", 0).unwrap();
        assert_eq!(re.group(m).as_str(), "kanker");
        // No such group, or one that cannot be told apart: the whole match.
        let re = Regex::new(r"a(b)c").unwrap();
        assert_eq!(re.group_name(), None);
        assert_eq!(re.group(re.find_at("xabc", 0).unwrap()).as_str(), "abc");
        let re = Regex::new(r"(?:[a-z]+ )*(?P<hit>zot) dom").unwrap();
        let m = re.find_at("ge zot zot dom", 0).unwrap();
        assert_eq!((m.as_str(), re.group(m).as_str()), ("ge zot zot dom", "ge zot zot dom"));
        let re = Regex::new(r"(?:ge |zijt )*(?P<hit>zot) dom").unwrap();
        let m = re.find_at("ge zijt zot dom", 0).unwrap();
        assert_eq!(re.group(m).as_str(), "zot");
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
