//! The engine: compiles a rule pack once, then checks comments.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::re::Regex;

use crate::detectors::{Detector, DetectorContext, Shape};
use crate::pack::{self, ContactsDef, LinksDef, PackFile, RuleDef};
use crate::patterns::{AnyOf, LazyRegex, PatternSet};
use crate::regex_prep::expand_defs;
use crate::text::{self, Views};
use crate::trie::Trie;
use crate::{Action, Category, Contacts, Error, Examples, Finding, RuleInfo, Verdict, MAX_TEXT_BYTES};

/// The default Politie Gent pack, one file per category, in this order, as packed by build.rs
/// (see [`pack::unpack`]); natively, for the test that both agree, also the TOML it came from.
macro_rules! default_pack {
    ($($name:literal),* $(,)?) => {
        const DEFAULT_PACK: &[(&str, &[u8])] =
            &[$((concat!("politie-gent/", $name, ".toml"), include_bytes!(concat!(env!("OUT_DIR"), "/politie-gent/", $name, ".bin")))),*];
        #[cfg(test)]
        const DEFAULT_PACK_TOML: &[&str] = &[$(include_str!(concat!("packs/politie-gent/", $name, ".toml"))),*];
    };
}

default_pack!("pack", "emergency", "threat", "discrimination", "insult", "defamation", "personal-data", "complaint", "report", "private-message", "advertising", "trolling", "media");

/// Options for building an [`Engine`]. Every field is optional.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// User packs as `(name, TOML source)`, merged on top of the default pack in order.
    pub packs: Vec<(String, String)>,
    /// Rule ids or category ids to switch off.
    pub disable: Vec<String>,
    /// Action per rule id or category id (category actions apply first, then rule actions; for the
    /// same id the later pair wins).
    pub actions: Vec<(String, Action)>,
    /// Extra words to flag (rule `insult/user-words`).
    pub block: Vec<String>,
    /// Extra words that never count.
    pub allow: Vec<String>,
    /// User packs already packed (see [`pack::unpack`]): in WebAssembly, `wasm.rs` packs a JSON
    /// pack straight from its JavaScript value.
    #[cfg(target_arch = "wasm32")]
    #[doc(hidden)]
    pub packed: Vec<(String, Vec<u8>)>,
}

/// How one side of a word-list entry must sit in the text: at a word boundary (no mark), glued to
/// more letters (`+`, a compound part: `kanker+` is "kankerflikken" but not "kanker"), or either
/// (`*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Boundary,
    Glued,
    Any,
}

