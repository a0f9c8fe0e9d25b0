//! Preparing pattern sources: `{def}` expansion, ASCII classes, and trigger literals. Plain std and
//! regex-syntax only, because build.rs includes this file too: it precomputes the triggers of the
//! default pack, so that building the engine needs no regex parsing (see patterns.rs).

use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind};

/// Named regex fragments (`[defs]`): `(name, fragment)` sorted by name, each name once. A sorted
/// list rather than a map: each map type adds a few kilobytes to the WebAssembly module.
pub type Defs = Vec<(String, String)>;

/// Sets def `name` to `fragment`, keeping `defs` sorted.
pub fn set_def(defs: &mut Defs, name: String, fragment: String) {
    match defs.binary_search_by(|(k, _)| k.as_str().cmp(&name)) {
        Ok(i) => defs[i].1 = fragment,
        Err(i) => defs.insert(i, (name, fragment)),
    }
}

/// Replaces `{name}` with `(?:definition)`; repetitions such as `{2,5}` stay. `defs` is sorted
/// ([`Defs`]).
pub fn expand_defs(pattern: &str, defs: &[(String, String)]) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let (head, tail) = rest.split_at(open);
        out.push_str(head);
        let close = tail.find('}').ok_or_else(|| "an unclosed `{`".to_string())?;
        let name = &tail[1..close];
        let is_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        if is_name {
            let def = defs
                .binary_search_by(|(k, _)| k.as_str().cmp(name))
                .map(|i| &defs[i].1)
                .map_err(|_| format!("`{{{name}}}` is not defined in [defs]"))?;
            out.push_str("(?:");
            out.push_str(def);
            out.push(')');
        } else {
            // A repetition like `{2,5}`: keep as is.
            out.push_str(&tail[..=close]);
        }
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Rewrites the Perl classes as ASCII ones: `\b` → `(?-u:\b)`, `\w` → `[0-9A-Za-z_]`, `\d`, `\s`
/// and their negations likewise, but a greedy `\w+` outside a class also takes a word with an
/// apostrophe or a clitic ([`WORD_WITH_APOSTROPHE`]). Patterns run on the folded plain view, where
/// words are ASCII.
/// This keeps the fast lazy DFA working on text with emoji (a Unicode word boundary makes it give
/// up) and leaves Unicode class tables out of the WebAssembly module.
pub fn ascii_classes(src: &str) -> String {
    prepare(src, false)
}

/// The byte that stands for a word boundary in [`marked_classes`]; it never occurs in a text.
pub const BOUNDARY: u8 = 0x01;

/// [`ascii_classes`], but `\b` becomes the literal byte [`BOUNDARY`]: parsed only to extract
/// trigger literals, which then say whether they must start or end at a word boundary.
pub fn marked_classes(src: &str) -> String {
    prepare(src, true)
}

/// What `\w+` becomes ([`ascii_classes`]).
const WORD_WITH_APOSTROPHE: &str = "(?:[0-9A-Za-z_]+(?:'[a-z]+)*|'[a-z]{1,2})";

