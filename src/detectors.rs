//! Built-in detectors: what a word list or a phrase cannot express (check digits, number shapes,
//! domains, shouting). A rule in a pack names one with `detector = "..."`; the detector finds
//! spans, the rule gives them their id, message and action.

use std::sync::OnceLock;

use crate::re::Regex;

use crate::pack::{ContactsDef, LinksDef};
use crate::text::{normalize_plain, Views};

/// The built-in detectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detector {
    Phone,
    Email,
    Iban,
    NationalId,
    BirthDate,
    Address,
    Plate,
    Link,
    Shortener,
    Shouting,
    Flood,
    Repetition,
}

impl Detector {
    pub const NAMES: [&'static str; 12] = [
        "phone", "email", "iban", "national-id", "birth-date", "address", "plate", "link", "shortener", "shouting",
        "flood", "repetition",
    ];

    pub fn from_name(name: &str) -> Option<Detector> {
        use Detector::{
            Address, BirthDate, Email, Flood, Iban, Link, NationalId, Phone, Plate, Repetition, Shortener, Shouting,
        };
        let all = [Phone, Email, Iban, NationalId, BirthDate, Address, Plate, Link, Shortener, Shouting, Flood, Repetition];
        Self::NAMES.iter().position(|n| *n == name).map(|i| all[i])
    }
}

const MONTHS: &str = "januari|jan|februari|feb|maart|mrt|april|apr|mei|juni|jun|juli|jul|augustus|aug|september|sept|sep|oktober|okt|november|nov|december|dec|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|may|june|july|august|october";

/// What a text is made of, found in one pass over its bytes, so detectors that cannot fire are skipped.
#[derive(Debug, Default, Clone, Copy)]
pub struct Shape {
    /// ASCII digits in the plain view (up to 255).
    pub digit_count: u8,
    /// The most digits in one stretch of digits and the separators of a phone number (` ./-()+`),
    /// and the most in a row (up to 255).
    pub digit_run: u8,
    pub digits_in_a_row: u8,
    /// The plain view has `@` or a bracket (e-mail addresses, also obfuscated ones).
    pub at_or_bracket: bool,
    /// The plain view has a dot between a letter, digit or hyphen and a letter ("politie.be"), or
    /// "www." or "http" (links).
    pub domain_dot: bool,
    /// The original text is ASCII.
    pub ascii: bool,
    /// ASCII capitals in the original text.
    pub upper: usize,
    /// Words (runs of ASCII letters and digits, or of non-ASCII bytes) in the plain view, up to 3.
    pub words: usize,
    /// A letter repeated, alone or in a unit of two or three, long enough to be a flood.
    pub letter_run: bool,
}

impl Shape {
    #[must_use]
    pub fn of(text: &str, plain: &str) -> Shape {
        let mut s = Shape { ascii: text.is_ascii(), ..Shape::default() };
        s.upper = text.bytes().filter(u8::is_ascii_uppercase).count();
        let mut in_word = false;
        let bytes = plain.as_bytes();
        let (mut run, mut row) = (0u8, 0u8);
        for (i, &b) in bytes.iter().enumerate() {
            // Most of a folded comment is lower-case letters: they end every run and start a word.
            if b.is_ascii_lowercase() {
                (run, row) = (0, 0);
                s.words += usize::from(!in_word);
                in_word = true;
                continue;
            }
            match b {
                b'0'..=b'9' => {
                    s.digit_count = s.digit_count.saturating_add(1);
                    run = run.saturating_add(1);
                    row = row.saturating_add(1);
                    s.digit_run = s.digit_run.max(run);
                    s.digits_in_a_row = s.digits_in_a_row.max(row);
                }
                b' ' | b'.' | b'/' | b'-' | b'(' | b')' | b'+' => row = 0,
                _ => (run, row) = (0, 0),
            }
            match b {
                b'@' | b'[' | b'(' | b'{' => s.at_or_bracket = true,
                b'.' if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'-') && bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase) => {
                    s.domain_dot = true;
                }
                _ => {}
            }
            let word = b.is_ascii_alphanumeric() || b >= 0x80;
            if word && !in_word {
                s.words += 1;
            }
            in_word = word;
        }
        s.words = s.words.min(3);
        s.domain_dot |= plain.contains("www.") || plain.contains("http");
        // A unit of 1, 2 or 3 letters repeated: `b[j] == b[j - unit]` for a long run of `j`
        // (10 equal letters: 9 equal steps; 8 units of two or three: 14 or 21).
        let (mut p1, mut p2, mut p3) = (0u8, 0u8, 0u8);
        let (mut c1, mut c2, mut c3) = (0u32, 0u32, 0u32);
        for &b in text.as_bytes() {
            let l = if b.is_ascii_alphabetic() { b | 0x20 } else { 0 };
            c1 = if l != 0 && l == p1 { c1 + 1 } else { 0 };
            c2 = if l != 0 && l == p2 { c2 + 1 } else { 0 };
            c3 = if l != 0 && l == p3 { c3 + 1 } else { 0 };
            s.letter_run |= c1 >= 9 || c2 >= 14 || c3 >= 21;
            (p3, p2, p1) = (p2, p1, l);
        }
        s
    }
}