impl Side {
    fn ok(self, boundary: bool) -> bool {
        match self {
            Side::Boundary => boundary,
            Side::Glued => !boundary,
            Side::Any => true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mode {
    left: Side,
    right: Side,
}

impl Mode {
    const ANYWHERE: Mode = Mode { left: Side::Any, right: Side::Any };
    fn is_word(self) -> bool {
        self.left == Side::Boundary && self.right == Side::Boundary
    }
}

#[derive(Debug, Clone, Copy)]
enum Owner {
    Rule(usize),
    /// Allow entry; `None` for every rule.
    Allow(Option<usize>),
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    owner: Owner,
    mode: Mode,
}

#[derive(Debug)]
struct Rule {
    info: RuleInfo,
    unless: AnyOf,
    unless_in_comment: AnyOf,
    requires: Vec<LazyRegex>,
    sentence_span: bool,
    comment_context: bool,
    yields_to: Vec<Category>,
    detector: Option<Detector>,
}

/// A compiled rule pack. Build it once, check many comments; it is immutable, so a failed
/// rebuild (a bad user pack) leaves the previous engine untouched.
#[derive(Debug)]
pub struct Engine {
    rules: Vec<Rule>,
    lexicon: Option<Trie>,
    entries: Vec<Entry>,
    /// `=word` allow entries: a match inside a word whose plain form is exactly one of these is
    /// innocent ("negeer" squeezes to the same letters as a slur, but is spelled differently).
    exact_allow: Vec<(Option<usize>, String)>,
    patterns: PatternSet,
    detectors: DetectorContext,
    contacts: Contacts,
    typos: text::Typos,
    /// The pack's `[defs] mention`: what shows that quoted words are mentioned, not used.
    mention: Option<LazyRegex>,
}

/// A candidate finding before it becomes a [`Finding`]: rule index and original byte span.
#[derive(Debug, Clone, Copy)]
struct Hit {
    rule: usize,
    start: usize,
    end: usize,
}

struct Merged {
    rules: Vec<RuleDef>,
    sources: Vec<(String, usize)>,
    defs: Vec<(String, String)>,
    /// A user pack changed `[defs]`: no default regex can be trusted unparsed.
    user_defs: bool,
    allow: Vec<String>,
    block: Vec<String>,
    typos: Vec<String>,
    contacts: ContactsDef,
    links: LinksDef,
}

impl Engine {
    /// Builds the engine from the default Politie Gent pack.
    ///
    /// # Errors
    /// Only if the embedded pack is broken, which the test suite rules out.
    pub fn new() -> Result<Engine, Error> {
        Engine::with_options(&EngineOptions::default())
    }

    /// Builds the engine from the default pack plus `options`.
    ///
    /// # Errors
    /// A bad pack or option: the message names the file, line and field, and how to fix it.
    pub fn with_options(options: &EngineOptions) -> Result<Engine, Error> {
        let mut merged = Merged {
            rules: Vec::new(),
            sources: Vec::new(),
            defs: Vec::new(),
            user_defs: false,
            allow: Vec::new(),
            block: Vec::new(),
            typos: Vec::new(),
            contacts: ContactsDef::default(),
            links: LinksDef::default(),
        };
        for (name, packed) in DEFAULT_PACK {
            let file = pack::unpack(name, packed)?;
            merge(&mut merged, name, "", file, true)?;
        }
        #[cfg(not(target_arch = "wasm32"))]
        for (name, source) in &options.packs {
            let file = pack::parse(name, source)?;
            merge(&mut merged, name, source, file, false)?;
        }
        #[cfg(target_arch = "wasm32")]
        {
            if let Some((name, _)) = options.packs.first() {
                return Err(Error::Pack { file: name.clone(), line: None, message: "a TOML pack cannot be read in WebAssembly; pass it as JSON".into() });
            }
            for (name, packed) in &options.packed {
                let file = pack::unpack(name, packed)?;
                merge(&mut merged, name, "", file, false)?;
            }
        }
        for (field, list) in [("block", &options.block), ("allow", &options.allow)] {
            for w in list {
                let core = w.trim().trim_start_matches(['*', '+', '=']).trim_end_matches(['*', '+']);
                if text::normalize_entry(core).chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                    return Err(Error::Options(format!("`{field}` word `{w}` is too short; words need at least two letters")));
                }
            }
        }
        merged.block.extend(options.block.iter().cloned());
        merged.allow.extend(options.allow.iter().cloned());
        apply_options(&mut merged, options)?;
        compile(merged)
    }

    /// Checks one comment.
    ///
    /// # Errors
    /// A text longer than [`MAX_TEXT_BYTES`] or containing a NUL character.
    pub fn check(&self, text: &str) -> Result<Verdict, Error> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(Error::Input(format!(
                "the text is {} bytes long; the limit is {MAX_TEXT_BYTES} bytes (a Facebook comment holds at most 8,000 characters)",
                text.len()
            )));
        }
        if text.contains('\0') {
            return Err(Error::Input("the text contains a NUL character; remove it and try again".into()));
        }
        if text.trim().is_empty() {
            return Ok(Verdict { action: Action::Allow, findings: Vec::new() });
        }
        let views = Views::new(text);
        let mut hits = Vec::new();
        self.match_lexicon(text, &views.lex, &mut hits);
        // Typos in the words a pack names corrected ("ik haat mosilms", "klootzk"): the word lists
        // and the phrase patterns look at the corrected text too.
        let corrected = self.typos.correct(views.joined.as_ref().unwrap_or(&views.plain));
        if let Some(corrected) = &corrected {
            self.match_lexicon(text, &text::lex_of(&corrected.text).through(corrected), &mut hits);
        }
        let mut sentences = Sentences::default();
        self.match_patterns(text, &views, corrected.as_ref(), &mut hits, &mut sentences);
        // Phrases read through scare quotes too ("alle moslims zijn 'terroristen'"); a phrase
        // wholly inside a quotation is still only mentioned (`is_mentioned`, in the plain view).
        let quotes = if text.bytes().any(|b| b == b'\'' || b == b'"' || b >= 0x80) { text::quotations(&views.plain.text) } else { Vec::new() };
        let unquoted = (!quotes.is_empty()).then(|| views.plain.without_marks(&quotes));
        if let Some(unquoted) = &unquoted {
            // Only phrases that run across a mark are new here, and only when the rest of the
            // comment does not speak about the quoted words ("ik lees hier veel over 'doofpot'").
            if !self.points_at(&views.plain.text, &quotes) {
                let mut marks = Vec::new();
                for &(s, e) in &quotes {
                    marks.push(views.plain.to_original(s - 1, s).0);
                    marks.push(views.plain.to_original(e, e + 1).0);
                }
                self.match_patterns_in(text, unquoted, (&views.plain, &marks), &mut hits, &mut sentences);
            }
        }
        let shape = Shape::of(text, &views.plain.text);
        for (i, rule) in self.rules.iter().enumerate() {
            if let (true, Some(d)) = (rule.info.enabled, rule.detector) {
                for (start, end) in self.detectors.run(d, text, &views, &shape) {
                    hits.push(Hit { rule: i, start, end });
                }
            }
        }
        // An excuse or a requirement counts in any view the hit could be found in: stretched or
        // misspelt words hide neither the offence nor what excuses it.
        let mut seen = [&views.plain; 4];
        let mut n = 1;
        for v in views.joined.iter().chain(&corrected).chain(&unquoted) {
            seen[n] = v;
            n += 1;
        }
        // The view without quotation marks has no quotations to be mentioned in.
        let with_marks = n - usize::from(unquoted.is_some());
        hits.retain(|h| {
            self.rules[h.rule].info.enabled
                && h.start < h.end
                && !self.is_excused(text, &seen[..n], h, &mut sentences)
                && !seen[..with_marks].iter().any(|v| self.is_mentioned(text, v, h.rule, h.start, h.end))
        });
        Ok(self.verdict(text, hits))
    }

    /// Checks many comments; one bad text gives an error for that text only.
    #[must_use]
    pub fn check_many<S: AsRef<str>>(&self, texts: &[S]) -> Vec<Result<Verdict, Error>> {
        texts.iter().map(|t| self.check(t.as_ref())).collect()
    }

    /// Every rule, with its documentation and examples.
    #[must_use]
    pub fn rules(&self) -> Vec<RuleInfo> {
        self.rules.iter().map(|r| r.info.clone()).collect()
    }

    /// The organisation's own contact channels.
    #[must_use]
    pub fn contacts(&self) -> &Contacts {
        &self.contacts
    }

    /// The patterns that match `text` (in its plain view) although their trigger conditions did
    /// not wake them, as `rule: pattern`. For the test suite: must always be empty, or triggers
    /// would hide findings.
    #[doc(hidden)]
    #[must_use]
    pub fn unwoken_patterns(&self, text: &str) -> Vec<String> {
        let views = Views::new(text);
        let t = views.plain.text.as_str();
        let woken = self.patterns.candidates(t);
        let mut missed = Vec::new();
        for (i, (rule, re)) in self.patterns.patterns.iter().enumerate() {
            let Some(compiled) = re.get() else { continue };
            // Every match must lie in a stretch the pattern runs on.
            for m in compiled.find_iter(t).filter(|m| !m.is_empty()) {
                if !woken.iter().any(|c| c.pattern as usize == i && c.start as usize <= m.start() && m.end() <= c.end as usize) {
                    missed.push(format!("{}: {} «{}»", self.rules[*rule].info.id, re.source().unwrap_or_else(Cow::Owned), m.as_str()));
                }
            }
        }
        missed
    }

