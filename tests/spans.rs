//! Spans: byte offsets into the original text, always on character boundaries, and the excerpt
//! is exactly the text between them, whatever the emoji, accents, invisible characters or
//! obfuscation around it. Plus a deterministic random test and the UTF-16 conversion.

use std::sync::OnceLock;

use huisregels::text::utf16_offsets;
use huisregels::{Action, Engine, Error, Verdict, MAX_TEXT_BYTES};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("the default pack must build"))
}

/// Every invariant a verdict must keep, as a list of problems (empty when fine).
fn problems(text: &str, v: &Verdict) -> Vec<String> {
    let mut out = Vec::new();
    for f in &v.findings {
        let tag = format!("{} [{}..{}]", f.rule, f.start, f.end);
        if !(f.start < f.end && f.end <= text.len()) {
            out.push(format!("{tag}: span out of range for a text of {} bytes", text.len()));
            continue;
        }
        if !text.is_char_boundary(f.start) || !text.is_char_boundary(f.end) {
            out.push(format!("{tag}: not on a char boundary"));
            continue;
        }
        if text[f.start..f.end] != f.excerpt {
            out.push(format!("{tag}: excerpt {:?} != text[start..end] {:?}", f.excerpt, &text[f.start..f.end]));
        }
        if f.category.as_str() != f.rule.split('/').next().unwrap_or("") {
            out.push(format!("{tag}: category {} does not match the rule id", f.category));
        }
    }
    let most = v.findings.iter().map(|f| f.action).min().unwrap_or(Action::Allow);
    if v.action != most {
        out.push(format!("verdict action {} but the most pressing finding is {most}", v.action));
    }
    let order: Vec<(Action, usize)> = v.findings.iter().map(|f| (f.action, f.start)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    if order != sorted {
        out.push(format!("findings not most pressing first, then in text order: {order:?}"));
    }
    out
}

#[track_caller]
fn check_spans(text: &str) -> Verdict {
    let v = engine().check(text).unwrap_or_else(|e| panic!("check({text:?}) failed: {e}"));
    let p = problems(text, &v);
    assert!(p.is_empty(), "text {text:?}:\n{}", p.join("\n"));
    v
}

/// The text has a finding whose excerpt is exactly `excerpt`.
#[track_caller]
fn assert_excerpt(text: &str, excerpt: &str) {
    let v = check_spans(text);
    let found: Vec<&str> = v.findings.iter().map(|f| f.excerpt.as_str()).collect();
    assert!(found.contains(&excerpt), "text {text:?}: expected an excerpt {excerpt:?}, found {found:?}");
}

/// The text has a finding whose excerpt contains `word` (byte-wise, as written).
#[track_caller]
fn assert_covers(text: &str, word: &str) {
    let v = check_spans(text);
    let found: Vec<&str> = v.findings.iter().map(|f| f.excerpt.as_str()).collect();
    assert!(found.iter().any(|e| e.contains(word)), "text {text:?}: no excerpt covers {word:?}, found {found:?}");
}

#[test]
fn spans_around_emoji_and_skin_tones() {
    assert_excerpt("👍🏽 klootzak 👍🏽", "klootzak");
    assert_excerpt("👍🏽klootzak👍🏽", "klootzak");
    assert_excerpt("Jij 🤬 kankerflik 👮🏿‍♀️!", "kankerflik");
    assert_excerpt("📞 0475 12 34 56 😀", "0475 12 34 56");
    assert_excerpt("✉️ jan.peeters@gmail.com ✉️", "jan.peeters@gmail.com");
    assert_excerpt("🇧🇪 Bel mij: +32 475 12 34 56 🇧🇪", "+32 475 12 34 56");
}

#[test]
fn spans_around_zwj_sequences() {
    assert_excerpt("👨‍👩‍👧 klootzak 👨‍👩‍👧", "klootzak");
    assert_excerpt("👨‍👩‍👧‍👦kankerflikken👨‍👩‍👧‍👦", "kankerflikken");
    assert_covers("🏳️‍🌈 vuile flikkers 🏳️‍🌈", "flikkers");
}

#[test]
fn spans_with_combining_accents() {
    // e + U+0301 (combining acute): the accent belongs to the letter before it.
    assert_excerpt("die kanke\u{301}r van een agent", "kanke\u{301}r");
    assert_excerpt("ka\u{301}nker politie", "ka\u{301}nker politie");
    assert_excerpt("jij ka\u{301}nker", "ka\u{301}nker");
    assert_excerpt("klo\u{308}o\u{308}tzak!", "klo\u{308}o\u{308}tzak");
    assert_excerpt("Ge zijt een kankérflik", "kankérflik");
    // An accent after the last letter stays attached to it: the span may hold it, never split it.
    assert_covers("klootzak\u{301} jij", "klootzak");
    assert_covers("café kanker café", "kanker");
}

#[test]
fn spans_with_zero_width_characters_inside_words() {
    assert_excerpt("jij kl\u{200B}ootzak", "kl\u{200B}ootzak");
    assert_excerpt("k\u{200C}a\u{200D}n\u{2060}k\u{FEFF}e\u{200B}r politie", "k\u{200C}a\u{200D}n\u{2060}k\u{FEFF}e\u{200B}r politie");
    assert_excerpt("vuile k\u{200C}a\u{200D}n\u{2060}k\u{FEFF}e\u{200B}r", "k\u{200C}a\u{200D}n\u{2060}k\u{FEFF}e\u{200B}r");
    assert_excerpt("kan\u{00AD}ker\u{00AD}flikken", "kan\u{00AD}ker\u{00AD}flikken");
    // Bidi controls around and inside.
    assert_covers("\u{202E}klootzak\u{202C}", "klootzak");
    assert_excerpt("kloot\u{200F}zak", "kloot\u{200F}zak");
}

#[test]
fn spans_with_cyrillic_and_greek_lookalikes() {
    assert_excerpt("Jij bent een кlооtzак", "кlооtzак");
    assert_excerpt("кanкer politie", "кanкer politie");
    assert_excerpt("vuile кanкer", "кanкer");
    assert_excerpt("ΚΑΝΚΕR", "ΚΑΝΚΕR");
}

#[test]
fn spans_with_full_width_and_mathematical_letters() {
    assert_excerpt("ｋｌｏｏｔｚａｋ！", "ｋｌｏｏｔｚａｋ");
    assert_excerpt("wat een 𝐤𝐥𝐨𝐨𝐭𝐳𝐚𝐤", "𝐤𝐥𝐨𝐨𝐭𝐳𝐚𝐤");
    assert_excerpt("Ⓚⓐⓝⓚⓔⓡ", "Ⓚⓐⓝⓚⓔⓡ");
    assert_excerpt("bel ０４７５ １２ ３４ ５６", "０４７５ １２ ３４ ５６");
}

#[test]
fn spans_with_dotted_and_spaced_letters() {
    assert_excerpt("Jij k.a.n.k.e.r!", "k.a.n.k.e.r");
    assert_excerpt("jij k a n k e r", "k a n k e r");
    assert_excerpt("k-l-o-o-t-z-a-k", "k-l-o-o-t-z-a-k");
    assert_excerpt("wat een k.l.o.o.t.z.a.k.", "k.l.o.o.t.z.a.k");
    assert_excerpt("k_a_n_k_e_r flik", "k_a_n_k_e_r flik");
    assert_excerpt("vuile k_a_n_k_e_r", "k_a_n_k_e_r");
    assert_excerpt("👮 k.a.n.k.e.r 👮", "k.a.n.k.e.r");
}

#[test]
fn spans_with_stretched_letters_and_leet() {
    assert_excerpt("kaaaaankerrrrr politie", "kaaaaankerrrrr politie");
    assert_excerpt("ge zijt ne kaaaaankerrrrr", "kaaaaankerrrrr");
    assert_excerpt("KLOOOOOOTZAAAAK", "KLOOOOOOTZAAAAK");
    assert_excerpt("jij kl00tz4k", "kl00tz4k");
    assert_excerpt("wat een k4nk3rfl1kk3n", "k4nk3rfl1kk3n");
}

#[test]
fn spans_through_scare_quotes_cover_the_marks() {
    assert_excerpt("alle moslims zijn 'terroristen'", "alle moslims zijn 'terroristen'");
    assert_excerpt("Alle vluchtelingen zijn \u{2018}ongedierte\u{2019}, echt", "Alle vluchtelingen zijn \u{2018}ongedierte\u{2019}");
    assert_covers("Alle 'vluchtelingen' moeten het land uit.", "'vluchtelingen'");
}

#[test]
fn spans_of_several_findings_in_one_text() {
    let text = "😡 k.a.n.k.e.r flikken, bel mij op 0475 12 34 56 of mail jan@gmail.com 👍🏽";
    let v = check_spans(text);
    let excerpts: Vec<&str> = v.findings.iter().map(|f| f.excerpt.as_str()).collect();
    for want in ["0475 12 34 56", "jan@gmail.com"] {
        assert!(excerpts.contains(&want), "{want:?} not in {excerpts:?}");
    }
    assert!(excerpts.iter().any(|e| e.contains("k.a.n.k.e.r")), "{excerpts:?}");
}

#[test]
fn offsets_are_bytes_not_chars() {
    let text = "é😀 klootzak";
    let v = check_spans(text);
    let f = v.findings.iter().find(|f| f.excerpt == "klootzak").expect("flagged");
    assert_eq!(f.start, "é😀 ".len(), "byte offset of the word");
    assert_eq!(f.end, text.len());
}

// ---------------------------------------------------------------------------------------------
// Deterministic random test.
// ---------------------------------------------------------------------------------------------

/// xorshift64*: small, deterministic, good enough to mix test strings.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// Any Unicode scalar value except NUL, weighted towards the planes people use.
    fn scalar(&mut self) -> char {
        loop {
            let cp = match self.below(4) {
                0 => 1 + self.below(0x7F) as u32,
                1 => 0x80 + self.below(0x3000 - 0x80) as u32,
                2 => 0x1F000 + self.below(0x1000) as u32,
                _ => 1 + self.below(0x10_FFFF) as u32,
            };
            if let Some(c) = char::from_u32(cp) {
                return c;
            }
        }
    }
}