fn prepare(src: &str, mark: bool) -> String {
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
                    'b' if mark => ("\\x01", None),
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
                // A word of one or more (`\w+`, not lazy) may hold an apostrophe, as Dutch words
                // do ("combi's", "z'n", "vlamm'n"), or be a clitic ("'t", "'k"); a quotation mark
                // before a word ("'alle") still is none.
                if n == 'w' && !in_class && chars.as_str().starts_with('+') && !chars.as_str().starts_with("+?") {
                    chars.next();
                    out.push_str(WORD_WITH_APOSTROPHE);
                    continue;
                }
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

/// Stands, in a pattern parsed for its triggers, for a word boundary that the parts around a
/// literal imply ("ma" in `ma\s+` ends a word): a boundary only where it has a word character
/// beside it. Never part of a text's trigger literals.
const SOFT_BOUNDARY: u8 = 0x02;

/// Whether every match of `hir` starts (`first`) or ends with a byte that is not a word character
/// (`\s+`, a space, punctuation).
fn edge_is_nonword(hir: &Hir, first: bool) -> bool {
    let nonword = |b: u8| !(b.is_ascii_alphanumeric() || b == b'_' || b == BOUNDARY || b == SOFT_BOUNDARY);
    match hir.kind() {
        HirKind::Literal(lit) => {
            let bytes = &lit.0;
            (if first { bytes.first() } else { bytes.last() }).is_some_and(|&b| nonword(b))
        }
        HirKind::Class(class) => match class {
            regex_syntax::hir::Class::Bytes(c) => c.ranges().iter().all(|r| (r.start()..=r.end()).all(nonword)),
            regex_syntax::hir::Class::Unicode(c) => c.ranges().iter().all(|r| {
                let (a, b) = (u32::from(r.start()), u32::from(r.end()));
                (a..=b.min(0x7f)).all(|x| nonword(x as u8))
            }),
        },
        HirKind::Repetition(rep) => rep.min > 0 && edge_is_nonword(&rep.sub, first),
        HirKind::Capture(c) => edge_is_nonword(&c.sub, first),
        HirKind::Concat(subs) => {
            let edge = if first { subs.first() } else { subs.last() };
            edge.is_some_and(|s| s.properties().minimum_len().unwrap_or(0) > 0 && edge_is_nonword(s, first))
        }
        HirKind::Alternation(branches) => branches.iter().all(|b| edge_is_nonword(b, first)),
        _ => false,
    }
}

/// A set of literals of which every match of a regex contains at least one: its trigger words.
pub type Triggers = Vec<Vec<u8>>;

fn extract(hir: &Hir, prefix: bool) -> Option<Triggers> {
    let kind = if prefix { ExtractKind::Prefix } else { ExtractKind::Suffix };
    let seq: Seq = Extractor::new().kind(kind).limit_total(600).extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    // Any part of a literal that every match contains is contained too: trimming the whitespace
    // that `\s` multiplied into variants ("\tdrugs", " drugs", ...) keeps one literal for all.
    let mut out: Triggers = lits.iter().map(|l| shorten(clean_literal(l.as_bytes()), prefix)).collect();
    if out.iter().any(|l| l.iter().all(|&b| b == BOUNDARY)) {
        return None;
    }
    crate::text::sort_by(&mut out, Ord::cmp);
    out.dedup();
    Some(out)
}

/// Trims whitespace and keeps a [`BOUNDARY`] only at the very start or end of a literal, where it
/// says the literal must begin or end at a word boundary ("\x01k\x01": the word "k").
fn clean_literal(l: &[u8]) -> Vec<u8> {
    // A boundary next to whitespace says nothing about the letters.
    let kept: Vec<u8> = l
        .iter()
        .enumerate()
        .filter(|&(i, &b)| {
            b != BOUNDARY
                || !(l.get(i + 1).is_some_and(u8::is_ascii_whitespace) || (i > 0 && l[i - 1].is_ascii_whitespace()))
        })
        .map(|(_, &b)| b)
        .collect();
    // A word boundary that the parts around a literal imply ([`SOFT_BOUNDARY`]), or whitespace
    // trimmed off, is a word boundary for a word character beside it.
    let soft_start = kept.first() == Some(&SOFT_BOUNDARY);
    let soft_end = kept.len() > 1 && kept.last() == Some(&SOFT_BOUNDARY);
    let core = &kept[usize::from(soft_start)..kept.len() - usize::from(soft_end)];
    let kept = core.trim_ascii();
    let space_start = core.first().is_some_and(u8::is_ascii_whitespace);
    let space_end = core.last().is_some_and(u8::is_ascii_whitespace);
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    let start = kept.first() == Some(&BOUNDARY) || ((soft_start || space_start) && word(kept.first()));
    let end = (kept.len() > 1 && kept.last() == Some(&BOUNDARY)) || ((soft_end || space_end) && word(kept.last()));
    let inner: Vec<u8> = kept.iter().copied().filter(|&b| b != BOUNDARY).collect();
    if inner.is_empty() {
        return vec![BOUNDARY];
    }
    let mut out = Vec::with_capacity(inner.len() + 2);
    if start {
        out.push(BOUNDARY);
    }
    out.extend_from_slice(&inner);
    if end {
        out.push(BOUNDARY);
    }
    out
}

/// Trigger literals are cut to this many bytes: a text that holds a literal holds its start (and
/// its end), a few letters are as selective as a whole phrase, and short literals collapse into
/// fewer ("vlaanderen voor de vlamingen" and "vlaanderen aan de vlamingen" are both "vlaan").
/// Six rather than ten halved the trigger trie that every start builds and made the module 8 KB
/// smaller gzipped; five rather than six saves 5 KB more (the trigger tables of the patterns the
/// tenth round added), for about 10 % more matching work per comment.
const MAX_LITERAL: usize = 5;

/// Cuts a literal to [`MAX_LITERAL`] bytes: its start for a prefix literal, its end for a suffix
/// one. The boundary mark on the side that is cut goes.
fn shorten(l: Vec<u8>, prefix: bool) -> Vec<u8> {
    let start = l.first() == Some(&BOUNDARY);
    let end = l.len() > 1 && l.last() == Some(&BOUNDARY);
    let core = &l[usize::from(start)..l.len() - usize::from(end)];
    if core.len() <= MAX_LITERAL {
        return l;
    }
    let mut out = Vec::with_capacity(MAX_LITERAL + 1);
    if prefix {
        if start {
            out.push(BOUNDARY);
        }
        out.extend_from_slice(&core[..MAX_LITERAL]);
    } else {
        out.extend_from_slice(&core[core.len() - MAX_LITERAL..]);
        if end {
            out.push(BOUNDARY);
        }
    }
    out
}

/// Words so common in comments (Dutch, Flemish, English, French function words) that a trigger
/// made of one of them, or starting with one and a space, wakes its pattern for nearly every
/// text: such a trigger counts as a single letter when sets are compared.
const COMMON_WORDS: &[&str] = &[
    "aan", "al", "als", "bij", "da", "dan", "dat", "de", "den", "der", "die", "dit", "door", "een", "en", "er", "ge",
    "gij", "had", "heb", "hebben", "heeft", "het", "hij", "hun", "ik", "in", "is", "je", "jij", "jullie", "k", "kan",
    "maar", "me", "mee", "met", "mij", "mijn", "moet", "na", "naar", "ne", "nen", "niet", "nie", "ni", "nog", "nu",
    "of", "om", "ons", "onze", "ook", "op", "over", "te", "tot", "u", "uw", "van", "voor", "want", "was", "wat",
    "we", "wel", "wij", "wordt", "ze", "zij", "zijn", "zo", "zou", "and", "are", "for", "the", "to", "you",
    "et", "la", "le", "les", "un", "une",
];

/// The letters a literal counts for: its letters and digits (a word boundary at either end counts
/// as one), or one when it is a common word (see [`COMMON_WORDS`]) or starts with one and a space.
fn strength(l: &[u8]) -> usize {
    let core: Vec<u8> = l.iter().copied().filter(|&b| b != BOUNDARY).collect();
    let first = core.split(|&b| b == b' ').next().unwrap_or(&[]);
    let common = core.len() <= first.len() + 3 && COMMON_WORDS.iter().any(|w| w.as_bytes() == first);
    if common {
        return 1;
    }
    l.iter().filter(|&&b| b.is_ascii_alphanumeric() || b == BOUNDARY).count()
}

/// How selective a trigger set is: stronger weakest literal first (see [`strength`]), then fewer
/// literals.
fn score(set: &Triggers) -> i64 {
    let min = set.iter().map(|l| strength(l)).min().unwrap_or(0);
    (min.min(5) as i64) * 10_000 - set.len() as i64
}

/// The most selective trigger set of `hir`: from its start, its end, or any part that every match
/// must contain (each required element of a concatenation), recursively.
fn best_triggers(hir: &Hir, depth: usize) -> Option<Triggers> {
    let mut candidates: Vec<Triggers> = [extract(hir, true), extract(hir, false)].into_iter().flatten().collect();
    // Good enough (every trigger has five or more letters): no need to look inside.
    if candidates.iter().any(|c| score(c) >= 50_000) {
        return candidates.into_iter().max_by_key(score);
    }
    if depth < 8 {
        match hir.kind() {
            HirKind::Concat(subs) => {
                for (i, sub) in subs.iter().enumerate() {
                    if sub.properties().minimum_len().unwrap_or(0) > 0 {
                        candidates.extend(best_triggers(sub, depth + 1));
                        // Between parts that start or end with a non-word byte (`\s+ma\s+`), its
                        // literals are whole words.
                        let before = i > 0 && edge_is_nonword(&subs[i - 1], false);
                        let after = i + 1 < subs.len() && edge_is_nonword(&subs[i + 1], true);
                        if before || after {
                            let soft = || Hir::literal([SOFT_BOUNDARY]);
                            let mut parts = Vec::with_capacity(3);
                            if before {
                                parts.push(soft());
                            }
                            parts.push(sub.clone());
                            if after {
                                parts.push(soft());
                            }
                            let bounded = Hir::concat(parts);
                            candidates.extend([extract(&bounded, true), extract(&bounded, false)].into_iter().flatten());
                        }
                        // The literal that starts here may run on into the next parts ("ee" + "r+" +
                        // "st" gives "eer").
                        if i > 0 && i + 1 < subs.len() {
                            candidates.extend(extract(&Hir::concat(subs[i..].to_vec()), true));
                        }
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
                    crate::text::sort_by(&mut union, Ord::cmp);
                    union.dedup();
                    candidates.push(union);
                }
            }
            _ => {}
        }
    }
    candidates.into_iter().max_by_key(score)
}

/// Trigger sets larger than this cost more matching work (and module size) than they save.
const MAX_SET: usize = 600;
/// At most this many sets per pattern: each one more rarely wakes the pattern for nothing.
const MAX_SETS: usize = 3;

/// The trigger conditions of a regex (after `marked_classes`): sets of literals such that every
/// match contains at least one literal of **each** set. Empty when there are none (the pattern
/// runs on every text).
///
/// The sets come from distinct required parts of the top-level concatenation ("{you} ... liegen"
/// needs a "you" word *and* "liegen"), so a text must hold all of them before the pattern runs:
/// a short common word such as "je" alone no longer wakes it.
#[must_use]
pub fn conditions(hir: &Hir) -> Vec<Triggers> {
    let mut hir = hir;
    while let HirKind::Capture(c) = hir.kind() {
        hir = &c.sub;
    }
    // Every set is a necessary condition on its own, so any of them can be combined.
    let mut sets: Vec<Triggers> = best_triggers(hir, 0).into_iter().collect();
    // An alternation: a match holds the conditions of one branch, so the union over the branches
    // of one set each is a condition; taking each branch's first, second, third set gives three.
    if let HirKind::Alternation(branches) = hir.kind() {
        let per: Vec<Vec<Triggers>> = branches.iter().map(conditions).collect();
        if per.iter().all(|c| !c.is_empty()) {
            for k in 0..MAX_SETS {
                let mut union: Triggers = per.iter().flat_map(|c| c[k.min(c.len() - 1)].iter().cloned()).collect();
                crate::text::sort_by(&mut union, Ord::cmp);
                union.dedup();
                sets.push(union);
            }
        }
    }
    if let HirKind::Concat(subs) = hir.kind() {
        for sub in subs {
            if sub.properties().minimum_len().unwrap_or(0) > 0 {
                sets.extend(best_triggers(sub, 1));
            }
        }
    }
    crate::text::sort_by_key(&mut sets, |s| std::cmp::Reverse(score(s)));
    sets.dedup();
    // A set that is a stronger one without its boundary marks adds nothing.
    let unmarked = |s: &Triggers| -> Triggers {
        let mut s: Triggers = s.iter().map(|l| l.iter().copied().filter(|&b| b != BOUNDARY).collect()).collect();
        crate::text::sort_by(&mut s, Ord::cmp);
        s.dedup();
        s
    };
    let mut seen: Vec<Triggers> = Vec::new();
    sets.retain(|s| {
        let u = unmarked(s);
        let new = !seen.contains(&u);
        seen.push(u);
        new
    });
    let Some(first) = sets.first().cloned() else { return sets };
    sets.retain(|s| s.len() <= MAX_SET);
    if sets.is_empty() {
        // One set, however large, beats running on every text.
        return vec![first];
    }
    sets.truncate(MAX_SETS);
    // A further set whose weakest literal is a single letter or a common word is found in nearly
    // every text: it hardly ever keeps the pattern asleep, yet each of its literals' many
    // occurrences must be looked up and recorded.
    let mut kept = 0;
    sets.retain(|s| {
        kept += 1;
        kept == 1 || score(s) >= 20_000
    });
    sets
}

/// The characters that end a sentence for [`within_sentence`].
pub const SENTENCE_ENDS: [u8; 3] = [b'.', b'!', b'?'];

/// True when no match of the regex can hold a sentence end ([`SENTENCE_ENDS`]): every match then
/// lies inside one stretch of text between two of them, so the engine needs the pattern's trigger
/// literals in one stretch, and searches only there. Most phrase patterns bridge words with
/// `[^.!?\n]{0,50}` or `\s+`, and qualify.
#[must_use]
pub fn within_sentence(hir: &Hir) -> bool {
    use regex_syntax::hir::Class;
    let end = |lo: u32, hi: u32| SENTENCE_ENDS.iter().any(|&b| lo <= u32::from(b) && u32::from(b) <= hi);
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(l) => !l.0.iter().any(|b| SENTENCE_ENDS.contains(b)),
        HirKind::Class(Class::Unicode(c)) => !c.ranges().iter().any(|r| end(u32::from(r.start()), u32::from(r.end()))),
        HirKind::Class(Class::Bytes(c)) => !c.ranges().iter().any(|r| end(u32::from(r.start()), u32::from(r.end()))),
        HirKind::Repetition(r) => r.max == Some(0) || within_sentence(&r.sub),
        HirKind::Capture(c) => within_sentence(&c.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().all(within_sentence),
    }
}

/// Parses a prepared pattern; the error is the parser's last line ("unclosed group").
pub fn parse(src: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .nest_limit(100)
        .build()
        .parse(src)
        // The error's kind only: its full text draws the pattern with carets, code the module
        // does not need to carry.
        .map_err(|e| match e {
            regex_syntax::Error::Parse(e) => e.kind().to_string(),
            regex_syntax::Error::Translate(e) => e.kind().to_string(),
            _ => "invalid regex".to_string(),
        })
}

/// A rule id's fingerprint folded to the 16 bits of build.rs's rule table (`RULE_KEYS`).
#[must_use]
pub fn key16(fingerprint: u64) -> u16 {
    (fingerprint ^ (fingerprint >> 16) ^ (fingerprint >> 32) ^ (fingerprint >> 48)) as u16
}

/// The check of a rule's pattern sources so far, extended by `source`; build.rs stores
/// `key16` of it per rule (`RULE_CHECK`).
#[must_use]
pub fn chain_check(check: u64, source: &str) -> u64 {
    check.rotate_left(7) ^ fingerprint(source)
}

/// build.rs's trigger-set count for a default pattern it could not precompute.
pub const NOT_PRECOMPUTED: u8 = 0xFF;
/// The flag build.rs adds to a default pattern's trigger-set count when [`within_sentence`].
pub const WITHIN_SENTENCE: u8 = 0x40;

/// A 64-bit FNV-1a fingerprint of a pattern source or rule id, for build.rs's trigger tables.
#[must_use]
pub fn fingerprint(src: &str) -> u64 {
    src.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