    /// Per phrase pattern, over `texts`: how often its triggers woke it and how often it then
    /// matched, as `(rule: pattern, woken, matched)`, most woken first. For tuning the packs'
    /// speed: a pattern woken often and matching rarely wants a rarer trigger word.
    #[doc(hidden)]
    #[must_use]
    pub fn pattern_wake_counts(&self, texts: &[String]) -> Vec<(String, usize, usize)> {
        let mut counts = vec![(0usize, 0usize); self.patterns.patterns.len()];
        let mut wakers: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); self.patterns.patterns.len()];
        for text in texts {
            let views = Views::new(text);
            let mut woken: Vec<u32> = self.patterns.candidates(&views.plain.text).iter().map(|c| c.pattern).collect();
            woken.dedup();
            for i in woken {
                let (_, re) = &self.patterns.patterns[i as usize];
                counts[i as usize].0 += 1;
                if re.is_match(&views.plain.text) {
                    counts[i as usize].1 += 1;
                } else {
                    for w in self.patterns.wakers(&views.plain.text, i as usize) {
                        *wakers[i as usize].entry(w).or_default() += 1;
                    }
                }
            }
        }
        let mut out: Vec<(String, usize, usize)> = self
            .patterns
            .patterns
            .iter()
            .zip(counts)
            .zip(wakers)
            .map(|(((rule, re), (w, m)), wakers)| {
                let src = re.source().unwrap_or_else(Cow::Owned);
                let mut top: Vec<(String, usize)> = wakers.into_iter().collect();
                top.sort_by_key(|t| std::cmp::Reverse(t.1));
                let top: Vec<String> = top.iter().take(6).map(|(w, n)| format!("{w:?}×{n}")).collect();
                (format!("{}: {}\n        woken without a match by: {}", self.rules[*rule].info.id, src.chars().take(90).collect::<String>(), top.join(" ")), w, m)
            })
            .collect();
        out.sort_by_key(|t| std::cmp::Reverse(t.1));
        out
    }

    /// Every phrase-pattern match in `text` (plain view), as `rule «matched text» pattern start`,
    /// before `unless`, `requires` and the merging of hits. For tuning the packs.
    #[doc(hidden)]
    #[must_use]
    pub fn pattern_matches(&self, text: &str) -> Vec<String> {
        let views = Views::new(text);
        let mut out = Vec::new();
        for view in std::iter::once(&views.plain).chain(&views.joined) {
            for c in self.patterns.candidates(&view.text) {
                let (rule, re) = &self.patterns.patterns[c.pattern as usize];
                let Some(compiled) = re.get() else { continue };
                for m in compiled.find_iter(&view.text[..c.end as usize]).filter(|m| m.start() >= c.start as usize) {
                    let src = re.source().unwrap_or_else(Cow::Owned);
                    out.push(format!("{} «{}» {}", self.rules[*rule].info.id, m.as_str(), src.chars().take(70).collect::<String>()));
                }
            }
        }
        out
    }

    /// Compiles every pattern now (they are compiled on first use otherwise) and returns the ones
    /// that fail, as `rule: pattern`. For the test suite: the default pack's regexes are trusted at
    /// build time.
    #[doc(hidden)]
    #[must_use]
    pub fn uncompilable_patterns(&self) -> Vec<String> {
        let mut bad = Vec::new();
        for (rule, re) in &self.patterns.patterns {
            if re.get().is_none() {
                bad.push(format!("{}: {}", self.rules[*rule].info.id, re.source().unwrap_or_else(Cow::Owned)));
            }
        }
        for r in &self.rules {
            for re in r.unless.parts.iter().chain(&r.unless_in_comment.parts).chain(&r.requires).chain(&self.mention) {
                if re.get().is_none() {
                    bad.push(format!("{}: {}", r.info.id, re.source().unwrap_or_else(Cow::Owned)));
                }
            }
        }
        bad
    }

    /// The crate version.
    #[must_use]
    pub fn version() -> &'static str {
        env!("CARGO_PKG_VERSION")
    }

    fn match_lexicon(&self, original: &str, lex: &text::View, hits: &mut Vec<Hit>) {
        let Some(trie) = &self.lexicon else { return };
        let t = lex.text.as_str();
        let mut bad: Vec<(usize, usize, usize, Mode)> = Vec::new();
        let mut allowed: Vec<(usize, usize, Option<usize>)> = Vec::new();
        trie.find_all(t.as_bytes(), |pattern, s, e| {
            let entry = self.entries[pattern];
            let before = t[..s].chars().next_back().is_none_or(|c| !text::is_word_char(c));
            let after = t[e..].chars().next().is_none_or(|c| !text::is_word_char(c));
            let ok = entry.mode.left.ok(before) && entry.mode.right.ok(after);
            match entry.owner {
                Owner::Rule(r) if ok => bad.push((r, s, e, entry.mode)),
                Owner::Allow(r) if ok => allowed.push((s, e, r)),
                _ => {}
            }
        });
        let masked_from = bad.len();
        if t.contains('*') {
            self.match_masked(t, trie, &mut bad);
        }
        for (i, (r, s, e, mode)) in bad.into_iter().enumerate() {
            if i >= masked_from {
                // A masked word: its span is the whole masked token, stars included.
                let (start, end) = if mode.is_word() { (s, e) } else { masked_token_around(t, s, e) };
                let (start, end) = lex.to_original(start, end);
                hits.push(Hit { rule: r, start, end });
                continue;
            }
            if allowed.iter().any(|&(as_, ae, ar)| as_ <= s && ae >= e && ar.is_none_or(|x| x == r)) {
                continue;
            }
            if !self.exact_allow.is_empty() {
                let (ws, we) = word_around(t, s, e);
                let (os, oe) = lex.to_original(ws, we);
                let word = text::normalize_plain(&original[os..oe]);
                if self.exact_allow.iter().any(|(ar, w)| *w == word && ar.is_none_or(|x| x == r)) {
                    continue;
                }
            }
            // Show the whole word a stem sits in ("kankerflikken", not "kanker").
            let (s2, e2) = if mode.is_word() { (s, e) } else { word_around(t, s, e) };
            let (start, end) = lex.to_original(s2, e2);
            hits.push(Hit { rule: r, start, end });
        }
    }

    /// Words with letters masked by asterisks ("k*nkerflikken", "kl**tzak"): in each token of
    /// letters and stars with at least two letters and a star after its first letter, the word
    /// lists are matched with every run of stars standing for hidden letters
    /// ([`Trie::find_masked`]). Stars count as part of the word for the entry's boundaries.
    fn match_masked(&self, t: &str, trie: &Trie, bad: &mut Vec<(usize, usize, usize, Mode)>) {
        let bytes = t.as_bytes();
        let mut at = 0;
        while let Some(off) = t[at..].find('*') {
            let star = at + off;
            let (ts, te) = masked_token_around(t, star, star + 1);
            at = te.max(star + 1);
            let token = &t[ts..te];
            let letters = token.chars().filter(|c| c.is_alphabetic()).count();
            if letters < 2 || token.starts_with('*') || token.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let last_star = ts + token.rfind('*').unwrap_or(0);
            // A match starts at the token's first letter or, for a compound part, at a later one.
            for (i, c) in token.char_indices() {
                let s = ts + i;
                if s > last_star {
                    break;
                }
                if c == '*' {
                    continue;
                }
                trie.find_masked(bytes, s, b'*', |pattern, e| {
                    if e > te {
                        return;
                    }
                    let entry = self.entries[pattern];
                    let ok = entry.mode.left.ok(s == ts) && entry.mode.right.ok(e == te);
                    if let (Owner::Rule(r), true) = (entry.owner, ok) {
                        bad.push((r, s, e, entry.mode));
                    }
                });
            }
        }
    }

    fn match_patterns(&self, text: &str, views: &Views, corrected: Option<&text::View>, hits: &mut Vec<Hit>, sentences: &mut Sentences) {
        self.match_patterns_in(text, &views.plain, (&views.plain, &[]), hits, sentences);
        // Split letters ("k.a.p.o.t maken") joined: the same hit found twice merges in `verdict`.
        if let Some(joined) = &views.joined {
            self.match_patterns_in(text, joined, (joined, &[]), hits, sentences);
        }
        if let Some(corrected) = corrected {
            self.match_patterns_in(text, corrected, (corrected, &[]), hits, sentences);
        }
    }

    /// Runs the phrase patterns on `plain`, a view of `text`. `quoted` is the view whose
    /// quotations may make a hit only mentioned (`plain` itself, or the plain view when `plain`
    /// is it without its quotation marks), and the original offsets of the marks taken out: then
    /// only hits across one of them count, the others were looked for already.
    fn match_patterns_in(&self, text: &str, plain: &text::View, quoted: (&text::View, &[usize]), hits: &mut Vec<Hit>, sentences: &mut Sentences) {
        let (quoted, marks) = quoted;
        for c in self.patterns.candidates(&plain.text) {
            let (rule, lazy) = &self.patterns.patterns[c.pattern as usize];
            if !self.rules[*rule].info.enabled {
                continue;
            }
            let Some(re) = lazy.get() else { continue };
            let first = hits.len();
            // The stretch to search, with the text before it as context (`find_at`).
            let hay = &plain.text[..c.end as usize];
            let mut at = c.start as usize;
            while at <= hay.len() {
                let Some(found) = re.find_at(hay, at) else { break };
                let m = found.range();
                if !m.is_empty() {
                    let (mut start, mut end) = plain.to_original(m.start, m.end);
                    // Before a sentence span widens it past the quotation marks.
                    let across = marks.is_empty() || marks.iter().any(|&m| start <= m && m < end);
                    // A hit that ends or starts at a mark taken out covers it: "zijn 'terroristen'".
                    let mark_len = |m: usize| text[m..].chars().next().map_or(0, char::len_utf8);
                    if marks.contains(&end) {
                        end += mark_len(end);
                    }
                    if let Some(&m) = marks.iter().find(|&&m| m < start && m + mark_len(m) == start) {
                        start = m;
                    }
                    if across && !self.is_mentioned(text, quoted, *rule, start, end) {
                        hits.push(Hit { rule: *rule, start, end });
                    }
                }
                // As `find_iter`: on after the match, one character on after an empty one.
                at = if m.is_empty() { m.end + hay[m.end..].chars().next().map_or(1, char::len_utf8) } else { m.end };
            }
            if self.rules[*rule].sentence_span {
                for h in &mut hits[first..] {
                    let (s, e) = sentences.around(text, h.start, h.end);
                    let trimmed = text[s..e].trim_start();
                    h.start = e - trimmed.len();
                    h.end = h.start + trimmed.trim_end().len();
                }
            }
        }
    }

    /// True when an `unless_in_comment` pattern of the rule matches the comment, an `unless`
    /// pattern the sentence around the hit, or one of its `requires` patterns does not, in
    /// `views` (the plain view, then others of the same text): an `unless` in any of them, a
    /// `requires` in none.
    fn is_excused(&self, text: &str, views: &[&text::View], hit: &Hit, sentences: &mut Sentences) -> bool {
        let rule = &self.rules[hit.rule];
        if !rule.unless_in_comment.parts.is_empty() && views.iter().any(|v| rule.unless_in_comment.is_match(&v.text)) {
            return true;
        }
        if rule.unless.parts.is_empty() && rule.requires.is_empty() {
            return false;
        }
        let mut seen = [""; 4];
        for (s, v) in seen.iter_mut().zip(views) {
            *s = if rule.comment_context { v.text.as_str() } else { sentences.plain(text, v, hit.start, hit.end) };
        }
        // At most four views (plain, joined, corrected, unquoted); more would be a bug, not a panic.
        let seen = &seen[..views.len().min(4)];
        seen.iter().any(|s| rule.unless.is_match(s)) || rule.requires.iter().any(|r| seen.iter().all(|s| !r.is_match(s)))
    }

    /// True when the hit `start..end` of `rule` in `text` lies wholly inside a quotation of `view`,
    /// a view of `text` ([`text::quotations`]), and the pack's `[defs] mention` matches the view
    /// without its quotations: the writer quotes the words to point at them, report or reject them
    /// ("'kweet waar ge woont' is gene grap", "wie schreef hierboven '...'?"). Personal data
    /// stays personal data in quotation marks.
    // Not inlined: it is called from the pattern loop and for every other hit, and rarely gets far.
    #[inline(never)]
    fn is_mentioned(&self, text: &str, view: &text::View, rule: usize, start: usize, end: usize) -> bool {
        if self.mention.is_none() {
            return false;
        }
        // The quick answer for most hits: a quotation needs a mark before the hit and one after
        // (`'`, `"`, or a byte of `«`, `»` or a typographic quote, U+2018 to U+201F).
        let mark = |b: &u8| matches!(b, b'\'' | b'"' | 0xAB | 0xBB | 0x98..=0x9F);
        let b = text.as_bytes();
        if self.rules[rule].info.category == Category::PersonalData || !b[..start].iter().any(mark) || !b[end..].iter().any(mark) {
            return false;
        }
        let t = view.text.as_str();
        let quotes = text::quotations(t);
        let inside = |&(s, e): &(usize, usize)| {
            let (qs, qe) = if s < e { view.to_original(s, e) } else { (0, 0) };
            qs <= start && end <= qe
        };
        quotes.iter().any(inside) && self.points_at(t, &quotes)
    }

    /// True when the pack's `[defs] mention` matches the view text `t` without its quotations
    /// `quotes`: the rest of the comment speaks about the quoted words.
    fn points_at(&self, t: &str, quotes: &[(usize, usize)]) -> bool {
        let Some(mention) = &self.mention else { return false };
        let mut outside = String::with_capacity(t.len());
        let mut at = 0;
        for &(s, e) in quotes {
            outside.push_str(&t[at..s]);
            at = e;
        }
        outside.push_str(&t[at..]);
        mention.is_match(&outside)
    }

    fn verdict(&self, text: &str, mut hits: Vec<Hit>) -> Verdict {
        // Overlapping hits of one category: keep the earliest rule in the pack (the most specific),
        // widened to cover both.
        text::sort_by_key(&mut hits, |h| (h.start, h.end));
        let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
        for h in hits {
            let cat = self.rules[h.rule].info.category;
            if let Some(k) = kept.iter_mut().find(|k| {
                self.rules[k.rule].info.category == cat && k.start < h.end && h.start < k.end
            }) {
                if h.rule < k.rule {
                    k.rule = h.rule;
                }
                k.start = k.start.min(h.start);
                k.end = k.end.max(h.end);
                continue;
            }
            kept.push(h);
        }
        // A rule steps back for the categories it yields to (a report that is an emergency).
        let present: Vec<Category> = kept.iter().map(|h| self.rules[h.rule].info.category).collect();
        kept.retain(|h| !self.rules[h.rule].yields_to.iter().any(|c| present.contains(c)));
        let mut findings: Vec<Finding> = kept
            .into_iter()
            .filter(|h| self.rules[h.rule].info.action != Action::Allow)
            .map(|h| {
                let info = &self.rules[h.rule].info;
                Finding {
                    rule: info.id.clone(),
                    category: info.category,
                    action: info.action,
                    start: h.start,
                    end: h.end,
                    excerpt: text[h.start..h.end].to_string(),
                    message: info.message.clone(),
                    advice: info.advice.clone(),
                }
            })
            .collect();
        text::sort_by_key(&mut findings, |f| (f.action, f.start, f.end));
        let action = findings.first().map_or(Action::Allow, |f| f.action);
        Verdict { action, findings }
    }
}