/// Compiled regexes and lists, built once per engine.
#[derive(Debug)]
pub struct DetectorContext {
    phone: Lazy,
    email: Lazy,
    email_obfuscated: Lazy,
    email_spoken: Lazy,
    iban: Lazy,
    national_id: Lazy,
    birth_date: Lazy,
    street: Lazy,
    street_fr: Lazy,
    postcode: Lazy,
    plate: Lazy,
    url: Lazy,
    own_numbers: Vec<String>,
    own_emails: Vec<String>,
    trusted: Vec<String>,
    shorteners: Vec<String>,
}

/// A detector regex, compiled when a text first needs it: most texts need only a few, and
/// building the engine (at every start of the extension and the help page) compiles none.
#[derive(Debug)]
struct Lazy {
    src: String,
    re: OnceLock<Regex>,
}

impl std::ops::Deref for Lazy {
    type Target = Regex;
    // Not inlined: a copy of the first-use compile at each of the detectors' thirty uses made the
    // module about 180 bytes larger gzipped.
    #[inline(never)]
    fn deref(&self) -> &Regex {
        // The detector regexes are constants, compiled and exercised by the unit tests below.
        self.re.get_or_init(|| Regex::new(&crate::regex_prep::ascii_classes(&self.src)).unwrap_or_else(|e| panic!("built-in detector regex: {e}")))
    }
}

/// Whether `p[start..end]`, found as a web address, is (part of) an e-mail address: it holds an
/// `@`, the rest of its token does ("sarah.de.smet@skynet.be", where "sarah.de" looks like a German
/// site), or an `@` or a bracketed "at" stands right before it ("jan [at] hotmail.com", "jan @
/// outlook.com").
fn is_mail_part(p: &str, start: usize, end: usize) -> bool {
    let rest = &p[end..];
    let token_rest = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
    let before = p[..start].trim_end();
    p[start..end].contains('@')
        || token_rest.contains('@')
        || token_rest.contains("(at)")
        || token_rest.contains("[at]")
        || ["@", "(at)", "[at]", "{at}"].iter().any(|a| before.ends_with(a))
}

fn re(s: &str) -> Lazy {
    Lazy { src: s.to_string(), re: OnceLock::new() }
}

/// An address spelled out in words, written as an address: "jan punt p at gmail punt com" →
/// "jan.p@gmail.com".
fn spoken_email(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        match word {
            "punt" | "dot" | "point" => out.push('.'),
            "at" | "apenstaart" | "apenstaartje" | "arobase" => out.push('@'),
            w => out.push_str(w),
        }
    }
    out
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