const WORDS: &[&str] = &[
    "kanker", "klootzak", "kankerflikken", "tyfus", "kut", "hoer", "flikker", "neger", "makak", "mongool", "negeren",
    "hoera", "kankeronderzoek", "flikken", "politie", "agent", "Gent", "de", "een", "is", "jij", "ge", "zijt", "ne",
    "zot", "ik", "maak", "je", "af", "weet", "waar", "woont", "bel", "mij", "op", "0475 12 34 56", "+32 475 12 34 56",
    "09/266.61.11", "101", "112", "jan@gmail.com", "meldpunt.gent@police.belgium.eu", "BE68 5390 0754 7034",
    "85.07.30-033.28", "1-ABC-123", "Veldstraat 12", "9000 Gent", "geboren op 12/03/1985", "bit.ly/abc",
    "www.winkel.shop", "https://www.politie.be/5415", "klacht", "indienen", "help", "er wordt nu ingebroken",
    "mijn", "dossier", "filmpje", "FIRST", "!!!!!!", "🤡🤡🤡", "k.a.n.k.e.r", "k a n k e r", "kl00tz4k", "KLOOOTZAK",
    "2024", "€ 2.500", "120 km/u", "14:30", "12/03/2024", "a", "b", "x.y", "@", ".", ",", "?", "-", "/", "'",
];