/// What ends a sentence: end punctuation and a space, a line break, or end punctuation at the end.
/// Compiled once per process, when a rule first needs sentences.
fn sentence_breaks() -> &'static Regex {
    static BREAKS: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    // A constant pattern, exercised by every test that has a sentence.
    BREAKS.get_or_init(|| Regex::new(&crate::regex_prep::ascii_classes(r"[.!?\n]+\s|\n|[.!?]+$")).unwrap_or_else(|e| panic!("{e}")))
}

/// The whole word around `start..end` of `t`.
fn word_around(t: &str, start: usize, end: usize) -> (usize, usize) {
    token_around(t, start, end, text::is_word_char)
}

/// The token of letters, digits and asterisks around `start..end` (a masked word).
fn masked_token_around(t: &str, start: usize, end: usize) -> (usize, usize) {
    token_around(t, start, end, |c| c == '*' || text::is_word_char(c))
}

/// `start..end` widened over the characters around it that `in_token` accepts.
fn token_around(t: &str, mut start: usize, mut end: usize, in_token: impl Fn(char) -> bool) -> (usize, usize) {
    while let Some(c) = t[..start].chars().next_back().filter(|&c| in_token(c)) {
        start -= c.len_utf8();
    }
    while let Some(c) = t[end..].chars().next().filter(|&c| in_token(c)) {
        end += c.len_utf8();
    }
    (start, end)
}

