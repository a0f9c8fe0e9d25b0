//! The packed form of a rule pack: a tagged value tree with LEB128 lengths, written by build.rs
//! (the default pack, from its TOML) and by `wasm.rs` (a user's pack, from its JavaScript value),
//! and read by [`crate::pack::unpack`].
//!
//! A value is a tag byte and its body: a string is its length and UTF-8 bytes; false and true
//! have no body; an array is its length and its values; a table is its length and `key, value`
//! pairs, a key being a length and bytes without a tag. Numbers and nulls (from a user's JSON)
//! have tags of their own so that an error can name them; no pack field takes one. A list of
//! plain strings may also be one `WORDS` value: its length and the strings joined.
//!
//! build.rs writes the default pack's strings that hold regex syntax as `CODED` strings: the
//! commonest regex tokens ([`TOKENS`]) each stand as one control byte, which makes the module
//! about 1.5 KB smaller gzipped than the same text, where each token costs a back-reference.

pub const STRING: u8 = 0;
pub const FALSE: u8 = 1;
pub const TRUE: u8 = 2;
pub const ARRAY: u8 = 3;
pub const TABLE: u8 = 4;
pub const NUMBER: u8 = 5;
pub const NULL: u8 = 6;
pub const CODED: u8 = 7;
/// An array of plain strings as one: its length, then the strings joined by [`WORD_END`] as one
/// string body. build.rs writes the default pack's word lists so (without a tag and a length per
/// word, about 0.3 kB smaller gzipped); a reader takes it wherever it takes an array of strings.
pub const WORDS: u8 = 8;
/// What separates the strings of a [`WORDS`] value.
pub const WORD_END: char = '\u{1f}';

/// The tokens of a `CODED` string: byte `0x01 + i` stands for `TOKENS[i]` (a string that holds such a
/// byte itself, a tab or a newline say, stays uncoded). Longest first, so that coding them one after
/// the other in this order is undone by replacing each byte. Chosen greedily, each the one that made
/// the default pack smallest gzipped: regex syntax first, then (the eighteenth round, 0.25 kB of the
/// module) the commonest words and `[defs]` name. The bytes end below [`MARK`].
pub const TOKENS: [&str; 29] = [
    "\\s+(?:\\w+\\s+)?(?:",
    ")\\b[^.!?\\n]{0,",
    "(?:\\w+\\s+){0,",
    "\\b[^.!?\\n]{0,",
    "[^.!?\\n]",
    "\\s+)?(?:",
    ")\\s+(?:",
    "{group}",
    "politie",
    ")\\b|\\b",
    "\\s+(?:",
    "jullie",
    "\\b(?:",
    "\\b|\\b",
    ")?(?:",
    ")\\s+",
    " (?:",
    "zijn",
    "niet",
    "agen",
    ")\\b",
    "(?:",
    "\\s+",
    "\\s*",
    "\\w+",
    "\\s?",
    "{0,",
    "\\b",
    ")?",
];

/// The first byte that stands for a token.
pub const FIRST_TOKEN: u8 = 0x01;
const _: () = assert!(FIRST_TOKEN as usize + TOKENS.len() <= MARK as usize, "token bytes must stay below MARK");

/// `s` with each of [`TOKENS`] as its byte, or `None` when it holds none of them or holds a byte
/// that stands for one.
#[allow(dead_code)] // build.rs codes the default pack; the engine only decodes.
pub fn code(s: &str) -> Option<String> {
    if s.bytes().any(|b| (FIRST_TOKEN..FIRST_TOKEN + TOKENS.len() as u8).contains(&b)) {
        return None;
    }
    let mut out = s.to_string();
    for (i, token) in TOKENS.iter().enumerate() {
        if out.contains(token) {
            out = out.replace(token, &char::from(FIRST_TOKEN + i as u8).to_string());
        }
    }
    (out != s).then_some(out)
}