const UNICODE: &[&str] = &[
    "é", "e\u{301}", "\u{301}", "\u{308}\u{308}", "ß", "İ", "ı", "ﬁ", "Æ", "œ", "ĳ", "Ǆ", "ǅ", "ẞ", "Σ", "ς", "👍🏽",
    "👨‍👩‍👧", "🏳️‍🌈", "🇧🇪", "😀", "🤡", "❤️", "中文", "日本語", "한국어", "\u{200B}", "\u{200C}", "\u{200D}",
    "\u{2060}", "\u{FEFF}", "\u{00AD}", "\u{200E}", "\u{200F}", "\u{202E}", "\u{2066}", "\u{FE0F}", "\u{E0041}",
    "مرحبا", "שלום", "क्षत्रिय", "ภาษาไทย", "кanкer", "ΚΑΝΚΕR", "ｋａｎｋｅｒ", "𝐤𝐚𝐧𝐤𝐞𝐫", "Ⓚ", "０４７５", "\u{3000}",
    "\u{00A0}", "\u{2028}", "\r\n", "\n", "\t", "\r", "·", "•", "’", "“", "—", "€", "½", "²", "①", "Ⅻ", "\u{1D7CE}",
    "\u{FFFD}", "\u{10FFFF}", "\u{E000}",
];

fn random_text(rng: &mut Rng) -> String {
    let mut s = String::new();
    let parts = 1 + rng.below(14);
    for _ in 0..parts {
        match rng.below(10) {
            0..=3 => s.push_str(rng.pick(WORDS)),
            4..=5 => s.push_str(rng.pick(UNICODE)),
            6 => {
                for _ in 0..=rng.below(4) {
                    s.push(rng.scalar());
                }
            }
            7 => {
                // A bad word split by separators, or with invisible characters inside.
                let word = rng.pick(&["kanker", "klootzak", "hoer", "tyfus", "neger"]);
                let sep = rng.pick(&[".", " ", "-", "_", "\u{200B}", "\u{301}", " . ", "*", "·", "..", "\u{200D}"]);
                let mut first = true;
                for c in word.chars() {
                    if !first {
                        s.push_str(sep);
                    }
                    first = false;
                    s.push(c);
                }
            }
            8 => {
                // Stretched letters or emoji runs.
                let c = rng.pick(&["a", "o", "!", "😂", "🤡", "?", ".", "1"]);
                for _ in 0..=rng.below(9) {
                    s.push_str(c);
                }
            }
            _ => {
                // Swap one letter of a word for a look-alike.
                let word = rng.pick(&["kanker", "klootzak", "kut", "flikker"]);
                for c in word.chars() {
                    let alt = match (c, rng.below(3)) {
                        ('a', 0) => "а",
                        ('o', 0) => "о",
                        ('k', 0) => "к",
                        ('e', 0) => "е",
                        ('a', 1) => "4",
                        ('o', 1) => "0",
                        ('e', 1) => "3",
                        (c, _) => {
                            s.push(c);
                            continue;
                        }
                    };
                    s.push_str(alt);
                }
            }
        }
        if rng.below(3) > 0 {
            s.push_str(rng.pick(&[" ", " ", " ", ", ", ". ", "! ", "\n", "", "\u{200B}", " 👍🏽 "]));
        }
    }
    if rng.below(200) == 0 {
        // A NUL somewhere: must be an input error, never a panic.
        let at = s.char_indices().map(|(i, _)| i).nth(rng.below(s.chars().count().max(1))).unwrap_or(0);
        s.insert(at, '\0');
    }
    s
}