/// Sentence boundaries of one text, found once, and the plain form of each sentence asked for,
/// made once: a long comment with many matches stays linear.
#[derive(Default)]
struct Sentences {
    bounds: Option<Vec<(usize, usize)>>,
}

impl Sentences {
    /// From the sentence (or line) holding `start` to the one holding `end`, in original byte
    /// offsets, with the last one's own punctuation ("?", "!!": it says what kind of sentence
    /// it is).
    fn around(&mut self, text: &str, start: usize, end: usize) -> (usize, usize) {
        let bounds = self.bounds.get_or_insert_with(|| {
            let mut out = Vec::new();
            let mut s = 0;
            for m in sentence_breaks().find_iter(text) {
                let e = m.start() + text[m.start()..m.end()].trim_end().len();
                out.push((s, e));
                s = m.end();
            }
            if s < text.len() {
                out.push((s, text.len()));
            }
            out
        });
        let first = bounds.partition_point(|&(_, e)| e <= start).min(bounds.len().saturating_sub(1));
        let last = bounds.partition_point(|&(s, _)| s < end).saturating_sub(1).max(first);
        (bounds.get(first).map_or(0, |b| b.0), bounds.get(last).map_or(text.len(), |b| b.1))
    }

    /// [`Sentences::around`] in its plain form: that stretch of the text's plain view. (Folding
    /// is per character and sentences end at punctuation or a line break, so this is what
    /// folding the sentence alone gives.)
    fn plain<'v>(&mut self, text: &str, plain: &'v text::View, start: usize, end: usize) -> &'v str {
        let (s, e) = self.around(text, start, end);
        plain.slice_of_original(s, e)
    }
}