impl DetectorContext {
    pub fn new(contacts: &ContactsDef, links: &LinksDef) -> DetectorContext {
        let mut own_numbers: Vec<String> = contacts.numbers.iter().map(|n| digits(n)).collect();
        for n in [&contacts.urgent, &contacts.emergency, &contacts.phone].into_iter().flatten() {
            own_numbers.push(digits(n));
        }
        own_numbers.retain(|n| !n.is_empty());
        let mut own_emails: Vec<String> = contacts.emails.iter().map(|e| normalize_plain(e)).collect();
        if let Some(e) = &contacts.email {
            own_emails.push(normalize_plain(e));
        }
        let clean = |v: &[String]| v.iter().map(|d| d.trim().trim_start_matches("www.").to_ascii_lowercase()).collect();
        DetectorContext {
            phone: re(r"(?:\+|\b00|\(0|\b0)(?: ?[./\-] ?|[ ./\-])?\d(?:(?: ?[./\-] ?|[ ./\-])?\(?\d\)?){6,16}"),
            email: re(r"[a-z0-9][a-z0-9._%+\-]*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,24}\b"),
            email_obfuscated: re(
                r"\b[a-z0-9][a-z0-9._\-]*\s?[\[(\{]\s?(?:at|@|apenstaart(?:je)?)\s?[\])\}]\s?[a-z0-9\-]+\s?(?:[\[(\{]\s?(?:dot|punt|\.)\s?[\])\}]|\.)\s?[a-z]{2,6}\b|\b[a-z0-9][a-z0-9._\-]*(?:\s\.\s[a-z0-9_\-]+)*\s@\s[a-z0-9\-]+(?:\s?\.\s?[a-z0-9\-]+)*?\s?\.\s?(?:com|be|nl|net|org|eu|fr|de|uk|info|io)\b",
            ),
            // "jan punt peeters at gmail punt com": the dots and the at written as words. With
            // the dot before the TLD written as a dot, only a mail provider's domain counts, so
            // "kijk eens at nieuwsblad.be" is no address.
            email_spoken: re(
                r"\b[a-z0-9][a-z0-9._\-]*(?:\s(?:punt|dot|point)\s[a-z0-9\-]+)*\s(?:at|apenstaart(?:je)?|arobase)\s(?:[a-z0-9\-]+(?:\s(?:punt|dot|point)\s[a-z0-9\-]+)*\s(?:punt|dot|point)\s|(?:gmail|hotmail|outlook|live|yahoo|telenet|skynet|proximus|icloud|msn|me|protonmail|proton|pandora|scarlet)\.)(?:com|be|nl|net|org|eu|fr|de|uk|info|me|io)\b",
            ),
            iban: re(r"\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?\b"),
            national_id: re(r"\b\d{2}[. ]?\d{2}[. ]?\d{2}[ .\-]?\d{3}[ .\-]?\d{2}\b"),
            birth_date: re(&format!(
                r"(?:geboren|geb\.|geboortedatum|geboorte ?datum|°|verjaardag|verjaart|jarig|born|birthday|date of birth|\bdob\b|\bnee?\b le|date de naissance)[^.!?\n\d]{{0,30}}?(?:\b\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:19|20)?\d{{2}}\b|\b(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}\b|\b\d{{1,2}}(?:ste|de|e|er)? (?:{MONTHS})\.?(?: (?:19|20)\d{{2}})?\b)|\b(?:ik ben|'k ben|kben|ik zen|'k zen|kzen|k zen|ik zijn) van (?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:19|20)?\d{{2}})\b"
            )),
            street: re(
                r"\b(?:[a-z][a-z'\-]*?(?:straat|str\.|laan|lei|steenweg|weg|plein|dreef|kaai|kade|dijk|markt|singel|gracht|vest|dok|rei|hoek|wegel|pad|hof|berg|veld|baan|park|plaats|dries|kouter|meers|meersen|plantsoen|wal|dam|wandeling|driesch|poort|brug))\s?(?:nr\.?|nummer)?\s?(?:\d{1,4})(?:\s?[a-z]\b)?(?:\s?(?:bus|bte|/)\s?\d{1,4})?\b",
            ),
            street_fr: re(
                r"\b(?:rue|avenue|av\.|boulevard|bd|chaussee|place|quai|square)\s+(?:de la |du |des |de |d')?[a-z\-]{3,}(?: [a-z\-]{3,})?,?\s(?:\d{1,4})\b",
            ),
            postcode: re(
                r"\b[1-9]\d{3}\s(?:gent|ghent|gand|sint-amandsberg|gentbrugge|ledeberg|mariakerke|drongen|wondelgem|oostakker|zwijnaarde|sint-denijs-westrem|afsnee|desteldonk|mendonk|sint-kruis-winkel|merelbeke|destelbergen|lochristi|evergem|de pinte|sint-martens-latem|melle|lovendegem|nazareth|zelzate|eeklo|aalst|brussel|bruxelles|antwerpen|anvers|brugge|kortrijk|oostende|leuven|mechelen|hasselt|sint-niklaas|dendermonde|lokeren|wetteren|oudenaarde|ronse|deinze|zottegem|ninove|geraardsbergen|liege|luik|namur|namen|charleroi|mons|bergen)\b",
            ),
            plate: re(r"\b(?:[1-9][-. ]?[A-Za-z]{3}[-. ]?\d{3}|[A-Z]{3}-\d{3}|\d{3}-[A-Z]{3}|[A-Z]{2}-\d{3}-[A-Z]{2})\b"),
            url: re(
                r"(?:https?://|www\.)[^\s<>\x22']+|\b[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:com|be|nl|net|org|eu|io|shop|store|xyz|info|biz|ly|gl|gle|me|co|app|link|online|site|club|top|fr|de|uk|tk|gd|to|cc|gent|brussels|vlaanderen|tv|ai|gg|live|ee|it|es|pl|ch|us|page|dev|pro|vip)\b(?:/[^\s<>\x22']*)?",
            ),
            own_numbers,
            own_emails,
            trusted: clean(&links.trusted),
            shorteners: clean(&links.shorteners),
        }
    }

