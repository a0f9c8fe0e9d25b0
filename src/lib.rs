//! # huisregels
//!
//! Checks a comment against the social-media house rules of Politie Gent and explains every
//! finding in Dutch: which house rule, why, and what to do instead. The same engine runs natively
//! (library and CLI) and in the browser (WebAssembly, for the moderators' extension and the
//! citizens' help page). No comment ever leaves the machine.
//!
//! ```
//! use huisregels::{Action, Engine};
//!
//! let engine = Engine::new()?;
//! let verdict = engine.check("Bel mij op 0475 12 34 56, kankerflikken")?;
//! assert_eq!(verdict.action, Action::Remove);
//! let rules: Vec<&str> = verdict.findings.iter().map(|f| f.rule.as_str()).collect();
//! assert!(rules.contains(&"personal-data/phone"));
//! // Spans are byte offsets into the original text.
//! let f = &verdict.findings[0];
//! assert_eq!(&"Bel mij op 0475 12 34 56, kankerflikken"[f.start..f.end], f.excerpt);
//!
//! // Sharp but civil criticism passes: "Meningen zijn vrij".
//! let ok = engine.check("Ik vind het schandalig hoe traag jullie reageerden.")?;
//! assert_eq!(ok.action, Action::Allow);
//! # Ok::<(), huisregels::Error>(())
//! ```
//!
//! The rules are data: the default pack (`src/packs/politie-gent/`) is embedded, and a user pack
//! in the same TOML format can add or allow words, switch rules off or change their action
//! ([`EngineOptions`]). See the README for the categories, the pack format and the limitations.

#[doc(hidden)]
pub mod bench_corpus;
mod detectors;
mod engine;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod packed;
mod patterns;
mod re;
mod regex_prep;
mod trie;
#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
pub mod pack;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use engine::{Engine, EngineOptions};

/// The largest comment the engine accepts, in bytes (Facebook allows 8,000 characters).
pub const MAX_TEXT_BYTES: usize = 100_000;

/// What to do with a comment or a finding, most pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Someone needs help now: call 101 (shown first).
    Urgent,
    /// Breaks a house rule: hide or delete.
    Remove,
    /// A moderator should look (trolling, images of people).
    Review,
    /// Belongs elsewhere: complaint form, 09/266.61.11, private message.
    Redirect,
    /// Nothing to do.
    Allow,
}

impl Action {
    /// The lower-case id used in JSON and packs.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Urgent => "urgent",
            Action::Remove => "remove",
            Action::Review => "review",
            Action::Redirect => "redirect",
            Action::Allow => "allow",
        }
    }

    /// Every action id, most pressing first.
    pub const NAMES: [&'static str; 5] = ["urgent", "remove", "review", "redirect", "allow"];

    /// The action with this id (`"remove"`), if any.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Action> {
        [Action::Urgent, Action::Remove, Action::Review, Action::Redirect, Action::Allow].into_iter().find(|a| a.as_str() == name)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The twelve categories of the house rules. Their ids are a public contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Category {
    Insult,
    Discrimination,
    Threat,
    Defamation,
    PersonalData,
    Complaint,
    Emergency,
    Report,
    PrivateMessage,
    Advertising,
    Trolling,
    Media,
}

impl Category {
    /// Every category, in the order of DESIGN.md.
    pub const ALL: [Category; 12] = [
        Category::Insult,
        Category::Discrimination,
        Category::Threat,
        Category::Defamation,
        Category::PersonalData,
        Category::Complaint,
        Category::Emergency,
        Category::Report,
        Category::PrivateMessage,
        Category::Advertising,
        Category::Trolling,
        Category::Media,
    ];

    /// The stable id (`personal-data`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Insult => "insult",
            Category::Discrimination => "discrimination",
            Category::Threat => "threat",
            Category::Defamation => "defamation",
            Category::PersonalData => "personal-data",
            Category::Complaint => "complaint",
            Category::Emergency => "emergency",
            Category::Report => "report",
            Category::PrivateMessage => "private-message",
            Category::Advertising => "advertising",
            Category::Trolling => "trolling",
            Category::Media => "media",
        }
    }

    /// Parses a category id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == id)
    }

    /// The default action of DESIGN.md.
    #[must_use]
    pub fn default_action(self) -> Action {
        match self {
            Category::Emergency => Action::Urgent,
            Category::Complaint | Category::Report | Category::PrivateMessage => Action::Redirect,
            Category::Trolling | Category::Media => Action::Review,
            _ => Action::Remove,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing in a comment that breaks a house rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, `category/name`.
    pub rule: String,
    /// The category.
    pub category: Category,
    /// What to do.
    pub action: Action,
    /// Start offset in the original text (bytes in Rust, UTF-16 units in JavaScript).
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The offending text, exactly as written.
    pub excerpt: String,
    /// Dutch explanation citing the house rule.
    pub message: String,
    /// What the writer should do instead.
    pub advice: String,
}

/// The verdict on one comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The most pressing action of all findings, or `allow`.
    pub action: Action,
    /// Every finding, most pressing first, then in text order.
    pub findings: Vec<Finding>,
}

impl Verdict {
    /// The categories found, without repeats, in the order of the findings.
    #[must_use]
    pub fn categories(&self) -> Vec<Category> {
        let mut out = Vec::new();
        for f in &self.findings {
            if !out.contains(&f.category) {
                out.push(f.category);
            }
        }
        out
    }
}

/// Examples that document a rule (and are tested).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Examples {
    /// Comments this rule flags.
    pub flags: Vec<String>,
    /// Comments this rule lets pass.
    pub allows: Vec<String>,
}

/// A rule as documented by the engine, for help and options pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    /// Stable id.
    pub id: String,
    /// Category.
    pub category: Category,
    /// Short Dutch title.
    pub title: String,
    /// The house rule it enforces, quoted from the Politie Gent text.
    pub house_rule: String,
    /// Current action.
    pub action: Action,
    /// False when switched off.
    pub enabled: bool,
    /// Dutch explanation.
    pub message: String,
    /// What to do instead.
    pub advice: String,
    /// Standard reply for a moderator, if any.
    pub reply: Option<String>,
    /// Keep an evidence record (threats, defamation).
    pub evidence: bool,
    /// Examples.
    pub examples: Examples,
}

/// The organisation's own contact channels, from the pack.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct Contacts {
    pub urgent: String,
    pub emergency: String,
    pub phone: String,
    pub email: String,
    pub complaint_form: String,
    pub commissariaat: String,
    pub hours: String,
    pub website: String,
    pub unia: String,
}

/// Everything that can go wrong, with a message a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A pack (default or user) is invalid.
    Pack {
        /// File name as given.
        file: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// An option is invalid.
    Options(String),
    /// The text cannot be checked.
    Input(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Pack { file, line: Some(line), message } => write!(f, "{file}:{line}: {message}"),
            Error::Pack { file, line: None, message } => write!(f, "{file}: {message}"),
            Error::Options(m) => write!(f, "invalid options: {m}"),
            Error::Input(m) => write!(f, "invalid input: {m}"),
        }
    }
}

impl std::error::Error for Error {}