fn merge(merged: &mut Merged, name: &str, source: &str, file: PackFile, default: bool) -> Result<(), Error> {
    let err = |line: Option<usize>, message: String| Error::Pack { file: name.to_string(), line, message };
    merged.user_defs |= !default && !file.defs.is_empty();
    for (k, v) in file.defs {
        crate::regex_prep::set_def(&mut merged.defs, k, v);
    }
    merged.allow.extend(file.allow);
    merged.block.extend(file.block);
    merged.typos.extend(file.typos);
    if let Some(c) = file.contacts {
        let m = &mut merged.contacts;
        macro_rules! take {
            ($($f:ident),*) => { $( if c.$f.is_some() { m.$f = c.$f.clone(); } )* };
        }
        take!(urgent, emergency, phone, email, complaint_form, commissariaat, hours, website, unia);
        m.numbers.extend(c.numbers);
        m.emails.extend(c.emails);
    }
    if let Some(l) = file.links {
        merged.links.trusted.extend(l.trusted);
        merged.links.shorteners.extend(l.shorteners);
    }
    for def in file.rules {
        // Line numbers are for error messages; finding them in the default pack costs start-up
        // time for messages the test suite makes sure never come.
        let line = if default { None } else { pack::line_of_rule(source, &def.id) };
        let Some((prefix, rest)) = def.id.split_once('/') else {
            return Err(err(line, format!("rule id `{}` must look like `category/name`, e.g. `insult/local-words`", def.id)));
        };
        let Some(cat) = Category::from_id(prefix) else {
            return Err(err(line, format!(
                "rule id `{}` starts with `{prefix}`, which is not a category; use one of: {}",
                def.id,
                Category::ALL.map(Category::as_str).join(", ")
            )));
        };
        if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            return Err(err(line, format!("rule id `{}`: the name after `/` must be lower-case letters, digits and `-`", def.id)));
        }
        if let Some(c) = def.category {
            if c != cat {
                return Err(err(line, format!("rule `{}`: field `category` is `{c}` but the id says `{cat}`; make them agree", def.id)));
            }
        }
        if let Some(i) = merged.rules.iter().position(|r| r.id == def.id) {
            if default {
                return Err(err(line, format!("rule `{}` is defined twice", def.id)));
            }
            let r = &mut merged.rules[i];
            macro_rules! replace {
                ($($f:ident),*) => { $( if def.$f.is_some() { r.$f = def.$f.clone(); } )* };
            }
            replace!(title, house_rule, message, advice, reply, action, enabled, evidence, detector, span, context);
            r.words.extend(def.words);
            r.allow.extend(def.allow);
            r.patterns.extend(def.patterns);
            r.unless.extend(def.unless);
            r.unless_in_comment.extend(def.unless_in_comment);
            r.requires.extend(def.requires);
            r.yields_to.extend(def.yields_to);
            r.flags.extend(def.flags);
            r.allows.extend(def.allows);
            merged.sources[i] = (name.to_string(), line.unwrap_or(0));
        } else {
            let mut def = def;
            def.category = Some(cat);
            // A new rule without texts takes them from the first rule of its category.
            if let Some(first) = merged.rules.iter().find(|r| r.category == Some(cat)) {
                def.house_rule = def.house_rule.or_else(|| first.house_rule.clone());
                def.message = def.message.or_else(|| first.message.clone());
                def.advice = def.advice.or_else(|| first.advice.clone());
            }
            for (field, value) in [("title", &def.title), ("house_rule", &def.house_rule), ("message", &def.message), ("advice", &def.advice)] {
                if default && value.as_deref().is_none_or(str::is_empty) {
                    return Err(err(line, format!("rule `{}` needs a non-empty `{field}`", def.id)));
                }
            }
            merged.rules.push(def);
            merged.sources.push((name.to_string(), line.unwrap_or(0)));
        }
    }
    Ok(())
}

fn apply_options(merged: &mut Merged, options: &EngineOptions) -> Result<(), Error> {
    let known = |id: &str, rules: &[RuleDef]| Category::from_id(id).is_some() || rules.iter().any(|r| r.id == id);
    for id in &options.disable {
        if !known(id, &merged.rules) {
            return Err(Error::Options(format!("`disable` names `{id}`, which is neither a rule id nor a category id")));
        }
        for r in merged.rules.iter_mut().filter(|r| r.id == *id || r.category.is_some_and(|c| c.as_str() == id)) {
            r.enabled = Some(false);
        }
    }
    // Category actions first, then rule actions, so the more specific one wins.
    let mut actions: Vec<(&String, &Action)> = options.actions.iter().map(|(id, a)| (id, a)).collect();
    text::sort_by_key(&mut actions, |(id, _)| id.contains('/'));
    for (id, action) in actions {
        if !known(id, &merged.rules) {
            return Err(Error::Options(format!("`actions` names `{id}`, which is neither a rule id nor a category id")));
        }
        for r in merged.rules.iter_mut().filter(|r| r.id == **id || r.category.is_some_and(|c| c.as_str() == id.as_str())) {
            r.action = Some(*action);
        }
    }
    if !merged.block.is_empty() {
        let words = std::mem::take(&mut merged.block);
        if let Some(r) = merged.rules.iter_mut().find(|r| r.id == "insult/user-words") {
            r.words.extend(words);
        }
    }
    Ok(())
}