    /// Runs one detector; returns original byte spans.
    pub fn run(&self, detector: Detector, text: &str, views: &Views, shape: &Shape) -> Vec<(usize, usize)> {
        let plain = &views.plain;
        let p = plain.text.as_str();
        let map = |s: usize, e: usize| plain.to_original(s, e);
        let has_digit = shape.digit_count > 0;
        let mut out = Vec::new();
        match detector {
            // A phone number has seven digits or more in one stretch; an account number eight or more.
            Detector::Phone if shape.digit_run >= 7 => {
                // Digits inside an account number (valid or not) are not a phone number.
                let ibans: Vec<(usize, usize)> =
                    if shape.digit_count >= 8 { self.iban.find_iter(p).map(|m| (m.start(), m.end())).collect() } else { Vec::new() };
                for m in self.phone.find_iter(p) {
                    if ibans.iter().any(|&(s, e)| s < m.end() && m.start() < e) {
                        continue;
                    }
                    if self.is_phone(m.as_str(), &p[..m.start()], &p[m.end()..]) {
                        out.push(map(m.start(), m.end()));
                    }
                }
            }
            Detector::Email => {
                if shape.at_or_bracket {
                    for m in self.email.find_iter(p).chain(self.email_obfuscated.find_iter(p)) {
                        let addr = m.as_str();
                        if !self.own_emails.iter().any(|o| o == addr) && !self.is_own_domain(addr.rsplit('@').next().unwrap_or("")) {
                            out.push(map(m.start(), m.end()));
                        }
                    }
                }
                if p.contains(" at ") || p.contains(" apenstaart") || p.contains(" arobase ") {
                    for m in self.email_spoken.find_iter(p) {
                        let addr = spoken_email(m.as_str());
                        if !self.own_emails.contains(&addr) && !self.is_own_domain(addr.rsplit('@').next().unwrap_or("")) {
                            out.push(map(m.start(), m.end()));
                        }
                    }
                }
            }
            Detector::Iban if shape.digit_count >= 8 => {
                for m in self.iban.find_iter(p) {
                    // The match may have swallowed a following word ("... 6769 voor"): drop
                    // trailing groups until the check digits agree.
                    let mut candidate = m.as_str();
                    loop {
                        if iban_valid(candidate) {
                            out.push(map(m.start(), m.start() + candidate.len()));
                            break;
                        }
                        match candidate.rfind(' ') {
                            Some(i) if i > 4 => candidate = candidate[..i].trim_end(),
                            _ => break,
                        }
                    }
                }
            }
            Detector::NationalId if shape.digit_run >= 11 => {
                for m in self.national_id.find_iter(p) {
                    if national_id_valid(&digits(m.as_str())) {
                        out.push(map(m.start(), m.end()));
                    }
                }
            }
            Detector::BirthDate if has_digit => {
                for m in self.birth_date.find_iter(p) {
                    // The date: the match from its first digit (the words before it have none).
                    if let Some(d) = m.as_str().find(|c: char| c.is_ascii_digit()) {
                        out.push(map(m.start() + d, m.end()));
                    }
                }
            }
            Detector::Address if has_digit => self.addresses(p, &mut out, &map),
            Detector::Plate if shape.digits_in_a_row >= 3 => {
                for m in self.plate.find_iter(text) {
                    let s = m.as_str();
                    let has_sep = s.contains('-') || s.contains('.');
                    let upper = s.chars().filter(char::is_ascii_alphabetic).all(|c| c.is_ascii_uppercase());
                    if has_sep || upper {
                        out.push((m.start(), m.end()));
                    }
                }
            }
            Detector::Link | Detector::Shortener if shape.domain_dot => {
                for m in self.url.find_iter(p) {
                    if is_mail_part(p, m.start(), m.end()) {
                        continue;
                    }
                    let host = host_of(m.as_str());
                    // "bv.be" in the middle of a sentence is a typo, not a link: want a dotted name.
                    if !host.contains('.') {
                        continue;
                    }
                    let short = self.shorteners.iter().any(|d| domain_matches(&host, d));
                    let flag = if detector == Detector::Shortener { short } else { !short && !self.is_trusted(&host) };
                    if flag {
                        out.push(map(m.start(), trim_url_end(m.as_str(), m.start())));
                    }
                }
            }
            // Shouting needs at least 12 capitals; an ASCII text with fewer has none.
            Detector::Shouting if !shape.ascii || shape.upper >= 12 => shouting(text, &mut out),
            Detector::Flood => flood(text, shape, &mut out),
            Detector::Repetition if shape.words >= 3 => repetition(p, &mut out, &map),
            _ => {}
        }
        out
    }

    /// The police's own domains and those of public services whose addresses are published for
    /// everyone to write to (Safeonweb's verdacht@, Unia, the city): no one's personal data.
    fn is_own_domain(&self, domain: &str) -> bool {
        ["police.belgium.eu", "politie.be", "police.be", "safeonweb.be", "belgium.be", "fgov.be", "stad.gent", "gent.be", "vlaanderen.be", "unia.be"]
            .iter()
            .any(|d| domain_matches(domain, d))
    }

    fn is_trusted(&self, host: &str) -> bool {
        self.trusted.iter().any(|d| domain_matches(host, d))
    }

    fn is_phone(&self, m: &str, before: &str, after: &str) -> bool {
        // Not glued to other digits, letters or a decimal separator ("€ 0,475").
        if before.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == ',' || c == '.' || c == '/') {
            return false;
        }
        let mut next = after.chars();
        let glued = match next.next() {
            Some(c) if c.is_ascii_digit() || c.is_alphabetic() => true,
            Some(',' | '.') => next.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        if glued {
            return false;
        }
        // A time or a date is not a phone number.
        if m.matches(['/', '.', '-']).count() == 2 && m.len() <= 10 && !m.starts_with('+') {
            let parts: Vec<&str> = m.split(['/', '.', '-']).collect();
            if parts.len() == 3 && parts[0].len() <= 2 && parts[1].len() <= 2 && (parts[2].len() == 4 || parts[2].len() == 2) {
                return false;
            }
        }
        let mut d = digits(&m.replace("(0)", ""));
        let international = m.starts_with('+') || m.starts_with("00");
        if international {
            if d.starts_with("00") {
                d.drain(..2);
            }
            if !(8..=15).contains(&d.len()) {
                return false;
            }
            // Normalise Belgian numbers to national form to compare with the police's own.
            if let Some(rest) = d.strip_prefix("32") {
                d = format!("0{rest}");
            }
        } else {
            // Belgian, Dutch and French numbers have 9 or 10 digits; a British mobile has 11 (07...).
            let uk_mobile = d.len() == 11 && d.starts_with("07");
            if !d.starts_with('0') || !((9..=10).contains(&d.len()) || uk_mobile) {
                return false;
            }
            // Service numbers (0800 free, 090x paid, 070/078 national rate) are not personal.
            if !uk_mobile && ["0800", "0900", "0901", "0902", "0903", "0904", "0905", "0906", "0907", "0909", "070", "078", "077"]
                .iter()
                .any(|p| d.starts_with(p))
            {
                return false;
            }
        }
        !self.own_numbers.iter().any(|o| *o == d)
    }