#[test]
fn random_texts_never_panic_and_keep_spans_valid() {
    let engine = engine();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut failures = Vec::new();
    let (mut flagged, mut nul) = (0, 0);
    for i in 0..3000 {
        let text = random_text(&mut rng);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.check(&text)));
        match result {
            Err(_) => failures.push(format!("#{i} panicked on {text:?}")),
            Ok(Err(Error::Input(_))) if text.contains('\0') => nul += 1,
            Ok(Err(e)) => failures.push(format!("#{i} error {e} on {text:?}")),
            Ok(Ok(_)) if text.contains('\0') => failures.push(format!("#{i} accepted a NUL: {text:?}")),
            Ok(Ok(v)) => {
                if !v.findings.is_empty() {
                    flagged += 1;
                }
                for p in problems(&text, &v) {
                    failures.push(format!("#{i} {text:?}: {p}"));
                }
                // Same text, same verdict.
                if i % 10 == 0 && engine.check(&text).ok().as_ref() != Some(&v) {
                    failures.push(format!("#{i} not deterministic: {text:?}"));
                }
            }
        }
        if failures.len() > 50 {
            break;
        }
    }
    println!("flagged {flagged} of 3000 random texts, {nul} with NUL");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    // The generator must actually exercise the rules, or this test proves nothing.
    assert!(flagged > 300, "only {flagged} random texts were flagged");
}

#[test]
fn random_long_texts_near_the_limit() {
    let engine = engine();
    let mut rng = Rng(42);
    for _ in 0..1 {
        let mut text = String::new();
        while text.len() < MAX_TEXT_BYTES - 200 {
            text.push_str(&random_text(&mut rng).replace('\0', ""));
            text.push(' ');
        }
        let v = engine.check(&text).unwrap_or_else(|e| panic!("{} bytes: {e}", text.len()));
        let p = problems(&text, &v);
        assert!(p.is_empty(), "{}", p.join("\n"));
    }
}

// ---------------------------------------------------------------------------------------------
// UTF-16 offsets for JavaScript.
// ---------------------------------------------------------------------------------------------

fn naive_utf16(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

#[test]
fn utf16_offsets_match_a_naive_count() {
    let texts = ["", "abc", "a😀b", "👨‍👩‍👧 e\u{301} 中文 𝐤", "👍🏽klootzak👍🏽", "\u{10FFFF}x\u{FFFF}y"];
    for text in texts {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let got = utf16_offsets(text, &bounds);
        let want: Vec<usize> = bounds.iter().map(|&b| naive_utf16(text, b)).collect();
        assert_eq!(got, want, "text {text:?}");
    }
}

#[test]
fn utf16_offsets_of_random_texts_and_findings() {
    let mut rng = Rng(7);
    for _ in 0..500 {
        let text = random_text(&mut rng).replace('\0', "");
        let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).filter(|_| rng.below(3) == 0).collect();
        bounds.push(text.len());
        bounds.push(0);
        bounds.sort_unstable();
        let got = utf16_offsets(&text, &bounds);
        let want: Vec<usize> = bounds.iter().map(|&b| naive_utf16(&text, b)).collect();
        assert_eq!(got, want, "text {text:?}");
        // Converted finding spans slice the UTF-16 text to the same excerpt.
        let v = engine().check(&text).expect("no NUL, short text");
        let units: Vec<u16> = text.encode_utf16().collect();
        for f in &v.findings {
            let o = utf16_offsets(&text, &[f.start, f.end]);
            let slice = String::from_utf16(&units[o[0]..o[1]]).expect("a span never splits a surrogate pair");
            assert_eq!(slice, f.excerpt, "text {text:?}");
        }
    }
}
