//! Rule packs: the data behind the engine (word lists, phrase patterns, messages, contacts).
//!
//! A pack is TOML. The default Politie Gent pack lives in `src/packs/politie-gent/`, one file per
//! category, embedded in the binary. A user pack has the same shape and is merged on top: a rule
//! with a known `id` is changed (words and patterns are added, other fields replaced), a rule with
//! a new id is added. Unknown fields are errors, so a typo never passes silently.


use serde::Deserialize;

use crate::{packed, Action, Category, Error};

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
    /// Named regex fragments, used in patterns as `{name}`: `(name, fragment)` sorted by name.
    #[serde(default, deserialize_with = "sorted_defs")]
    pub defs: Vec<(String, String)>,
    /// Words that never count, for every rule (they cover any bad word inside them).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Words to flag, added to the rule `insult/user-words`.
    #[serde(default)]
    pub block: Vec<String>,
    /// Words that phrase patterns also recognise with one typo inside them (see
    /// [`crate::text::Typos`]): group names and the key words of hate speech.
    #[serde(default)]
    pub typos: Vec<String>,
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
    /// Regexes on the whole comment that make every match of the rule innocent wherever they are:
    /// the end of a story told in another sentence ("... Ze heeft hem teruggekregen, merci!").
    #[serde(default)]
    pub unless_in_comment: Vec<String>,
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

/// Parses one pack file in TOML. (In WebAssembly a user pack comes as JSON and is packed by
/// `wasm.rs`, then read by [`unpack`].)
///
/// # Errors
/// A syntax error or an unknown or malformed field, naming the file and the line.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(name: &str, source: &str) -> Result<PackFile, Error> {
    toml::from_str::<PackFile>(source).map_err(|e| {
        let line = e.span().map(|s| line_of(source, s.start));
        let what = e.message().trim().to_string();
        Error::Pack { file: name.to_string(), line, message: format!("{what} (fix the TOML at this place; see README \"Configuration\")") }
    })
}