/// Marks a `CODED` string that the reader hands on undecoded (the default pack's patterns, most
/// of which are never compiled): [`decoded`] undoes it where the source is needed. A user's
/// pattern that itself started with this control character would be taken as coded.
pub const MARK: char = '\u{1e}';

/// `s` itself, or decoded when it carries [`MARK`].
pub fn decoded(s: &str) -> std::borrow::Cow<'_, str> {
    match s.strip_prefix(MARK) {
        Some(coded) => std::borrow::Cow::Owned(decode(coded)),
        None => std::borrow::Cow::Borrowed(s),
    }
}

/// Undoes [`code`].
pub fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut rest = s;
    // Token bytes are ASCII, so every cut is on a character boundary.
    while let Some(i) = rest.bytes().position(|b| b.wrapping_sub(FIRST_TOKEN) < TOKENS.len() as u8) {
        out.push_str(&rest[..i]);
        out.push_str(TOKENS[usize::from(rest.as_bytes()[i] - FIRST_TOKEN)]);
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out
}

/// A length, LEB128 (seven bits per byte, low bits first, high bit set on all but the last).
pub fn len(mut n: usize, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A table key: its length and bytes, without a tag.
pub fn key(s: &str, out: &mut Vec<u8>) {
    len(s.len(), out);
    out.extend_from_slice(s.as_bytes());
}

/// A string value.
pub fn string(s: &str, out: &mut Vec<u8>) {
    out.push(STRING);
    key(s, out);
}

/// A string value, `CODED` when that makes it shorter (see [`code`]).
#[allow(dead_code)] // build.rs's.
pub fn coded_string(s: &str, out: &mut Vec<u8>) {
    match code(s) {
        Some(coded) => {
            out.push(CODED);
            key(&coded, out);
        }
        None => string(s, out),
    }
}

/// `items` as a [`WORDS`] value, or `None` when one holds [`WORD_END`] or is worth coding
/// ([`code`]); then it goes as an array.
#[allow(dead_code)] // build.rs's.
pub fn words(items: &[&str], out: &mut Vec<u8>) -> Option<()> {
    if items.iter().any(|s| s.contains(WORD_END) || code(s).is_some()) {
        return None;
    }
    out.push(WORDS);
    len(items.len(), out);
    key(&items.join(&WORD_END.to_string()), out);
    Some(())
}

/// A boolean value.
pub fn boolean(b: bool, out: &mut Vec<u8>) {
    out.push(if b { TRUE } else { FALSE });
}

/// The head of an array of `n` values; the values follow.
pub fn array(n: usize, out: &mut Vec<u8>) {
    out.push(ARRAY);
    len(n, out);
}

/// The head of a table of `n` entries; `key, value` pairs follow.
pub fn table(n: usize, out: &mut Vec<u8>) {
    out.push(TABLE);
    len(n, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coding_regex_tokens_round_trips() {
        for s in [r"\b(?:ik|we)\s+(?:\w+\s+){0,3}(?:kom|ga)\b", r"[^.!?\n]{0,40}\s*\s?)?", "(?:(?:\\b", "plain text", ""] {
            match code(s) {
                Some(coded) => {
                    assert!(coded.len() < s.len(), "{s}");
                    assert_eq!(decode(&coded), s);
                }
                None => assert!(TOKENS.iter().all(|t| !s.contains(t)), "{s}"),
            }
        }
        // A string that already holds a token byte is left as it is.
        assert_eq!(code("\u{10}\\b"), None);
    }

    #[test]
    fn a_word_list_is_one_string() {
        let mut out = Vec::new();
        assert!(words(&["kut", "lul"], &mut out).is_some());
        assert_eq!(out, [WORDS, 2, 7, b'k', b'u', b't', 0x1f, b'l', b'u', b'l']);
        // A word worth coding (a regex) or one holding the separator: an array instead.
        assert!(words(&["kut", "\\bkut\\b"], &mut Vec::new()).is_none());
        assert!(words(&["a\u{1f}b"], &mut Vec::new()).is_none());
    }
}