    fn addresses(&self, p: &str, out: &mut Vec<(usize, usize)>, map: &dyn Fn(usize, usize) -> (usize, usize)) {
        const NOT_STREETS: &[&str] = &[
            "snelweg", "autoweg", "ringweg", "hoofdweg", "zijweg", "omweg", "supermarkt", "vismarkt?", "parkeerplaats",
            "plaats", "werkplaats", "speelplaats", "woonplaats", "standplaats", "voetbalveld", "sportveld", "slagveld",
            "speelveld", "baan", "autobaan", "loopbaan", "ijsbaan", "renbaan", "park", "pretpark", "hof", "gerechtshof",
            "berg", "weg", "straat", "laan", "plein", "markt", "kade", "dijk", "pad", "fietspad", "voetpad", "hoek",
            "veld", "dok", "rei", "vest", "lei", "kaai", "wegel", "singel", "gracht", "dreef", "steenweg",
            "jeugdhof", "binnenhof", "kerkhof", "ijsberg", "afgrond", "vakantiepark", "attractiepark", "zebrapad",
            "achterhoek", "oosthoek", "westhoek", "poort", "brug", "stadspoort", "voetgangersbrug", "fietsbrug", "loopbrug",
        ];
        const UNITS: &[&str] = &[
            "km", "kilometer", "keer", "x", "min", "minuten", "uur", "u", "jaar", "jaren", "euro", "eur", "%", "m",
            "meter", "personen", "mensen", "auto", "autos", "dagen", "weken", "maanden", "seconden", "sec", "kg",
        ];
        for whole in self.street.find_iter(p) {
            // The street's name: the match up to its number (the name has no digit), without "nr".
            let name = whole.as_str()[..whole.as_str().find(|c: char| c.is_ascii_digit()).unwrap_or(whole.as_str().len())].trim_end();
            let name = name.strip_suffix("nummer").or_else(|| name.strip_suffix("nr.")).or_else(|| name.strip_suffix("nr")).unwrap_or(name).trim_end();
            if NOT_STREETS.contains(&name) {
                continue;
            }
            let next = p[whole.end()..].trim_start();
            let word: String = next.chars().take_while(|c| c.is_alphanumeric() || *c == '%' || *c == '\'').collect();
            let word = word.replace('\'', "");
            if UNITS.contains(&word.as_str()) || next.starts_with("km/") {
                continue;
            }
            out.push(map(whole.start(), whole.end()));
        }
        let streets = out.len();
        for m in self.street_fr.find_iter(p) {
            out.push(map(m.start(), m.end()));
        }
        // A postcode and town alone ("9000 Gent, beste stad") is no address: it needs a street
        // just before it or words that say it is where someone lives.
        for m in self.postcode.find_iter(p) {
            let before = &p[floor_boundary(p, m.start().saturating_sub(60))..m.start()];
            let after_street = streets > 0 || self.street.is_match(before) || self.street_fr.is_match(before);
            let lives = ["woon", "adres", "adresse", "address", "verhuisd", "gedomicilieerd", "domicilie", "habite", "numero"].iter().any(|w| before.contains(w));
            if after_street || lives {
                out.push(map(m.start(), m.end()));
            }
        }
    }
}

/// The largest char boundary at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    host.trim_start_matches("www.").trim_start_matches("m.").to_ascii_lowercase()
}

fn domain_matches(host: &str, domain: &str) -> bool {
    host == domain || host.strip_suffix(domain).is_some_and(|h| h.ends_with('.'))
}

/// End of a URL match without trailing sentence punctuation.
fn trim_url_end(url: &str, start: usize) -> usize {
    start + url.trim_end_matches(['.', ',', ')', '!', '?', ';', ':']).len()
}

/// ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 == 1.
pub fn iban_valid(raw: &str) -> bool {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let len_ok = match &s[..2.min(s.len())] {
        "BE" => s.len() == 16,
        "NL" => s.len() == 18,
        "LU" => s.len() == 20,
        "DE" | "GB" | "IE" => s.len() == 22,
        "FR" | "IT" | "MC" => s.len() == 27,
        "ES" => s.len() == 24,
        _ => (15..=34).contains(&s.len()),
    };
    if !len_ok || !s.chars().all(|c| c.is_ascii_alphanumeric()) || !s[2..4].chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let rearranged = format!("{}{}", &s[4..], &s[..4]);
    let mut rem: u32 = 0;
    for c in rearranged.chars() {
        let v = c.to_digit(36).unwrap_or(0);
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    rem == 1
}

/// Belgian national register number (rijksregisternummer) or BIS number: YYMMDD + 3-digit serial
/// + check (97 - n mod 97, with a leading 2 for births from 2000 on). BIS numbers add 20 or 40 to
/// the month; month 00 or day 00 stand for an unknown birth date.
pub fn national_id_valid(d: &str) -> bool {
    if d.len() != 11 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let month: u32 = d[2..4].parse().unwrap_or(99);
    let day: u32 = d[4..6].parse().unwrap_or(99);
    let month_ok = [0, 20, 40].iter().any(|off| month >= *off && month - off <= 12);
    if !month_ok || day > 31 {
        return false;
    }
    let base: u64 = d[..9].parse().unwrap_or(0);
    let check: u64 = d[9..].parse().unwrap_or(100);
    97 - base % 97 == check || 97 - (2_000_000_000 + base) % 97 == check
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF | 0x1F000..=0x1F2FF | 0x2B00..=0x2BFF)
}

fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0x1F3FB..=0x1F3FF | 0x200D | 0xFE0F | 0x20E3)
}

/// Mostly capitals: at least 15 letters and 4 words, 80 % of the letters upper case.
fn shouting(text: &str, out: &mut Vec<(usize, usize)>) {
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut first = None;
    let mut last = 0;
    for (i, c) in text.char_indices() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
                first.get_or_insert(i);
                last = i + c.len_utf8();
            }
        }
    }
    // Both kinds below need at least 12 capitals (80 % of 15 letters; 25 letters in capitals).
    if upper < 12 {
        return;
    }
    let words = text.split_whitespace().filter(|w| w.chars().filter(|c| c.is_uppercase()).count() >= 2).count();
    if letters >= 15 && words >= 4 && upper * 10 >= letters * 8 {
        if let Some(f) = first {
            out.push((f, last));
        }
        return;
    }
    // A shouted sentence inside a calm comment: five or more words in a row in capitals, with at
    // least 25 letters ("Ik lees dit. JULLIE ZIJN DE SLECHTSTE ZONE VAN HET LAND. Fijne dag.").
    let mut run: Option<(usize, usize)> = None;
    let (mut run_words, mut run_letters) = (0usize, 0usize);
    let mut flush = |run: &mut Option<(usize, usize)>, words: usize, letters: usize| {
        if let (Some(span), true) = (run.take(), words >= 5 && letters >= 25) {
            out.push(span);
        }
    };
    let mut offset = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let start = offset;
        offset += word.len();
        let core = word.trim();
        let n = core.chars().filter(|c| c.is_alphabetic()).count();
        let shouted = n >= 1 && core.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        if shouted {
            let lead = core.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
            let tail = core.rfind(|c: char| c.is_alphanumeric()).map_or(core.len(), |i| i + core[i..].chars().next().map_or(1, char::len_utf8));
            let ws = word.len() - word.trim_start().len();
            let (s, e) = (start + ws + lead, start + ws + tail);
            run = Some(run.map_or((s, e), |(rs, _)| (rs, e)));
            if n >= 2 {
                run_words += 1;
            }
            run_letters += n;
        } else if n > 0 {
            flush(&mut run, run_words, run_letters);
            run_words = 0;
            run_letters = 0;
        }
    }
    flush(&mut run, run_words, run_letters);
}

/// Emoji floods (a run of 5 or more, or 3 or more clowns), punctuation floods ("!!!!!", "?!?!?!"),
/// letter floods ("oeeeeeeeeeee", "hahahahahahahahaha").
fn flood(text: &str, shape: &Shape, out: &mut Vec<(usize, usize)>) {
    if !shape.ascii {
        emoji_flood(text, out);
    }
    if shape.letter_run {
        letter_flood(text, out);
    }
    punctuation_flood(text, out);
}

/// A run of 5 or more emoji, or 3 or more clowns.
fn emoji_flood(text: &str, out: &mut Vec<(usize, usize)>) {
    // Emoji runs, ignoring spaces, skin tones and joiners.
    let mut run_start = None;
    let mut run_end = 0;
    let mut count = 0;
    let mut clowns = 0;
    let mut clown_span: Option<(usize, usize)> = None;
    let flush = |start: Option<usize>, end: usize, count: usize, out: &mut Vec<(usize, usize)>| {
        if let (Some(s), true) = (start, count >= 5) {
            out.push((s, end));
        }
    };
    for (i, c) in text.char_indices() {
        if c == '🤡' {
            clowns += 1;
            let span = clown_span.get_or_insert((i, i + c.len_utf8()));
            span.1 = i + c.len_utf8();
        }
        if is_emoji(c) {
            run_start.get_or_insert(i);
            run_end = i + c.len_utf8();
            if !is_emoji_modifier(c) {
                count += 1;
            }
        } else if c.is_whitespace() || is_emoji_modifier(c) {
            if run_start.is_some() && !c.is_whitespace() {
                run_end = i + c.len_utf8();
            }
        } else {
            flush(run_start.take(), run_end, count, out);
            count = 0;
        }
    }
    flush(run_start.take(), run_end, count, out);
    if clowns >= 3 {
        if let Some(span) = clown_span {
            if !out.iter().any(|&(s, e)| s <= span.0 && e >= span.1) {
                out.push(span);
            }
        }
    }
}