/// Reads a pack in the packed form build.rs writes for the default pack, so that starting the
/// engine parses no text format (above all in WebAssembly, where it was a third of start-up).
///
/// The form (`src/packed.rs`) is a tagged value tree: string, false, true, array, table (and,
/// from a user's JSON, number and null, which no field takes); lengths
/// (of strings, arrays and tables) are LEB128; a table holds `key, value` pairs, keys being bare
/// strings. Fields are those of the TOML pack format, checked as strictly as serde checks them.
///
/// # Errors
/// A malformed or unknown field, naming it (the test suite makes sure the default pack has none).
pub fn unpack(name: &str, bytes: &[u8]) -> Result<PackFile, Error> {
    let mut r = Reader { bytes, at: 0 };
    let file = unpacked::pack_file(&mut r).map_err(|message| Error::Pack { file: name.to_string(), line: None, message })?;
    if r.at != bytes.len() {
        return Err(Error::Pack { file: name.to_string(), line: None, message: "trailing bytes after the pack".into() });
    }
    Ok(file)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.at).ok_or("the packed pack ends too early")?;
        self.at += 1;
        Ok(b)
    }

    fn len(&mut self) -> Result<usize, String> {
        let mut n = 0usize;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err("a length in the packed pack is too long".into())
    }

    fn bare_str(&mut self) -> Result<&'a str, String> {
        let n = self.len()?;
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or("a string runs past the end of the packed pack")?;
        let s = std::str::from_utf8(&self.bytes[self.at..end]).map_err(|_| "a string in the packed pack is not UTF-8")?;
        self.at = end;
        Ok(s)
    }

    fn tag(&mut self, want: u8, field: &str) -> Result<u8, String> {
        let tag = self.byte()?;
        let ok = match want {
            packed::FALSE => matches!(tag, packed::FALSE | packed::TRUE),
            packed::STRING => matches!(tag, packed::STRING | packed::CODED),
            _ => tag == want,
        };
        if ok {
            return Ok(tag);
        }
        let kind = |t: u8| match t {
            packed::STRING | packed::CODED => "a string",
            packed::FALSE | packed::TRUE => "a boolean",
            packed::ARRAY | packed::WORDS => "an array",
            packed::TABLE => "a table",
            packed::NUMBER => "a number",
            packed::NULL => "null",
            _ => "an unknown value",
        };
        Err(format!("field `{field}` is {}; expected {}", kind(tag), kind(want)))
    }

    fn string(&mut self, field: &str) -> Result<String, String> {
        let tag = self.tag(packed::STRING, field)?;
        let s = self.bare_str()?;
        Ok(if tag == packed::CODED { packed::decode(s) } else { s.to_string() })
    }

    fn boolean(&mut self, field: &str) -> Result<bool, String> {
        Ok(self.tag(packed::FALSE, field)? == packed::TRUE)
    }

    fn array(&mut self, field: &str) -> Result<usize, String> {
        self.tag(packed::ARRAY, field)?;
        self.len()
    }

    fn strings(&mut self, field: &str) -> Result<Vec<String>, String> {
        if let Some(words) = self.words()? {
            return Ok(words);
        }
        let n = self.array(field)?;
        (0..n).map(|_| self.string(field)).collect()
    }

    /// A [`packed::WORDS`] value's strings if one comes next (and is read), else `None`.
    fn words(&mut self) -> Result<Option<Vec<String>>, String> {
        if self.bytes.get(self.at) != Some(&packed::WORDS) {
            return Ok(None);
        }
        self.at += 1;
        let n = self.len()?;
        let joined = self.bare_str()?;
        let words: Vec<String> = if n == 0 { Vec::new() } else { joined.split(packed::WORD_END).map(str::to_string).collect() };
        if words.len() != n {
            return Err("a word list in the packed pack has the wrong number of words".into());
        }
        Ok(Some(words))
    }

    /// Like [`Reader::strings`], but a `CODED` string stays coded, marked with
    /// [`packed::MARK`] (regex sources: decoded when compiled, see [`packed::decoded`]).
    fn lazy_strings(&mut self, field: &str) -> Result<Vec<String>, String> {
        if let Some(words) = self.words()? {
            return Ok(words);
        }
        let n = self.array(field)?;
        (0..n)
            .map(|_| {
                let tag = self.tag(packed::STRING, field)?;
                let s = self.bare_str()?;
                let mut out = String::with_capacity(s.len() + 1);
                if tag == packed::CODED {
                    out.push(packed::MARK);
                }
                out.push_str(s);
                Ok(out)
            })
            .collect()
    }

    /// Calls `entry(reader, key)` for each entry of a table; `entry` reads the value.
    /// (A `dyn` callback: one copy of this code instead of one per table kind, for module size.)
    fn table(&mut self, field: &str, entry: &mut dyn FnMut(&mut Self, &'a str) -> Result<(), String>) -> Result<(), String> {
        self.tag(packed::TABLE, field)?;
        for _ in 0..self.len()? {
            let key = self.bare_str()?;
            entry(self, key)?;
        }
        Ok(())
    }

    /// A string naming a value of one of the pack's enums (`action`, `category`).
    fn named<T: serde::de::DeserializeOwned>(&mut self, field: &str) -> Result<T, String> {
        parse_named(&self.string(field)?, field)
    }
}

/// The value of one of the pack's enums that `s` names.
fn parse_named<T: serde::de::DeserializeOwned>(s: &str, field: &str) -> Result<T, String> {
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(s)).map_err(|e| format!("field `{field}`: {e}"))
}

mod unpacked {
    use super::{ContactsDef, LinksDef, PackFile, PackMeta, Reader, RuleDef};

    fn unknown(field: &str, place: &str) -> String {
        format!("unknown field `{field}` in {place}")
    }

    #[inline(never)]
    pub(super) fn pack_file(r: &mut Reader) -> Result<PackFile, String> {
        let mut f = PackFile::default();
        r.table("the pack", &mut |r, key| {
            match key {
                "pack" => f.pack = Some(pack_meta(r)?),
                "contacts" => f.contacts = Some(contacts(r)?),
                "links" => f.links = Some(links(r)?),
                "defs" => r.table("defs", &mut |r, name| {
                    let v = r.string(name)?;
                    crate::regex_prep::set_def(&mut f.defs, name.to_string(), v);
                    Ok(())
                })?,
                "allow" => f.allow = r.strings(key)?,
                "block" => f.block = r.strings(key)?,
                "typos" => f.typos = r.strings(key)?,
                "rules" => {
                    for _ in 0..r.array(key)? {
                        f.rules.push(rule(r)?);
                    }
                }
                other => return Err(unknown(other, "the pack")),
            }
            Ok(())
        })?;
        Ok(f)
    }

