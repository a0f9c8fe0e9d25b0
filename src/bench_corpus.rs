//! A deterministic set of realistic comments for benchmarks (native and in the browser), so both
//! measure the same input: 20 to 500 characters, mixed categories, Dutch and Flemish.

/// Openings, middles and endings; most combinations are clean, as on a real page.
const OPENINGS: &[&str] = &[
    "Goed gedaan, mannen en vrouwen van de Gentse politie.",
    "Amai, da was hier weer een zotte nacht in de Overpoort.",
    "Ik vind het eerlijk gezegd schandalig hoe traag jullie reageerden op mijn melding.",
    "Wanneer komen jullie eens controleren in de Sleepstraat?",
    "Allez, weer een flitspaal op de R40, ge moet het maar weten.",
    "Bedankt voor de snelle tussenkomst gisteren aan de Korenmarkt!",
    "Waarom staan er nooit agenten aan het station Gent-Sint-Pieters als het nodig is?",
    "Mijn fiets is gestolen aan de Vrijdagmarkt, iemand iets gezien?",
    "Ge zijt ne zot als ge denkt dat dat helpt.",
    "Kankerflikken, altijd hetzelfde met jullie.",
    "Bel mij op 0475 12 34 56 als ge meer wilt weten.",
    "Ik wil een klacht indienen tegen die agent van vanmorgen.",
    "Help, er wordt nu ingebroken bij mijn buren in de Brugse Poort!",
    "Volg mij op Instagram voor de beste deals, link in bio!",
    "JULLIE DOEN NOOIT IETS AAN DE OVERLAST IN ONZE STRAAT",
    "Ik heb die agent gefilmd en ik zet het filmpje online.",
    "De politie is corrupt tot op het bot, iedereen weet het.",
    "Alle buitenlanders moeten het land uit.",
    "Ik weet waar je woont, agent.",
    "Wanneer krijg ik mijn rijbewijs terug? Ik wacht al drie weken.",
];

const MIDDLES: &[&str] = &[
    " Op 12 maart 2025 om 14:30 reden ze daar nog 120 km/u.",
    " Mijn moeder heeft kanker en kan niet meer goed slapen van het lawaai.",
    " We zijn met 3 auto's naar de Gentse Feesten geweest en alles verliep vlot.",
    " Het kost de stad € 2.500 per maand, dat is toch niet normaal?",
    " De Gentse flikken doen hun best, dat moet ook gezegd worden.",
    " Je kan dat soort opmerkingen beter negeren, echt.",
    " Meer info op https://www.politie.be/5415 of bel 09/266.61.11.",
    " Hoera, eindelijk eens een controle op het fietspad in de Veldstraat!",
    "",
    " Ik ben zelf van Kaapverdische afkomst en voel me hier thuis.",
    " Steun het kankeronderzoek, dat is belangrijker dan die discussie.",
    " Verdorie, wat een weer ook.",
];

const ENDINGS: &[&str] = &[
    "",
    " 👍",
    " Groetjes uit Ledeberg.",
    " 🤡🤡🤡",
    " Merci!",
    " Wat denken jullie daarvan?",
    " !!!!!!",
    " Nen dikke merci aan de ploeg van de nacht 🙏🏽",
];

/// `count` comments, the same every time.
#[must_use]
pub fn comments(count: usize) -> Vec<String> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        // xorshift64*: deterministic, no dependency.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    };
    (0..count)
        .map(|_| {
            let mut s = String::new();
            // Most comments are clean: draw openings from the clean first half 70 % of the time.
            let o = if next(10) < 7 { next(8) } else { next(OPENINGS.len()) };
            s.push_str(OPENINGS[o]);
            for _ in 0..next(4) {
                s.push_str(MIDDLES[next(MIDDLES.len())]);
            }
            s.push_str(ENDINGS[next(ENDINGS.len())]);
            s.truncate(s.char_indices().take_while(|(i, _)| *i < 500).last().map_or(0, |(i, c)| i + c.len_utf8()));
            s
        })
        .collect()
}