/// One letter 10 times, or a unit of two or three letters 8 times ("hahahaha...").
fn letter_flood(text: &str, out: &mut Vec<(usize, usize)>) {
    // Floods are ASCII; bytes keep this fast.
    let b = text.as_bytes();
    let same = |x: u8, y: u8| x.is_ascii_alphabetic() && x.eq_ignore_ascii_case(&y);
    let mut i = 0;
    while i < b.len() {
        let mut best = 0;
        if b[i].is_ascii_alphabetic() {
            for unit in 1..=3usize {
                if i + unit >= b.len() || !same(b[i + unit], b[i]) && unit == 1 {
                    continue;
                }
                let mut j = i + unit;
                while j < b.len() && same(b[j], b[j - unit]) {
                    j += 1;
                }
                let reps = (j - i) / unit;
                if reps >= if unit == 1 { 10 } else { 8 } {
                    best = best.max(j);
                }
            }
        }
        if best > 0 {
            out.push((i, best));
            i = best;
        } else {
            i += 1;
        }
    }
}

/// 5 or more of ! and ? in a row, or 8 or more dots.
fn punctuation_flood(text: &str, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'!' | b'?' | b'.') {
            let mut j = i;
            let mut dots = 0;
            while j < b.len() && matches!(b[j], b'!' | b'?' | b'.' | b'1') {
                if b[j] == b'.' {
                    dots += 1;
                }
                j += 1;
            }
            let n = j - i;
            if (n - dots >= 5) || dots >= 8 {
                out.push((i, j));
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// The same word five times in a row, or the same phrase (2 to 16 words, a sentence posted again
/// and again) three times in a row.
fn repetition(p: &str, out: &mut Vec<(usize, usize)>, map: &dyn Fn(usize, usize) -> (usize, usize)) {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in p.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push((s, i));
        }
    }
    if let Some(s) = start {
        words.push((s, p.len()));
    }
    let w = |i: usize| &p[words[i].0..words[i].1];
    let n = words.len();
    // Word hashes make the common case (no word comes back soon) a few integer compares.
    let hashes: Vec<u32> = (0..n).map(|i| w(i).bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))).collect();
    let mut i = 0;
    while i < n {
        // A repetition starts with a word that comes back within sixteen words: most don't.
        let near = &hashes[i + 1..(i + 17).min(n)];
        if !near.contains(&hashes[i]) || !(1..=near.len()).any(|k| hashes[i] == hashes[i + k] && w(i) == w(i + k)) {
            i += 1;
            continue;
        }
        let mut found = None;
        for period in 1..=16usize {
            let need = match (period, w(i).chars().count()) {
                (1, 0..=3) => 5,
                (1, 4) => 4,
                _ => 3,
            };
            if i + period * need > n {
                break;
            }
            let mut reps = 1;
            while i + period * (reps + 1) <= n && (0..period).all(|k| w(i + k) == w(i + period * reps + k)) {
                reps += 1;
            }
            if reps >= need {
                found = Some(i + period * reps - 1);
                break;
            }
        }
        if let Some(last) = found {
            out.push(map(words[i].0, words[last].1));
            i = last + 1;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iban_check_digits() {
        assert!(iban_valid("BE68 5390 0754 7034"));
        assert!(iban_valid("be68539007547034"));
        assert!(!iban_valid("BE68 5390 0754 7035"));
        assert!(iban_valid("NL91 ABNA 0417 1643 00"));
        assert!(!iban_valid("NL91 ABNA 0417 1643 01"));
    }

    #[test]
    fn national_register_numbers() {
        // 85.07.30-033.28: 97 - 850730033 % 97 = 28.
        assert!(national_id_valid("85073003328"));
        assert!(!national_id_valid("85073003329"));
        // Born in 2000 or later: 2 in front.
        let base: u64 = 10_03_15_123;
        let check = 97 - (2_000_000_000 + base) % 97;
        assert!(national_id_valid(&format!("{base:09}{check:02}")));
        // BIS number: month + 40.
        let bis: u64 = 85_47_30_033;
        let check = 97 - bis % 97;
        assert!(national_id_valid(&format!("{bis:09}{check:02}")));
        // Month 13 is no date.
        let bad: u64 = 85_13_30_033;
        let check = 97 - bad % 97;
        assert!(!national_id_valid(&format!("{bad:09}{check:02}")));
    }

    fn spans(d: Detector, text: &str) -> Vec<String> {
        let ctx = DetectorContext::new(
            &ContactsDef { phone: Some("09/266.61.11".into()), urgent: Some("101".into()), ..Default::default() },
            &LinksDef { trusted: vec!["politie.be".into(), "vrt.be".into()], shorteners: vec!["bit.ly".into()] },
        );
        let views = Views::new(text);
        ctx.run(d, text, &views, &Shape::of(text, &views.plain.text)).into_iter().map(|(s, e)| text[s..e].to_string()).collect()
    }

    #[test]
    fn phones() {
        assert_eq!(spans(Detector::Phone, "Bel me op 0475 12 34 56!"), ["0475 12 34 56"]);
        assert_eq!(spans(Detector::Phone, "+32 475/12.34.56"), ["+32 475/12.34.56"]);
        assert_eq!(spans(Detector::Phone, "tel 09 223 45 67"), ["09 223 45 67"]);
        assert_eq!(spans(Detector::Phone, "bel 06-12345678"), ["06-12345678"]);
        assert!(spans(Detector::Phone, "Bel 09/266.61.11 of 101").is_empty());
        assert!(spans(Detector::Phone, "op 12/03/2024 om 14:30, 120 km/u, € 2.500").is_empty());
        assert!(spans(Detector::Phone, "in 2023 waren er 0475 boetes").is_empty());
        assert_eq!(spans(Detector::Phone, "Bel me: 0 4 9 5 - 2 3 8 - 7 1 4"), vec!["0 4 9 5 - 2 3 8 - 7 1 4"]);
        assert!(spans(Detector::Phone, "Gent won 2 - 0, daarna 3 - 1 en 0 - 0.").is_empty());
    }

    #[test]
    fn links() {
        assert_eq!(spans(Detector::Link, "Kijk op www.superdeals.shop/gent nu!"), ["www.superdeals.shop/gent"]);
        assert!(spans(Detector::Link, "Zie https://www.politie.be/5415/contact en vrt.be/nws").is_empty());
        assert_eq!(spans(Detector::Shortener, "klik bit.ly/abc"), ["bit.ly/abc"]);
    }

    #[test]
    fn shouted_sentence_inside_calm_text() {
        assert_eq!(
            spans(Detector::Shouting, "Ik lees dit. JULLIE ZIJN DE SLECHTSTE ZONE VAN HET LAND, echt. Fijne dag."),
            vec!["JULLIE ZIJN DE SLECHTSTE ZONE VAN HET LAND"]
        );
        assert!(spans(Detector::Shouting, "De LEZ en de AA Gent match, plus NMBS en VRT: ok.").is_empty());
    }

    #[test]
    fn floods_and_shouting() {
        assert_eq!(spans(Detector::Flood, "nee!!!!!!"), ["!!!!!!"]);
        assert!(spans(Detector::Flood, "echt?! wauw...").is_empty());
        assert_eq!(spans(Detector::Flood, "🤡 🤡 🤡"), ["🤡 🤡 🤡"]);
        assert_eq!(spans(Detector::Flood, "😂😂😂😂😂😂😂"), ["😂😂😂😂😂😂😂"]);
        assert_eq!(spans(Detector::Shouting, "JULLIE ZIJN ALLEMAAL NUTTELOOS EN LUI").len(), 1);
        assert!(spans(Detector::Shouting, "De PV van de GAS-boete").is_empty());
        assert_eq!(spans(Detector::Repetition, "weg weg weg weg weg"), ["weg weg weg weg weg"]);
        assert!(spans(Detector::Repetition, "nee nee, echt niet").is_empty());
    }

    #[test]
    fn public_service_addresses_are_no_personal_data() {
        assert!(spans(Detector::Email, "stuur het door naar verdacht@safeonweb.be of info@stad.gent").is_empty());
        assert_eq!(spans(Detector::Email, "mail jan.peeters@gent.com"), ["jan.peeters@gent.com"]);
    }

    #[test]
    fn addresses_and_plates() {
        assert_eq!(spans(Detector::Address, "Hij woont in de Veldstraat 12 bus 3"), ["veldstraat 12 bus 3".to_string()].map(|_| "Veldstraat 12 bus 3".to_string()));
        assert!(spans(Detector::Address, "op de snelweg 120 km/u rijden").is_empty());
        assert_eq!(spans(Detector::Address, "Ik woon in 9000 Gent"), ["9000 Gent"]);
        assert_eq!(spans(Detector::Address, "is 't nog altijd Hoogpoort 14 bus 3?"), ["Hoogpoort 14 bus 3"]);
        assert!(spans(Detector::Address, "aan de poort 2 mensen").is_empty());
        assert!(spans(Detector::Address, "9000 Gent, beste stad van 't land!").is_empty());
        assert_eq!(spans(Detector::Plate, "nummerplaat 1-ABC-123"), ["1-ABC-123"]);
        assert!(spans(Detector::Plate, "bel 101 of 112").is_empty());
        assert!(spans(Detector::Plate, "om 3 uur 200 man").is_empty());
    }
}