    #[inline(never)]
    fn pack_meta(r: &mut Reader) -> Result<PackMeta, String> {
        let mut name = None;
        let mut m = PackMeta::default();
        r.table("pack", &mut |r, key| {
            match key {
                "name" => name = Some(r.string(key)?),
                "version" => m.version = r.string(key)?,
                "description" => m.description = r.string(key)?,
                other => return Err(unknown(other, "[pack]")),
            }
            Ok(())
        })?;
        m.name = name.ok_or("missing field `name` in [pack]")?;
        Ok(m)
    }

    #[inline(never)]
    fn contacts(r: &mut Reader) -> Result<ContactsDef, String> {
        let mut c = ContactsDef::default();
        r.table("contacts", &mut |r, key| {
            let slot = match key {
                "urgent" => &mut c.urgent,
                "emergency" => &mut c.emergency,
                "phone" => &mut c.phone,
                "email" => &mut c.email,
                "complaint_form" => &mut c.complaint_form,
                "commissariaat" => &mut c.commissariaat,
                "hours" => &mut c.hours,
                "website" => &mut c.website,
                "unia" => &mut c.unia,
                "numbers" => {
                    c.numbers = r.strings(key)?;
                    return Ok(());
                }
                "emails" => {
                    c.emails = r.strings(key)?;
                    return Ok(());
                }
                other => return Err(unknown(other, "[contacts]")),
            };
            *slot = Some(r.string(key)?);
            Ok(())
        })?;
        Ok(c)
    }

    #[inline(never)]
    fn links(r: &mut Reader) -> Result<LinksDef, String> {
        let mut l = LinksDef::default();
        r.table("links", &mut |r, key| {
            match key {
                "trusted" => l.trusted = r.strings(key)?,
                "shorteners" => l.shorteners = r.strings(key)?,
                other => return Err(unknown(other, "[links]")),
            }
            Ok(())
        })?;
        Ok(l)
    }

    #[inline(never)]
    fn rule(r: &mut Reader) -> Result<RuleDef, String> {
        let mut d = RuleDef::default();
        let mut id = None;
        r.table("rules", &mut |r, key| {
            match key {
                "id" => id = Some(r.string(key)?),
                "category" => d.category = Some(r.named(key)?),
                "title" => d.title = Some(r.string(key)?),
                "house_rule" => d.house_rule = Some(r.string(key)?),
                "message" => d.message = Some(r.string(key)?),
                "advice" => d.advice = Some(r.string(key)?),
                "reply" => d.reply = Some(r.string(key)?),
                "action" => d.action = Some(r.named(key)?),
                "enabled" => d.enabled = Some(r.boolean(key)?),
                "evidence" => d.evidence = Some(r.boolean(key)?),
                "detector" => d.detector = Some(r.string(key)?),
                "words" => d.words = r.strings(key)?,
                "allow" => d.allow = r.strings(key)?,
                "patterns" => d.patterns = r.lazy_strings(key)?,
                "unless" => d.unless = r.lazy_strings(key)?,
                "unless_in_comment" => d.unless_in_comment = r.lazy_strings(key)?,
                "requires" => d.requires = r.lazy_strings(key)?,
                "span" => d.span = Some(r.string(key)?),
                "context" => d.context = Some(r.string(key)?),
                "yields_to" => {
                    for s in r.strings(key)? {
                        d.yields_to.push(super::parse_named(&s, key)?);
                    }
                }
                "flags" => d.flags = r.strings(key)?,
                "allows" => d.allows = r.strings(key)?,
                other => return Err(unknown(other, "a rule")),
            }
            Ok(())
        })?;
        d.id = id.ok_or("missing field `id` in a rule")?;
        Ok(d)
    }
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

/// `[defs]` read as a table, kept as a list sorted by name ([`crate::regex_prep::Defs`]).
fn sorted_defs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    let table = <std::collections::BTreeMap<String, String> as Deserialize>::deserialize(d)?;
    Ok(table.into_iter().collect())
}
