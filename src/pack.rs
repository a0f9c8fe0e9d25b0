//! Rule packs: the data behind the engine (word lists, phrase patterns, messages, contacts).
//!
//! A pack is TOML. The default Politie Gent pack lives in `src/packs/politie-gent/`, one file per
//! category, embedded in the binary. A user pack has the same shape and is merged on top: a rule
//! with a known `id` is changed (words and patterns are added, other fields replaced), a rule with
//! a new id is added. Unknown fields are errors, so a typo never passes silently.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::{Action, Category, Error};

/// One pack file as written on disk.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// Name and version of the pack.
    #[serde(default)]
    pub pack: Option<PackMeta>,
    /// The police's own contact channels: never personal data, never advertising.
    #[serde(default)]
    pub contacts: Option<ContactsDef>,
    /// Domains for the link rules.
    #[serde(default)]
    pub links: Option<LinksDef>,
    /// Named regex fragments, used in patterns as `{name}`.
    #[serde(default)]
    pub defs: BTreeMap<String, String>,
    /// Words that never count, for every rule (they cover any bad word inside them).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Words to flag, added to the rule `insult/user-words`.
    #[serde(default)]
    pub block: Vec<String>,
    /// The rules.
    #[serde(default)]
    pub rules: Vec<RuleDef>,
}

/// `[pack]`: what this pack is.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    /// Short name.
    pub name: String,
    /// Version of the data.
    #[serde(default)]
    pub version: String,
    /// One sentence on what it is for.
    #[serde(default)]
    pub description: String,
}

/// `[contacts]`: the organisation's own channels.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ContactsDef {
    pub urgent: Option<String>,
    pub emergency: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub complaint_form: Option<String>,
    pub commissariaat: Option<String>,
    pub hours: Option<String>,
    pub website: Option<String>,
    pub unia: Option<String>,
    /// Other numbers that are never personal data (service lines).
    #[serde(default)]
    pub numbers: Vec<String>,
    /// Other e-mail addresses that are never personal data.
    #[serde(default)]
    pub emails: Vec<String>,
}

/// `[links]`: domains the link rules trust or always flag.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct LinksDef {
    /// The police's own, news and government sites (sub-domains included).
    #[serde(default)]
    pub trusted: Vec<String>,
    /// Link shorteners: they hide where a link goes.
    #[serde(default)]
    pub shorteners: Vec<String>,
}

/// `[[rules]]`: one rule. In a user pack every field but `id` is optional.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Stable id, `category/name`.
    pub id: String,
    /// Category; defaults to the part of the id before `/`.
    pub category: Option<Category>,
    /// Short Dutch title.
    pub title: Option<String>,
    /// The house rule it enforces, quoted.
    pub house_rule: Option<String>,
    /// Dutch explanation shown with each finding.
    pub message: Option<String>,
    /// What to do instead.
    pub advice: Option<String>,
    /// Standard reply a moderator can post.
    pub reply: Option<String>,
    /// Action; defaults to the category's.
    pub action: Option<Action>,
    /// Off when false.
    pub enabled: Option<bool>,
    /// Keep an evidence record (threats, defamation).
    pub evidence: Option<bool>,
    /// A built-in detector (`phone`, `email`, `iban`, `national-id`, `birth-date`, `address`,
    /// `plate`, `link`, `shortener`, `shouting`, `flood`, `repetition`).
    pub detector: Option<String>,
    /// Words: `word` whole word, `word*` prefix, `*word` suffix, `*word*` anywhere in a word.
    #[serde(default)]
    pub words: Vec<String>,
    /// Words that cover a match of this rule and make it innocent.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Regexes on the plain view (lower case, no accents); `{name}` inserts a `[defs]` fragment.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Regexes on the sentence around a match that make it innocent (negation, quoting, medicine).
    #[serde(default)]
    pub unless: Vec<String>,
    /// Regexes that must ALL match the sentence around a match for it to count (a second concept:
    /// "an image word" needs "a sharing word" nearby).
    #[serde(default)]
    pub requires: Vec<String>,
    /// What a finding covers: `match` (default) or `sentence` (the whole sentence around it, for
    /// intents such as an emergency or a complaint).
    pub span: Option<String>,
    /// Where `unless` and `requires` look: `sentence` (default) or the whole `comment` (a question
    /// in one sentence, "post ze hier" in the next).
    pub context: Option<String>,
    /// Categories that make this rule step back: its findings are dropped when the comment also
    /// has a finding of one of these (a report that is really an emergency).
    #[serde(default)]
    pub yields_to: Vec<Category>,
    /// Examples that must be flagged by this rule (tested).
    #[serde(default)]
    pub flags: Vec<String>,
    /// Examples that must not be flagged by this rule (tested).
    #[serde(default)]
    pub allows: Vec<String>,
}

/// Parses one pack file (TOML natively, JSON in WebAssembly); errors name the file and the line.
#[cfg(target_arch = "wasm32")]
pub fn parse(name: &str, source: &str) -> Result<PackFile, Error> {
    serde_json::from_str::<PackFile>(source).map_err(|e| Error::Pack {
        file: name.to_string(),
        line: Some(e.line()),
        message: format!("{e} (in the browser a pack is JSON with the fields of the TOML pack format; see README \"Configuration\")"),
    })
}

/// Parses one pack file (TOML natively, JSON in WebAssembly); errors name the file and the line.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(name: &str, source: &str) -> Result<PackFile, Error> {
    toml::from_str::<PackFile>(source).map_err(|e| {
        let line = e.span().map(|s| line_of(source, s.start));
        let what = e.message().trim().to_string();
        Error::Pack { file: name.to_string(), line, message: format!("{what} (fix the TOML at this place; see README \"Configuration\")") }
    })
}

/// 1-based line number of a byte offset.
#[must_use]
pub fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

/// The line where rule `id` is defined in `source`, if it can be found.
#[must_use]
pub fn line_of_rule(source: &str, id: &str) -> Option<usize> {
    let needle = format!("\"{id}\"");
    source.find(&needle).map(|at| line_of(source, at))
}