fn parse_entry(raw: &str) -> (Mode, &str) {
    let side = |c: Option<char>| match c {
        Some('*') => Side::Any,
        Some('+') => Side::Glued,
        _ => Side::Boundary,
    };
    let left = side(raw.chars().next());
    let right = if raw.len() > 1 { side(raw.chars().next_back()) } else { Side::Boundary };
    let core = raw.trim_start_matches(['*', '+']).trim_end_matches(['*', '+']);
    (Mode { left, right }, core)
}

fn compile(merged: Merged) -> Result<Engine, Error> {
    let Merged { rules: defs_list, sources, defs, user_defs, allow, mut typos, contacts, links, .. } = merged;
    // Expand defs that use other defs (one level deep is enough for the packs we write).
    let mut expanded_defs: Vec<(String, String)> = Vec::with_capacity(defs.len());
    for (k, v) in &defs {
        let e = expand_defs(v, &defs).map_err(|m| Error::Pack { file: "[defs]".into(), line: None, message: format!("`{k}`: {m}") })?;
        expanded_defs.push((k.clone(), e));
    }
    let expanded_defs = std::sync::Arc::new(expanded_defs);
    let mention = match expanded_defs.binary_search_by(|(k, _)| k.as_str().cmp("mention")) {
        Err(_) => None,
        Ok(_) if !user_defs => Some(LazyRegex::trusted("{mention}".into(), &expanded_defs)),
        Ok(i) => Some(
            LazyRegex::new(expanded_defs[i].1.clone())
                .map_err(|m| Error::Pack { file: "[defs]".into(), line: None, message: format!("`mention` is not a valid regex: {m}") })?,
        ),
    };
    let mut rules = Vec::with_capacity(defs_list.len());
    let mut words: Vec<String> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut patterns = PatternSet::default();

    let mut exact_allow: Vec<(Option<usize>, String)> = Vec::new();
    let add_word = |raw: &str, owner: Owner, words: &mut Vec<String>, entries: &mut Vec<Entry>, exact: &mut Vec<(Option<usize>, String)>| -> Result<(), String> {
        if let (Some(word), Owner::Allow(r)) = (raw.trim().strip_prefix('='), owner) {
            exact.push((r, text::normalize_plain(word)));
            return Ok(());
        }
        let (mode, core) = parse_entry(raw.trim());
        let norm = text::simple_normal_form(core).unwrap_or_else(|| text::normalize_entry(core));
        if norm.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return Err(format!("word `{raw}` is too short after normalisation (`{norm}`); words need at least two letters"));
        }
        // Allow entries cover a bad word wherever they sit.
        let mode = if matches!(owner, Owner::Allow(_)) && !raw.contains(['*', '+']) { Mode::ANYWHERE } else { mode };
        words.push(norm);
        entries.push(Entry { owner, mode });
        Ok(())
    };

    for (i, (mut def, (file, line))) in defs_list.into_iter().zip(sources).enumerate() {
        let err = |message: String| Error::Pack { file: file.clone(), line: Some(line).filter(|&l| l > 0), message };
        let category = def.category.unwrap_or(Category::Insult);
        let detector = match def.detector.as_deref() {
            None => None,
            Some(name) => Some(Detector::from_name(name).ok_or_else(|| {
                err(format!("rule `{}`: unknown detector `{name}`; use one of: {}", def.id, Detector::NAMES.join(", ")))
            })?),
        };
        let enabled = def.enabled.unwrap_or(true);
        // The default pack's regexes are checked by the test suite and precomputed by build.rs.
        let trusted = file.starts_with("politie-gent/") && !user_defs;
        if enabled {
            for w in &def.words {
                add_word(w, Owner::Rule(i), &mut words, &mut entries, &mut exact_allow).map_err(|m| err(format!("rule `{}`: {m}", def.id)))?;
                // A long listed word is also recognised with one typo ("mislukkleing", "zakkenwsaser").
                let core = parse_entry(w.trim()).1;
                if core.len() >= text::Typos::MIN_LISTED && core.bytes().all(|b| b.is_ascii_lowercase()) {
                    typos.push(core.to_string());
                }
            }
            for w in &def.allow {
                add_word(w, Owner::Allow(Some(i)), &mut words, &mut entries, &mut exact_allow).map_err(|m| err(format!("rule `{}`: {m}", def.id)))?;
            }
            let places = if trusted { PatternSet::default_places(&def.id, &def.patterns) } else { None };
            for (n, p) in std::mem::take(&mut def.patterns).into_iter().enumerate() {
                let p = match &places {
                    Some(places) => match patterns.add_precomputed(i, places, n, p, &expanded_defs) {
                        None => continue,
                        Some(p) => p,
                    },
                    None => p,
                };
                let p = crate::packed::decoded(&p);
                let src = expand_defs(&p, &expanded_defs).map_err(|m| err(format!("rule `{}`: pattern {} : {m}", def.id, n + 1)))?;
                patterns
                    .add(i, src)
                    .map_err(|m| err(format!("rule `{}`: field `patterns`, entry {} `{p}` is not a valid regex: {m}", def.id, n + 1)))?;
            }
        }
        let lazy_list = |field: &str, list: Vec<String>| -> Result<Vec<LazyRegex>, Error> {
            let mut out = Vec::with_capacity(list.len());
            for (n, p) in list.into_iter().enumerate() {
                // The default pack's regexes are checked by the test suite; a user's now.
                if trusted {
                    out.push(LazyRegex::trusted(p, &expanded_defs));
                    continue;
                }
                let p = crate::packed::decoded(&p);
                let src = expand_defs(&p, &expanded_defs).map_err(|m| err(format!("rule `{}`: field `{field}`, entry {}: {m}", def.id, n + 1)))?;
                out.push(
                    LazyRegex::new(src)
                        .map_err(|m| err(format!("rule `{}`: field `{field}`, entry {} `{p}` is not a valid regex: {m}", def.id, n + 1)))?,
                );
            }
            Ok(out)
        };
        let unless = AnyOf::new(lazy_list("unless", std::mem::take(&mut def.unless))?);
        let unless_in_comment = AnyOf::new(lazy_list("unless_in_comment", std::mem::take(&mut def.unless_in_comment))?);
        let requires = lazy_list("requires", std::mem::take(&mut def.requires))?;
        let comment_context = match def.context.as_deref() {
            None | Some("sentence") => false,
            Some("comment") => true,
            Some(other) => return Err(err(format!("rule `{}`: field `context` is `{other}`; use `sentence` or `comment`", def.id))),
        };
        let sentence_span = match def.span.as_deref() {
            None | Some("match") => false,
            Some("sentence") => true,
            Some(other) => return Err(err(format!("rule `{}`: field `span` is `{other}`; use `match` or `sentence`", def.id))),
        };
        let info = RuleInfo {
            id: def.id.clone(),
            category,
            title: def.title.unwrap_or_else(|| def.id.clone()),
            house_rule: def.house_rule.unwrap_or_default(),
            action: def.action.unwrap_or_else(|| category.default_action()),
            enabled,
            message: def.message.unwrap_or_default(),
            advice: def.advice.unwrap_or_default(),
            reply: def.reply,
            evidence: def.evidence.unwrap_or(matches!(category, Category::Threat | Category::Defamation)),
            examples: Examples { flags: def.flags, allows: def.allows },
        };
        rules.push(Rule { info, unless, unless_in_comment, requires, sentence_span, comment_context, yields_to: def.yields_to, detector });
    }
    for w in &allow {
        add_word(w, Owner::Allow(None), &mut words, &mut entries, &mut exact_allow)
            .map_err(|m| Error::Pack { file: "allow".into(), line: None, message: m })?;
    }
    let lexicon = if words.is_empty() { None } else { Some(Trie::new(&words)) };
    patterns.finish();
    let contacts_out = Contacts {
        urgent: contacts.urgent.clone().unwrap_or_default(),
        emergency: contacts.emergency.clone().unwrap_or_default(),
        phone: contacts.phone.clone().unwrap_or_default(),
        email: contacts.email.clone().unwrap_or_default(),
        complaint_form: contacts.complaint_form.clone().unwrap_or_default(),
        commissariaat: contacts.commissariaat.clone().unwrap_or_default(),
        hours: contacts.hours.clone().unwrap_or_default(),
        website: contacts.website.clone().unwrap_or_default(),
        unia: contacts.unia.clone().unwrap_or_default(),
    };
    let detectors = DetectorContext::new(&contacts, &links);
    Ok(Engine {
        rules,
        lexicon,
        entries,
        exact_allow,
        patterns,
        detectors,
        contacts: contacts_out,
        typos: text::Typos::new(&typos),
        mention,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packed_default_pack_is_its_toml() {
        assert_eq!(DEFAULT_PACK.len(), DEFAULT_PACK_TOML.len());
        for ((name, packed), toml) in DEFAULT_PACK.iter().zip(DEFAULT_PACK_TOML) {
            let mut unpacked = pack::unpack(name, packed).unwrap();
            // Regex sources come coded and marked; decoded, they are the TOML's.
            for rule in &mut unpacked.rules {
                for list in [&mut rule.patterns, &mut rule.unless, &mut rule.unless_in_comment, &mut rule.requires] {
                    for p in list.iter_mut() {
                        *p = crate::packed::decoded(p).into_owned();
                    }
                }
            }
            let mut parsed = pack::parse(name, toml).unwrap();
            // build.rs sorts each rule's patterns (their order means nothing).
            for rule in &mut parsed.rules {
                rule.patterns.sort();
            }
            assert_eq!(format!("{unpacked:#?}"), format!("{parsed:#?}"), "{name}");
        }
    }

    #[test]
    fn every_default_entry_is_normalised_as_the_lex_view_would() {
        let mut simple = 0;
        for (name, toml) in DEFAULT_PACK.iter().map(|(name, _)| name).zip(DEFAULT_PACK_TOML) {
            let parsed = pack::parse(name, toml).unwrap();
            let lists = parsed.rules.iter().flat_map(|r| r.words.iter().chain(&r.allow)).chain(&parsed.allow).chain(&parsed.block);
            for raw in lists.filter(|w| !w.starts_with('=')) {
                let core = parse_entry(raw.trim()).1;
                if let Some(norm) = text::simple_normal_form(core) {
                    assert_eq!(norm, text::normalize_entry(core), "{raw}");
                    simple += 1;
                }
            }
        }
        assert!(simple > 500, "{simple}");
    }

    #[test]
    fn build_rs_precomputed_every_default_pattern() {
        let engine = Engine::new().unwrap();
        assert!(engine.patterns.patterns.len() > 500);
        assert_eq!(engine.patterns.parsed_at_run_time(), 0);
        // A user pack that adds to a default rule makes that rule's patterns its own: parsed.
        let extra = ("extra.toml".to_string(), "[[rules]]\nid = \"threat/harm\"\npatterns = ['\\bzeker weten\\b']\n".to_string());
        let engine = Engine::with_options(&EngineOptions { packs: vec![extra], ..EngineOptions::default() }).unwrap();
        assert!(engine.patterns.parsed_at_run_time() > 1);
    }

    #[test]
    fn a_broken_packed_pack_is_an_error() {
        let (name, packed) = DEFAULT_PACK[1];
        for cut in [0, 1, packed.len() / 2, packed.len() - 1] {
            assert!(pack::unpack(name, &packed[..cut]).is_err(), "cut at {cut}");
        }
        let mut extra = packed.to_vec();
        extra.push(0);
        assert!(pack::unpack(name, &extra).unwrap_err().to_string().contains("trailing"));
    }
}
