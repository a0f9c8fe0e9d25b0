//! Per category: comments a reasonable engine should catch (standard Dutch and Flemish, with
//! obfuscated spellings) and innocent comments it must let through untouched. The positives are
//! generalised forms written for this file, not copies of the pack examples.
//!
//! Each category test runs every case and then fails once, listing every failing text with the
//! line it is written on.

use std::panic::Location;
use std::sync::OnceLock;

use huisregels::{Action, Category, Engine, Verdict};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("the default pack must build"))
}

fn verdict(text: &str) -> Verdict {
    engine().check(text).unwrap_or_else(|e| panic!("check({text:?}) failed: {e}"))
}

fn describe(v: &Verdict) -> String {
    let found: Vec<String> = v.findings.iter().map(|f| format!("{} «{}»", f.rule, f.excerpt)).collect();
    format!("{} [{}]", v.action, found.join(", "))
}

fn flags(text: &str, category: Category) -> Result<(), String> {
    let v = verdict(text);
    if v.categories().contains(&category) {
        Ok(())
    } else {
        Err(format!("should flag {category}: {text:?} → {}", describe(&v)))
    }
}

fn clean(text: &str) -> Result<(), String> {
    let v = verdict(text);
    if v.findings.is_empty() && v.action == Action::Allow {
        Ok(())
    } else {
        Err(format!("should pass untouched: {text:?} → {}", describe(&v)))
    }
}

fn not_flags(text: &str, category: Category) -> Result<(), String> {
    let v = verdict(text);
    if v.categories().contains(&category) {
        Err(format!("should not flag {category}: {text:?} → {}", describe(&v)))
    } else {
        Ok(())
    }
}

/// The text gets at least one finding of `category`.
#[track_caller]
fn assert_flags(text: &str, category: Category) {
    if let Err(m) = flags(text, category) {
        panic!("{m}");
    }
}

/// The text gets no finding at all.
#[track_caller]
fn assert_clean(text: &str) {
    if let Err(m) = clean(text) {
        panic!("{m}");
    }
}

/// The text gets no finding of `category` (other categories may apply).
#[track_caller]
fn assert_not_flags(text: &str, category: Category) {
    if let Err(m) = not_flags(text, category) {
        panic!("{m}");
    }
}

/// Collects failures of many cases and fails once, naming the line of each failing case.
#[derive(Default)]
struct Cases {
    failures: Vec<String>,
    positives: usize,
    negatives: usize,
}

impl Cases {
    #[track_caller]
    fn flags(&mut self, category: Category, texts: &[&str]) {
        let at = Location::caller().line();
        for t in texts {
            self.positives += 1;
            if let Err(m) = flags(t, category) {
                self.failures.push(format!("line {at}: {m}"));
            }
        }
    }

    #[track_caller]
    fn clean(&mut self, texts: &[&str]) {
        let at = Location::caller().line();
        for t in texts {
            self.negatives += 1;
            if let Err(m) = clean(t) {
                self.failures.push(format!("line {at}: {m}"));
            }
        }
    }

    #[track_caller]
    fn not_flags(&mut self, category: Category, texts: &[&str]) {
        let at = Location::caller().line();
        for t in texts {
            self.negatives += 1;
            if let Err(m) = not_flags(t, category) {
                self.failures.push(format!("line {at}: {m}"));
            }
        }
    }

    #[track_caller]
    fn finish(self, what: &str) {
        assert!(self.positives == 0 || self.positives >= 8, "{what}: at least 4 Dutch and 4 Flemish positives");
        assert!(self.negatives >= 4, "{what}: at least 4 negatives");
        for f in &self.failures {
            println!("FAIL {f}");
        }
        assert!(self.failures.is_empty(), "{what}: {} failing cases:\n{}", self.failures.len(), self.failures.join("\n"));
    }
}

// ---------------------------------------------------------------------------------------------
// The twelve categories.
// ---------------------------------------------------------------------------------------------

#[test]
fn insult() {
    let mut c = Cases::default();
    // Dutch.
    c.flags(Category::Insult, &[
        "Wat een stelletje klootzakken bij de verkeerspolitie",
        "Kankerzooi, alweer een flitspaal op de R40",
        "Jullie zijn echt een stelletje idioten",
        "Die agent is een arrogante eikel",
        "Rot toch op met jullie boetes",
        "Teringlijers, allemaal",
        "Hou je bek, smeris",
    ]);
    // Flemish.
    c.flags(Category::Insult, &[
        "Ge zijt nen dikke zeveraar, gij",
        "Ulder zijt allemaal onnozelaars",
        "Hou ulder muil, ge weet van niks",
        "Smeirlappen zijn het, allemaal",
        "Allez, krijgt de pest met uw boetes",
        "Gij zijt ne vuilen hond",
    ]);
    // Obfuscated.
    c.flags(Category::Insult, &[
        "wat een k l o o t z a k",
        "kl00tz@kken zijn het",
        "KLOOOOOOTZAK",
        "kan\u{200B}kerflikken",
        "k . a . n . k . e . r politie",
        "stomme t.r.u.t",
        "ｋｌｏｏｔｚａｋ",
    ]);
    // Letters masked with asterisks: one star per hidden letter, or fewer.
    c.flags(Category::Insult, &[
        "Stelletje k*nkerflikken",
        "Wat een kl**tzak is die agent",
        "die flik is een kl*otzak",
        "Jullie zijn allemaal kank**",
        "Ge zijt ne smeirl*p",
        "Stelletje idi*ten",
    ]);
    c.clean(&[
        "Let op*: de Gentse Feesten beginnen vrijdag",
        "**Belangrijk**: de Korenmarkt is morgen afgesloten",
        "5*3 = 15, dat wist ik ook nog",
        "Ik geef 4*, goede uitleg",
        "*zucht* alweer file op de R4",
        "Dank je wel voor de info**",
    ]);
    c.clean(&[
        "Hoera, de Gentse Feesten zijn begonnen!",
        "Geef geld aan het kankeronderzoek, het is belangrijk",
        "Gisteren keek ik naar de tv-reeks Flikken",
        "Onze teef kreeg vorige week zes pups",
        "Ik kocht een pot confituur op de Vrijdagmarkt",
        "Amai, da's nen goeie vangst, proficiat mannen",
        "Verdorie, weer file op de R4",
        "Klootschieten in het Citadelpark was plezant",
        "Mijn pikhouweel ligt nog in de garage",
        "De catering op de opendeurdag was top",
        "Ik ben echt een sukkel met computers",
        "Mijn tante woont in Kuttekoven",
        "Die kankerverwekkende stoffen moeten verboden worden",
    ]);
    // Flemish negatives.
    c.clean(&[
        "Allee, 't is weer ne schone dag in Gent",
        "Ge zijt ne crack, merci voor de hulp",
        "Wa ne schone foto van 't Gravensteen",
        "Mijne pa speelt elke zondag klootschieten",
    ]);
    c.finish("insult");
}

#[test]
fn discrimination() {
    let mut c = Cases::default();
    c.flags(Category::Discrimination, &[
        "Die makakken van de Brugse Poort weer",
        "Al die zwarten moeten het land uit",
        "Rot op naar je eigen land",
        "Moslims zijn kakkerlakken",
        "Alle Roma zijn dieven",
        "Die Afghanen zijn beesten",
        "Smerige Turken overal",
        "Spleetogen overal in de Overpoort",
    ]);
    c.flags(Category::Discrimination, &[
        "'t Zijn weeral die Marokkaantjes",
        "Buiten met al die vreemdelingen",
        "Da's ne mongool, die agent",
        "Gaat maar terug naar ulder land",
        "Da zijn allemaal profiteurs, die asielzoekers",
        "Die vuile flikkers aan de Vlasmarkt",
    ]);
    c.flags(Category::Discrimination, &["n.e.g.e.r.s", "m4k4kk3n", "nеgеrs"]);
    c.clean(&[
        "Je moet die trollen gewoon negeren",
        "Ik spreek een beetje Kaapverdisch met mijn buren",
        "Mongolië staat op mijn reislijst",
        "De Gentse flikken waren snel ter plaatse",
        "Mijn Marokkaanse buurvrouw bakt de lekkerste koekjes",
        "Als homo voel ik me veilig in Gent",
        "Ik ga met mijn Turkse collega's op café",
        "Niger ligt in West-Afrika, naast Mali",
        "Het licht aan de Dampoort bleef flikkeren",
        "Mijn zoon heeft spasticiteit door zijn hersenverlamming",
        "Mail naar info apenstaartje unia punt be",
    ]);
    // Flemish negatives.
    c.clean(&[
        "Ge moet da gewoon negeren, 't is ni de moeite",
        "Mijn schoonzus spreekt Kaapverdisch, schoon taaltje",
        "Ons Marokkaanse buren zijn de beste, altijd behulpzaam",
        "De Gentse flikken hebben ons goe geholpen",
        "Wij zijn op reis geweest naar Mongolië, 't was fantastisch",
    ]);
    c.finish("discrimination");
}

#[test]
fn threat() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Ik steek u neer als ik u zie",
        "We weten waar je woont, agent",
        "Iemand moet dat kot eens in brand steken",
        "Die wijkagent verdient een kogel",
        "Ik ga je afmaken",
        "Ik vermoord je",
        "Als ik die agent tegenkom, is hij dood",
        "Ik leg een bom in jullie commissariaat",
    ]);
    c.flags(Category::Threat, &[
        "Ge gaat het bezuren, manneke",
        "Ik zal u wel vinden, gij",
        "Wacht maar tot ik ulder tegenkom",
        "Ik sla u op uw bakkes",
        "Ge zijt er geweest, flik",
        "Ik kom u halen, smeris",
    ]);
    c.flags(Category::Threat, &["ik m\u{200B}aak je af", "Ik maak je AF"]);
    c.clean(&[
        "Ik lag plat van het lachen",
        "Wacht maar tot je de nieuwe combi's ziet!",
        "We gaan de Gentse Feesten kapot genieten",
        "Mijn gsm is dood, ik bel morgen",
        "We maken de stad samen veiliger",
        "Ik ga ulder ne keer bezoeken op de opendeurdag",
        "Ik weet waar het nieuwe commissariaat is, dank u",
        "Die film was om dood te gaan, zo saai",
    ]);
    // Flemish negatives.
    c.clean(&[
        "Ik lag dubbel, ge zijt ne plezante",
        "We gaan er ne schone avond van maken",
        "Wacht maar tot ge de nieuwe combi ziet, ne schone!",
        "Mijne gsm is kapot, ik bel morgen",
    ]);
    c.finish("threat");
}

#[test]
fn defamation() {
    let mut c = Cases::default();
    c.flags(Category::Defamation, &[
        "Die flikken zijn stuk voor stuk corrupt",
        "Agent Janssens heeft de pv vervalst",
        "De politie steekt het geld van de boetes in eigen zak",
        "Jullie zijn gewoon een bende maffiosi",
        "Politie Gent = corrupt",
        "De politie werkt samen met de drugsmaffia",
        "De politie liegt over wat er gebeurd is",
    ]);
    c.flags(Category::Defamation, &[
        "Gulle zijt allemaal leugenaars",
        "Ulder zijt de grootste criminelen van Gent",
        "Die flikken pakken smeergeld van de cafébazen",
        "Die agenten verzinnen gewoon hunne pv's",
    ]);
    c.flags(Category::Defamation, &["De politie is cor\u{200B}rupt", "De politie is соrrupt"]);
    c.clean(&[
        "Ik vind dat de politie te traag was bij mijn melding",
        "De politie is niet corrupt, wel onderbemand",
        "Gulle doen goe werk, merci",
        "Die serie over corrupte agenten in Antwerpen was spannend",
        "De politie vond mijn gestolen fiets terug",
    ]);
    // Flemish negatives.
    c.clean(&[
        "Ik vind da gulle te weinig controleren in onze straat",
        "Ge zijt misschien te streng, mor ge doet uw werk",
        "De flikken hebben mijne velo teruggevonden, chapeau",
        "Gulle zijn ni altijd even vriendelijk, da moet gezegd",
    ]);
    c.finish("defamation");
}

#[test]
fn personal_data() {
    let mut c = Cases::default();
    c.flags(Category::PersonalData, &[
        "Mijn gsm is 0498/76.54.32",
        "Bel hem op +31 6 12345678",
        "Ze woont in de Sleepstraat 45",
        "Mail hem: pieter.devos@telenet.be",
        "Mijn mail is an.peeters(at)hotmail.com",
        "Haar geboortedatum is 5/11/1992",
        "Hij is geboren op 3 januari 2001",
        "Zijn nummerplaat is 2-ABC-123",
    ]);
    c.flags(Category::PersonalData, &[
        "Belt mij ne keer op 0472 11 22 33",
        "Ik woon in de Brabantdam 12, 9000 Gent",
        "Stort het maar op BE68 5390 0754 7034",
        "Mijne gsm: 0476.98.76.54",
        "Hij woont in de Kortrijksesteenweg 300 bus 2",
    ]);
    c.flags(Category::PersonalData, &["0475.12.34.56", "bel 0475 12 34 56 😀", "mail jan\u{200B}@gmail.com"]);
    // E-mail addresses spelled out in words.
    c.flags(Category::PersonalData, &[
        "mail mij op jan punt peeters at gmail punt com",
        "stuur het naar lisa.v at telenet.be aub",
        "Mijn adres: sofie apenstaartje hotmail punt com",
        "écrivez à marc point dubois arobase skynet point be",
        "contact me at kevin dot smith at outlook dot com",
        "text me on 07700 900482 if you found it",
    ]);
    c.clean(&[
        "Kijk eens at nieuwsblad.be, daar staat het ook",
        "Vragen? meldpunt punt gent at police punt belgium punt eu",
        "We zitten at home, punt uit",
        "Het punt is dat er at random gecontroleerd wordt",
    ]);
    c.clean(&[
        "In 2023 waren er 1.250 inbraken in Gent",
        "Bel gratis 0800 30 030",
        "Bel Tele-Onthaal op 106 of de Zelfmoordlijn op 1813",
        "De Veldstraat was druk vandaag",
        "Tram 4 en bus 70 rijden om",
    ]);
    // Flemish negatives.
    c.clean(&[
        "'t Was 25 graden om 3 uur",
        "Mijne velo kostte 800 euro",
        "Ge rijdt daar 70 en ni 90",
        "Da's de derde keer in 2 weken",
        "Bus 3 en tram 1 rijden ni vandaag",
    ]);
    c.finish("personal-data");
}

#[test]
fn complaint() {
    let mut c = Cases::default();
    c.flags(Category::Complaint, &[
        "Hoe kan ik een klacht indienen over de agent die mij gisteren controleerde?",
        "Wij willen klacht neerleggen over het optreden van uw agenten",
        "Waar moet ik zijn om te klagen over een agent?",
        "Ik dien morgen een officiële klacht in tegen inspecteur Peeters",
        "Ik wil mijn beklag doen over jullie wijkagent",
    ]);
    c.flags(Category::Complaint, &[
        "Ik ga ne klacht indienen tegen ulder",
        "Waar kan ik klagen over die flik van gisteren?",
        "Da ga 'k ni laten passeren, ik dien klacht in tegen die agent",
        "Hoe moe'k ne klacht indienen tegen de politie?",
    ]);
    c.clean(&[
        "Zoals jullie huisregels zeggen: klacht indienen kan enkel via het commissariaat",
        "Ik heb geen klachten, alles verliep vlot",
        "Mijn vrouw klaagt altijd over het weer",
        "Ge moogt nie klagen, 't is schoon weer",
        "Klacht indienen via Facebook kan niet, dat weet ik",
    ]);
    // Flemish negatives.
    c.clean(&[
        "Ik heb niks te klagen, goe gedaan",
        "Klagen helpt niet, ge moet gewoon trager rijden",
        "'t Is ne klacht over 't weer, niks meer",
        "Mijn ma klaagt altijd over de regen in Gent",
    ]);
    c.finish("complaint");
}

#[test]
fn emergency() {
    let mut c = Cases::default();
    c.flags(Category::Emergency, &[
        "Help! Er zijn nu twee mannen aan het vechten voor mijn deur",
        "Mijn dochtertje is kwijt op de Vrijdagmarkt, help",
        "Er ligt een man bewusteloos op de tramsporen",
        "Ik word al 10 minuten gevolgd door een auto, wat moet ik doen?",
        "Er wordt geschoten aan de Dampoort!",
        "Kom snel, mijn buurman slaat zijn vrouw",
    ]);
    c.flags(Category::Emergency, &[
        "Help, er zit nu iemand in mijnen hof!",
        "Rap, ze zijn aan 't inbreken bij de geburen",
        "Er ligt hier ne vent in 't water aan de Graslei",
        "Er zijn hier nu gasten aan 't vechten met messen",
    ]);
    c.clean(&[
        "Vergeet niet: bij nood bel je 101, niet Facebook",
        "De brandweer oefent vandaag aan de Watersportbaan",
        "Help mij even herinneren: wanneer is de opendeurdag?",
        "Bedankt aan de agenten die mijn oma hielpen toen ze gevallen was",
        "Hulp nodig met uw fiets te graveren? Kom naar de fietsgraveeractie",
    ]);
    // Flemish negatives.
    c.clean(&[
        "Allez, 't is weer druk aan 't station vandaag",
        "Bij nood belde 101, ni Facebook",
        "Goe da ge zo rap ter plaatse waart gisteren",
        "Ze zijn hier ne nieuwe speeltuin aan 't bouwen",
    ]);
    c.finish("emergency");
}

#[test]
fn report() {
    let mut c = Cases::default();
    c.flags(Category::Report, &[
        "Er staat al drie weken een achtergelaten bestelwagen in de Meersstraat",
        "Elk weekend is er lawaai tot 4 uur 's nachts in de Overpoort",
        "Mijn auto werd vannacht opengebroken in Ledeberg",
        "Er wordt hier elke avond gedeald in het park",
        "Hoe kan ik diefstal van mijn fiets aangeven?",
        "Ik ben opgelicht via Marketplace, wat moet ik doen?",
    ]);
    c.flags(Category::Report, &[
        "Ze hebben bij ons ingebroken terwijl we op reis waren",
        "Die gasten scheuren hier elken avond met hun brommers door de straat",
        "Mijne velo is gepikt aan 't station",
        "Al weken overlast van hangjongeren op 't pleintje in onze wijk",
    ]);
    c.clean(&[
        "Bedankt om zo snel te reageren op mijn melding van gisteren",
        "Goed werk tegen de drugsoverlast in de Brugse Poort, merci!",
        "In 2019 was er veel overlast, nu is het rustig",
        "Schoon initiatief, die fietsgraveeractie",
        "Het park is weer proper na de Gentse Feesten",
    ]);
    // Flemish negatives.
    c.clean(&[
        "Merci voor de controles in onze straat, 't is veel rustiger",
        "Goe gedaan tegen die wildparkeerders, merci",
        "'t Park is weer proper, chapeau",
        "Wanneer is de volgende fietsgraveeractie in Ledeberg?",
    ]);
    c.finish("report");
}

#[test]
fn private_message() {
    let mut c = Cases::default();
    c.flags(Category::PrivateMessage, &[
        "Hoelang duurt het nog voor ik mijn rijbewijs terugkrijg?",
        "Ik heb een vraag over mijn GAS-boete van vorige maand",
        "Mijn zoon is gisteren opgepakt, waarom mag ik hem niet zien?",
        "Kan iemand van jullie mij bellen over mijn aangifte?",
        "Ik kreeg een boete voor iets wat ik niet gedaan heb, hoe betwist ik die?",
    ]);
    c.flags(Category::PrivateMessage, &[
        "Wanneer krijgen wij onze auto terug uit de takeldienst?",
        "Ewel, wanneer krijg ik mijn gsm terug die ge in beslag genomen hebt?",
        "Kunt ge mij ne keer terugbellen over mijn dossier?",
        "Hoe zit het me mijn pv van verleden week?",
    ]);
    c.clean(&[
        "Eindelijk geslaagd voor mijn rijbewijs, dank aan de rijschool",
        "Hoe lang is een rijbewijs geldig in België?",
        "Stuur hen gewoon een privébericht, ze antwoorden snel",
        "Wanneer is de volgende opendeurdag van het commissariaat?",
        "Mijne rijbewijs heb ik al twintig jaar, nooit een boete gehad",
    ]);
    // Flemish negatives.
    c.clean(&[
        "Ge kunt uw rijbewijs online vernieuwen zeker?",
        "Ik heb mijne rijbewijs gehaald, eindelijk!",
        "Wanneer is 't opendeurdag?",
        "Goe uitgelegd, merci voor de info over de boetes",
    ]);
    c.finish("private-message");
}

#[test]
fn advertising() {
    let mut c = Cases::default();
    c.flags(Category::Advertising, &[
        "Bestel nu je zonnepanelen met 30% korting via onze site",
        "Gratis iPhone 15 winnen? Klik op de link in mijn bio",
        "Bezoek onze webshop www.veiligslot-gent.be voor de beste sloten",
        "Wie wil mijn enquête over veiligheid in Gent invullen? Duurt maar 5 minuten",
        "Passief inkomen via crypto, stuur me een berichtje",
        "https://bit.ly/3xYzAbc",
    ]);
    c.flags(Category::Advertising, &[
        "Volg ne keer mijn TikTok voor de beste Gentse memes",
        "Wij plaatsen alarmsystemen aan de beste prijs, contacteer ons voor een gratis offerte",
        "Amai, check mijn insta voor de schoonste foto's van Gent",
        "Zijt ge op zoek naar nen nieuwe velo? Kijk op www.velodeals.shop",
    ]);
    c.clean(&[
        "Meer info op https://www.politie.be/5415",
        "Lees het artikel op https://www.nieuwsblad.be/cnt/dmf2024",
        "Ik heb 20% minder inbraken gezien in mijn wijk",
        "De Gentse Feesten zijn gratis, kom allemaal!",
        "Ik volg jullie al jaren, goed bezig",
        "Zie www.stad.gent voor de wegenwerken",
        "Tip: graveer je fiets gratis bij de politie",
    ]);
    // Flemish negatives.
    c.clean(&[
        "Goe bezig, ik volg ulder pagina al lang",
        "Schoon artikel op vrt.be over de politie",
        "Ge kunt uw fiets gratis laten graveren bij de politie",
        "De Gentse Feesten zijn gratis, komt allemaal!",
    ]);
    c.finish("advertising");
}

#[test]
fn trolling() {
    let mut c = Cases::default();
    c.flags(Category::Trolling, &[
        "HOU OP MET DIE FLITSPALEN OVERAL IN GENT",
        "😂😂😂😂😂😂 wat een grap",
        "🤡 🤡 🤡 🤡",
        "Eerste!!!",
        "Boehoe, huil maar flikken",
        "Waarom??????? Waarom!!!!!!!",
        "lekker blijven janken",
    ]);
    c.flags(Category::Trolling, &[
        "Zijt ge aan het janken? 😂",
        "Zijde gij aan 't janken? Hahaha",
        "ALLEZ MANNEN GE DOET WEERAL NIKS",
        "Boeh boeh boeh boeh boeh, flikskes",
        // A whole sentence posted again and again.
        "ik blijf dit hier posten tot ge antwoordt op mijne vraag van gisteren. ik blijf dit hier posten tot ge antwoordt op mijne vraag van gisteren. ik blijf dit hier posten tot ge antwoordt op mijne vraag van gisteren.",
    ]);
    c.clean(&[
        "De PV van de GAS-boete kwam gisteren",
        "Proficiat 👏👏👏",
        "Ik was de eerste die belde, en jullie waren er snel",
        "Nee nee nee, zo gaat dat niet",
        "Wat?! Echt waar?",
        "Mijn zoontje moest huilen toen hij de combi zag, zo schattig 😊",
        "Allez, goe bezig mannen 💪",
        "NIET VERGETEN: opendeurdag zondag",
    ]);
    // Flemish negatives.
    c.clean(&[
        "Nee nee, da klopt ni",
        "Wa?! Echt?",
        "Ik was den eerste die belde, merci voor de snelle hulp",
        "Zalig weekend, mannen 😎",
        // A long sentence said twice is emphasis, not a flood.
        "Ik heb het al gezegd en ik zeg het nog eens: ik heb het al gezegd en ik zeg het nog eens, bel 101 als het dringend is.",
    ]);
    c.finish("trolling");
}

#[test]
fn media() {
    let mut c = Cases::default();
    c.flags(Category::Media, &[
        "Ik heb die agenten gefilmd tijdens de arrestatie, wie wil het zien?",
        "Deel dit filmpje van die hooligans zodat iedereen hun gezicht kent",
        "Wie herkent deze gasten? Ze stalen mijn fiets",
        "Hier zijn beelden van de vechtpartij aan de Overpoort",
        "Ik heb zijn foto getrokken en ga hem overal verspreiden",
    ]);
    c.flags(Category::Media, &[
        "'k Heb da allemaal op video staan, ik zet het op Facebook",
        "Kent er iemand dien agent op de foto?",
        "Ik heb ne foto van zijne kop, ik post hem hier straks",
        "Ge moet het filmke zien da ik van die flikken gemaakt heb",
    ]);
    c.clean(&[
        "Mooie foto van het Belfort bij zonsondergang!",
        "Prachtige beelden van de Gentse Feesten",
        "Deel geen foto's van slachtoffers, da's respectloos",
        "Wie herkent dit gebouw? Dat is het oude politiekantoor",
        "Schoon filmke van de politiehond, merci voor 't delen",
        "Gedeeld! Hopelijk wordt de vermiste jongen snel gevonden",
    ]);
    // Flemish negatives.
    c.clean(&[
        "Wa ne schone foto van 't Belfort",
        "Deel geen foto's van slachtoffers, da's ni respectvol",
        "Ge moogt ni zomaar mensen filmen, he",
        "Schoon filmke van de paardenpolitie op de Kouter",
    ]);
    c.finish("media");
}

// ---------------------------------------------------------------------------------------------
// Contacts, numbers, check digits, order.
// ---------------------------------------------------------------------------------------------

#[test]
fn police_contacts_are_never_flagged() {
    let mut c = Cases::default();
    c.clean(&[
        "Bel 101",
        "Bel 112 voor een ambulance",
        "Bel 09/266.61.11",
        "Bel het algemeen nummer 09 266 61 11",
        "Bel +32 9 266 61 11",
        "meldpunt.gent@police.belgium.eu",
        "Mail naar meldpunt.gent@police.belgium.eu",
        "Mail naar meldpunt.gent@police.belgium.eu of bel 09/266.61.11",
        "https://www.politie.be/5415",
        "Meer info op https://www.politie.be/5415/contact",
        "Dringend? Bel 101. Niet dringend? Bel 09/266.61.11 of mail naar meldpunt.gent@police.belgium.eu. Meer op https://www.politie.be/5415",
    ]);
    // Everything the engine lists as its own contacts, alone and in a sentence.
    let contacts = engine().contacts().clone();
    let values = [
        contacts.urgent, contacts.emergency, contacts.phone, contacts.email, contacts.complaint_form,
        contacts.commissariaat, contacts.website, contacts.unia,
    ];
    for v in values.iter().filter(|v| !v.is_empty()) {
        let sentence = format!("Zie {v} voor meer info.");
        c.clean(&[v.as_str(), sentence.as_str()]);
    }
    c.finish("police contacts");
}

#[test]
fn numbers_that_are_not_personal_data() {
    let mut c = Cases::default();
    c.clean(&[
        "In 2024 waren er 3 controles",
        "De boete bedraagt € 174,00",
        "Dat kost 58 euro",
        "Dat kost € 2.500",
        "Hij reed 87 km/u in de zone 50",
        "130 km/h op de E40, dat is te snel",
        "Tussen 09.00 uur en 17.00 uur",
        "Om 14:30 was het druk",
        "De controle was om 7u45",
        "Op 12/03/2024 was er een controle",
        "Op 21.07.2025 is er vuurwerk",
        "Op 21 juli is er vuurwerk aan de Graslei",
        "Score: 2-1 voor AA Gent",
        "Ik ben 35 jaar en woon hier al 10 jaar",
        "Er waren 25 000 bezoekers op de Gentse Feesten",
        "De wachttijd was 1u30",
    ]);
    c.finish("numbers");
}

/// A Belgian national register number: YYMMDD + serial + check (97 - n mod 97, with a 2 in
/// front of n for births from 2000 on).
fn national_number(yy: u64, mm: u64, dd: u64, serial: u64, born_2000: bool) -> (u64, u64) {
    let base = yy * 10_000_000 + mm * 100_000 + dd * 1_000 + serial;
    let check = if born_2000 { 97 - (2_000_000_000 + base) % 97 } else { 97 - base % 97 };
    (base, check)
}

fn dotted(base: u64, check: u64) -> String {
    let s = format!("{base:09}{check:02}");
    format!("{}.{}.{}-{}.{}", &s[0..2], &s[2..4], &s[4..6], &s[6..9], &s[9..11])
}

/// A check digit that neither formula gives.
fn wrong_check(base: u64) -> u64 {
    let a = 97 - base % 97;
    let b = 97 - (2_000_000_000 + base) % 97;
    (1..=97).find(|c| *c != a && *c != b).expect("some other check digit")
}

#[test]
fn national_register_numbers_with_valid_check_digits_are_flagged() {
    let numbers = [
        national_number(85, 7, 30, 33, false),
        national_number(92, 11, 5, 217, false),
        national_number(3, 2, 14, 158, true),
        national_number(10, 12, 31, 998, true),
        // BIS numbers: month + 40 (gender known) or + 20.
        national_number(79, 3 + 40, 21, 5, false),
        national_number(88, 10 + 20, 2, 71, false),
    ];
    assert_eq!(numbers[0], (850_730_033, 28), "the helper reproduces the documented example");
    let mut c = Cases::default();
    for &(base, check) in &numbers {
        let d = dotted(base, check);
        let plain = format!("{base:09}{check:02}");
        c.flags(Category::PersonalData, &[
            format!("Mijn rijksregisternummer is {d}").as_str(),
            format!("RRN: {plain}").as_str(),
            format!("Zijn nummer is {plain}, schrijf het op").as_str(),
            format!("Mijne rijksregisternummer: {d}").as_str(),
        ]);
        let bad = dotted(base, wrong_check(base));
        let bad_plain = format!("{base:09}{:02}", wrong_check(base));
        c.not_flags(Category::PersonalData, &[format!("Referentie {bad}").as_str(), format!("Ordernummer {bad_plain}").as_str()]);
    }
    c.finish("national register numbers");
}

/// ISO 13616 check digits for a BBAN.
fn iban(country: &str, bban: &str) -> String {
    let digits: String = format!("{bban}{country}00")
        .chars()
        .map(|c| c.to_digit(36).expect("alphanumeric").to_string())
        .collect();
    let rem = digits.bytes().fold(0u64, |r, b| (r * 10 + u64::from(b - b'0')) % 97);
    let check = 98 - rem;
    let raw = format!("{country}{check:02}{bban}");
    // Groups of four, as people write them.
    raw.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(" ")
}

#[test]
fn ibans_with_valid_check_digits_are_flagged() {
    assert_eq!(iban("BE", "539007547034"), "BE68 5390 0754 7034", "the helper reproduces the documented example");
    let valid = ["BE68 5390 0754 7034".to_string(), iban("BE", "363000782119"), iban("NL", "ABNA0417164300"), iban("BE", "001234567835")];
    let mut c = Cases::default();
    for v in &valid {
        let compact: String = v.chars().filter(|c| !c.is_whitespace()).collect();
        c.flags(Category::PersonalData, &[
            format!("Stort het op {v}").as_str(),
            format!("rekeningnummer {compact}").as_str(),
            format!("Mijn rekening: {}", v.to_lowercase()).as_str(),
            format!("Stort maar op mijne rekening {v}, merci").as_str(),
        ]);
    }
    c.not_flags(Category::PersonalData, &[
        "Het nummer BE68 5390 0754 7035 klopt niet",
        "BE69 5390 0754 7034",
        "Code BE68539007547043",
        "NL91 ABNA 0417 1643 01",
    ]);
    c.finish("IBAN");
}

#[test]
fn an_emergency_comes_first_even_among_other_findings() {
    for text in [
        "Help, er wordt nu ingebroken bij mij! Die klootzakken. Bel me terug op 0475 12 34 56",
        "Klootzakken allemaal! Bel mij op 0475 12 34 56, help er wordt nu ingebroken bij de buren",
        "Fuck the police, maar help: er ligt iemand bewusteloos aan de Korenmarkt, mijn gsm is 0475 12 34 56",
    ] {
        let v = verdict(text);
        assert_eq!(v.action, Action::Urgent, "{text:?} → {}", describe(&v));
        assert_eq!(v.findings.first().map(|f| f.category), Some(Category::Emergency), "{text:?} → {}", describe(&v));
        assert!(v.findings.len() >= 3, "the other findings stay: {text:?} → {}", describe(&v));
        let cats = v.categories();
        assert!(cats.contains(&Category::Insult) && cats.contains(&Category::PersonalData), "{text:?} → {}", describe(&v));
        assert!(!cats.contains(&Category::Report), "an emergency is not also a routine report: {}", describe(&v));
        assert!(v.findings.iter().skip(1).all(|f| f.action > Action::Urgent || f.category == Category::Emergency));
    }
}

#[test]
fn the_verdict_takes_the_most_pressing_action() {
    let v = verdict("Jij klootzak 🤡🤡🤡🤡🤡🤡🤡");
    assert_eq!(v.action, Action::Remove, "{}", describe(&v));
    assert!(v.categories().contains(&Category::Trolling), "{}", describe(&v));
    let v = verdict("🤡🤡🤡🤡🤡🤡🤡");
    assert_eq!(v.action, Action::Review, "{}", describe(&v));
    let v = verdict("Hoe kan ik een klacht indienen tegen de agent die mij controleerde?");
    assert_eq!(v.action, Action::Redirect, "{}", describe(&v));
}

#[test]
fn criticism_without_insult_is_free() {
    let mut c = Cases::default();
    c.clean(&[
        "Ik vind het schandalig hoe traag jullie reageerden.",
        "Die flitspaal is pure geldklopperij, dat is mijn mening",
        "Ge moet eens meer controleren in de Overpoort in plaats van op de Ring",
        "Slecht georganiseerd, die verkeerscontrole vanmorgen",
        "Waarom staan jullie altijd op dezelfde plek te flitsen?",
        "Ik ben het niet eens met deze GAS-boetes",
    ]);
    c.finish("criticism");
}

#[test]
fn single_helpers_work() {
    assert_flags("Jij klootzak", Category::Insult);
    assert_not_flags("Jij klootzak", Category::Threat);
    assert_clean("Goed gedaan, bedankt!");
}

/// Ordinary words in which a slur's or curse's normal form hides once doubled letters are
/// collapsed ("negerde" for "negeerde", "sleet", "Putte", "poker"), found by checking every word
/// of a Dutch word list; each next to the bad word it resembles, which is still flagged.
#[test]
fn ordinary_words_a_bad_words_normal_form_hides_in() {
    let mut c = Cases::default();
    c.clean(&[
        "De chauffeur negerde het rode licht.",
        "Een Nigerees werd opgepakt voor oplichting.",
        "Er zit een kikker in de vijver aan de Blaarmeersen.",
        "Mijn nonkel speelt fagot in het orkest.",
        "Hij vertrok stante pede naar huis.",
        "De vereniging voor homofielen organiseert een fuif.",
        "Ik bezocht Auschwitz en zag de gaskamers, aangrijpend.",
        "Het kankerinstituut in Gent zoekt vrijwilligers.",
        "Zaterdag pokeravond bij ons thuis, gezellig.",
        "Pikachu is een Pokémon",
        "Ik woon in Putte, niet in Gent.",
        "Mijn jas versleet veel te snel.",
        "De touwen moeten losser.",
        "Dat is een bastaardwoord uit het Frans.",
        "De varkens werden gered uit de brandende stal in Evergem.",
        "Marokko is een moslimland, dat klopt.",
    ]);
    c.flags(Category::Discrimination, &["vuile faggots", "kikes", "Naar de gaskamers met die joden", "Die moslims moeten naar de gaskamer"]);
    c.flags(Category::Insult, &["jullie zijn sletten", "die varkens van de politie", "kankerflikken", "pokkenweer en pokkenflikken"]);
    c.finish("ordinary words");
}

/// Words a pack names, misspelt (a letter dropped, swapped, doubled or undoubled, stretched),
/// are read as the word, by the word lists as by the phrase patterns; and what excuses a finding
/// counts however it is spelt.
#[test]
fn misspelt_words_are_read_as_the_word_with_their_excuses() {
    let mut c = Cases::default();
    c.flags(Category::Insult, &["wa ne klootzk is die agent", "ge zijt ne smeerlp", "Die agent is een klotzak", "Stelletje idoten"]);
    // Any listed word of eight letters or more, without being named among the pack's typos.
    c.flags(Category::Insult, &["wat een mislukkleing is die agent", "ge zijt ne zakkenwsaser", "wat een stomemling"]);
    c.flags(Category::Discrimination, &[
        "Die mkaakken moeten het land uit.",
        "al die marrokanen moeten buiten",
        "Die vluchtelignen moeten het land uit",
        "kakkerlakke zijn het, die asielzoekers",
        "die marokkane moeten allemaal buiten",
    ]);
    c.flags(Category::Complaint, &["Ik wil een klachht indienen teeeegen de agent die mij uitschold"]);
    c.flags(Category::Report, &["ik wil aangfte doen van diefstal van mijn fiets"]);
    c.clean(&[
        "Ik had vorig jaaar een kllacht ingediend over een agent en eerlijk:: het iiis correct aaaafgggehandeld.",
        "Ik had vorig jaar een klacht ingediend over een agent en eerlijk: het is correct afgehandeld.",
        "Ik heb vorige week aangfte gedaan en alles is al opgelost, merci aan de wijkagent.",
        "De vrouwe van het kasteel opende de deur.",
        // An ordinary word one typo away from a long listed word ("schoften").
        "In die film schoten ze heel de bende neer, spannend tot het einde.",
        "De criminele bende werd opgepakt aan de Dampoort.",
        "Die homoseksuele koppels zijn welkom op de opendeurdag.",
    ]);
    c.finish("misspelt words");
}

/// Threats as typed in dialect and on a phone: contractions ("kweet"), a dropped -n ("we zulle"),
/// typos ("kogl"), emoji inside a curse, arson wished on a car or the commissariaat, incitement
/// in West-Flemish; each next to a look-alike that must pass.
#[test]
fn threats_in_dialect_and_veiled_forms() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "kweet waar da ge woont agentje",
        "we zulle ulder wel vinden",
        "ge komt ooit ook alleen naar huis, vergeet da nie",
        "iemand moet die agent ne kogl door zn kop jagen",
        "dat commissariaat moet ne keer in brand vliegen",
        "zijn auto gaat wel ne keer in de fik staan",
        "sloat die agente in mekaar as ge ze tegekomt",
        "watch ur back officer",
    ]);
    c.flags(Category::Insult, &["gie zyt ne vuile kloot🤬zak"]);
    c.clean(&[
        "Ik weet waar het commissariaat is, merci voor de uitleg.",
        "'t gaat knallen op de feesten dit jaar 🎉 tot dan",
        "Mijn auto stond vorige week in brand door een kortsluiting.",
        "Sla de eieren los en klop ze luchtig.",
        "We zullen u wel vinden op de opendeurdag, tot zaterdag!",
    ]);
    c.finish("threats in dialect");
}

/// Offences a general mix of comments showed the engine missing, each written here in other
/// words: arson wished on a building in the passive, "verdient ne kogel", harm promised to "iemand
/// van ulder", a victim in hospital "as ik hem zie", incitement asked as a question, threats to
/// an officer's family and by a "visit", bribes and thefts pinned on officers, blaming a group
/// by its colour, faces shown "goed" in a shared film; each next to a look-alike that must pass.
#[test]
fn veiled_threats_accusations_and_blame_in_other_words() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "dat politiekantoor mag van mij afgebrand worden",
        "wie die camera zette verdient ne kogel",
        "as ik die wijkagent zie ligt hij in het UZ",
        "wie gaat er mee om die agent af te rossen?",
        "zeg tegen die flik dat zijn vrouw best nie alleen thuis is",
        "someone should leave a bomb at that station",
        "ulder krijgen nog bezoek, en nie om koffie te drinken",
        "laat mij die agent eens alleen tegenkomen",
        "ne molotov op da kot",
        "ik weet dat ge in de Sleepstraat woont, ik kom wel ne keer langs",
        "'k ga iemand van ulder iets aandoen",
        "ik sla uwe smoel tot moes",
        "Breng maar ne helm mee, ge gaat hem nodig hebben.",
    ]);
    c.flags(Category::Defamation, &[
        "inspecteur Peeters pakt elke week geld van die garages",
        "jullie collega's hebben die fiets gewoon verkocht.",
        "les flics ont volé mon portefeuille",
        "liegers zijn het, allemaal",
        "the cops wrote fake reports about the fight",
    ]);
    c.flags(Category::Discrimination, &[
        "die asielzoekerz moeten het land uit",
        "het waren natuurlijk weer die Marokkanen",
        "we weten allemaal welke kleur de dader had",
        "alle zigeuners uit Gent zouden ze moeten buitenzetten",
        "Vrouwen achter het stuur? Laat ze gewoon thuis aan de kookpot.",
    ]);
    c.flags(Category::Media, &["ge ziet zijn gezicht heel goed op da filmke"]);
    c.flags(Category::PrivateMessage, &["Is mijn fiets al teruggevonden? Dank u"]);
    c.flags(Category::Emergency, &["nu inbraak bij de buren, kom rap", "'t Gebeurt nu: ze dragen tv's uit het huis van de buren!"]);
    c.flags(Category::Advertising, &["zie mijn bio voor de beste deals"]);
    c.flags(Category::Insult, &["kaaanker flikken", "gij zijt ne vieze zeverl*l"]);
    c.clean(&[
        "Het waren weer de vrijwilligers die alles opruimden.",
        "ik ga er iets aan doen, beloofd",
        "ik ga dood van het lachen met die filmpjes",
        "Iemand riep mij 'ik maak u kapot' na, ik heb aangifte gedaan.",
        "Uw kinderen gaan beter niet alleen naar school als het glad is.",
        "Sinds de trajectcontrole 37 % minder zware ongevallen, goed zo.",
        "'k heb da filmke gezien mor 'k ga 't nie doorsturen",
        "Mijn oma ligt in het UZ voor een operatie, als ik haar zie breng ik bloemen.",
        "Wie gaat er mee naar de Gentse Feesten vanavond?",
        "Het onderzoek loopt nog, lees het persbericht.",
        "Breng een helm mee voor de fietstocht, je gaat hem nodig hebben op de kasseien.",
        "Je gaat een dokter nodig hebben voor die hoest.",
        "Zo triestig, die post over een vermiste man.",
        // The police's own post and photo, and a question about a policy.
        "@Karen haha kzag u staan op de foto bij de post, me uwe rooie jas",
        "Ik vind het niet goed dat jullie de naam en een foto van die man hebben gedeeld.",
        "Mag ik vragen wat die camera per jaar oplevert in boetes?",
        // Incidents told as the past are stories, not reports.
        "Onze hond is ooit ontsnapt tijdens het vuurwerk en een patrouille heeft hem teruggebracht.",
        "Ik heb vroeger boven een café gewoond: lawaai tot vier uur, glas op straat, ruzies.",
    ]);
    // "Ooit" ahead is not the past.
    c.flags(Category::Report, &["ooit gaat er een kind omver gereden worden als ze zo blijven racen door het park"]);
    c.finish("veiled threats, accusations and blame in other words");
}

/// Words of another commenter quoted to point at them, report them or reject them are mentioned,
/// not used (a rule's `mentioned`); the same words quoted without such a comment still count, and
/// so do words outside the quotation marks.
#[test]
fn quoted_words_pointed_at_are_mentioned_not_used() {
    let mut c = Cases::default();
    c.clean(&[
        "Kversta da ge kwaad zijt Wim, mo 'ze zouden die dealers moeten ophangen' gaat te ver.",
        "Antwoord aan Jan: nee, 'kweet waar ge woont' is gene grap, da's ne bedreiging.",
        "Zeg Pieter, 'mongool' zeggen tegen iemand met een beperking is niet grappig.",
        "Wie schreef hierboven \u{201C}die agenten moeten ze afknallen\u{201D}? Dat is ziek.",
        "Die 'fuck de politie' van hierboven mag gerust weg, beheerders.",
        "'Alle moslims zijn terroristen'? Dat is gewoon racisme en dat hoort hier niet.",
    ]);
    c.flags(Category::Threat, &[
        "Voor die agent: 'ik weet waar je woont'.",
        "Mijn boodschap aan jou: 'ik maak je kapot'.",
        "'ik steek uw kot in brand', da's gene grap, ik zweer het",
        "Die 'grap' van hierboven? Ik weet waar ge woont.",
        "'k zeg het nog ne keer: 'ik maak u af'",
    ]);
    c.flags(Category::Insult, &["Die 'agent' hierboven is een klootzak.", "Ge zijt ne 'held', zegt ge? Ge zijt ne klootzak."]);
    c.flags(Category::Discrimination, &["Wie schreef hierboven 'goeiemorgen'? Alle moslims zijn terroristen."]);
    c.finish("quoted words pointed at are mentioned, not used");
}

/// Forms of the fourteenth round, each next to a look-alike that must pass: a bomb under the
/// car, harm promised ("beloofd"), where someone fetches his coffee, an officer not coming home;
/// a child lost right now, a scam call going on; a sentence repeated; a woman "not belonging"
/// in the police; English "muslim rats"; an application's status; a nuisance that goes on; how
/// much of the loot the police "kept".
#[test]
fn veiled_harm_and_urgent_help_in_other_words() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Tip voor de nieuwe agenten: kijk maar goed onder jullie auto voor ge vertrekt",
        "Die gast gaat niet lang meer rijden, dat beloof ik.",
        "As ze die camera nie weghalen, staat die binnen de week in brand. Beloofd.",
        "Ik weet waar die inspecteur elke morgen zijn koffie haalt.",
        "keep stopping us and one of your officers won't make it home",
        "si je revois ce flic, je lui plante un couteau dans la jambe",
    ]);
    c.flags(Category::Emergency, &[
        "er is hier nen kleine jongen kwijt op de korenmarkt, de mama is in paniek!",
        "Mijn moeder heeft op dit moment een valse bankmedewerker aan de lijn, wat moet ik doen?!",
        "Er ligt nu een man te bibberen op een bank, hij reageert niet meer!",
        "een paard van de politie is losgebroken en loopt nu tussen de mensen!! komt rap",
    ]);
    c.flags(Category::Discrimination, &["Een wijf hoort niet bij de politie.", "ghent is full of muslim rats these days"]);
    c.flags(Category::PrivateMessage, &["kheb mijn sollicitatie ingestuurd in maart en nog altijd niks gehoord, wa is de status?"]);
    c.flags(Category::Report, &["er is hier ene die elke nacht me zijn auto aan 't ronken is, wa kunnen we daar aan doen?"]);
    c.flags(Category::Defamation, &["hoeveel hebben de flikken ervan gehouden?", "Hoeveel heeft die agent van de buit gehouden?"]);
    c.clean(&[
        "Kijk altijd onder uw auto voor ge achteruit rijdt, er zitten vaak katten.",
        "Ik weet waar ik mijn koffie haal: bij de bakker naast het commissariaat.",
        "Hoeveel paarden heeft de politie eigenlijk, en waar staan ze op stal?",
        "kheb da filmke van de steekpartij gezien mor kga het nie doorsturen.",
        "Worden de beelden van de bodycams automatisch bewaard of beslist de agent zelf wanneer hij filmt?",
        "nie alle jongeren aan de watersportbaan zijn lastig he, da zijn brave gasten",
        "Vorige week was mijn zoontje kwijt op de Gentse Feesten, een agent vond hem binnen het kwartier. Merci!",
        "Dat soort taal hoort niet bij de politie, vind ik.",
        "Ik heb ervan gehouden, die film over de flikken.",
    ]);
    c.finish("veiled harm and urgent help in other words");
}

/// Abuse without the usual swear words, as in Dutch abusive-language datasets: mocking someone's
/// intelligence ("het IQ van een ...", "te dom om"), looks and weight, abbreviations ("mf", "fk"),
/// French and English insults; dog whistles and stereotypes ("welke 'jongeren'", "het zit in hun
/// cultuur", "binnenkort is het hier de sharia"); threats in other words. Each next to a
/// look-alike that must pass.
#[test]
fn abuse_without_swear_words() {
    let mut c = Cases::default();
    c.flags(Category::Insult, &[
        "Om bij de politie te geraken volstaat blijkbaar het IQ van een bloempot",
        "jij bent echt de domste mens op deze pagina",
        "u zijt gewoon te dom om te helpen, Jan",
        "die mf in uniform denkt dat hij in een film zit",
        "Schijtlaarzen, me zes man op één gast",
        "ga toch terug naar de kleuterklas",
        "Die woordvoerster moet heur muil houden",
        "That ex-cop is human garbage",
        "casse-toi pauvre con",
        // Laughing at someone does not excuse the insult.
        "hahaha die agent struikelt over zijn eigen voeten, what a failure of a human being",
        "kzen content da die zak geschorst is",
    ]);
    c.flags(Category::Discrimination, &[
        "We weten allemaal welke 'jongeren' het weer waren",
        "Dat volk past zich nooit aan, het zit gewoon in hun cultuur.",
        "Een agente met een hoofddoek, binnenkort is het hier de sharia",
        "Nog meer cultuurverrijkers in Gent",
        "De zwarten in die wijk zijn gewoon niet te integreren",
        "Islam = terreur, elke moskee mag dicht",
    ]);
    c.flags(Category::Threat, &[
        "we gaan hem een warm welkom geven met stenen",
        "Ik ga die agent zijn gezicht openleggen",
        "Let maar goed op uw kinderen als ze van school komen, meneer de agent",
        "Alle asielzoekers aan de grens afknallen, probleem opgelost",
    ]);
    c.clean(&[
        "Die jongeren van de jeugdbeweging deden het super op de Gentse Feesten",
        "Het IQ-onderzoek van mijn zoon is volgende week",
        "Kheb vorig jaar tyfus opgelopen op reis, dus ik weet wat wachten is.",
        "Het Comité P gaat het onderzoeken, dus over vijf jaar weten we misschien meer",
        "Let goed op uw kinderen aan het water deze zomer, zegt de politie.",
        "Wie de betoging gefilmd heeft: geef je beelden aan de onderzoekers, niet aan Facebook.",
        "Die zak chips was op voor de film begon.",
        "Alle dozen kapot maken en bij het oud papier zetten, hahaha",
    ]);
    c.finish("abuse without swear words");
}

/// Scare quotes around a word of a phrase do not hide the phrase; quoted words the rest of the
/// comment speaks about stay mentioned, and a rejected quotation passes.
#[test]
fn scare_quotes_do_not_hide_a_phrase() {
    let mut c = Cases::default();
    c.flags(Category::Discrimination, &[
        "alle moslims zijn 'terroristen'",
        "Die Marokkanen zijn \"ratten\", echt waar",
        "Vluchtelingen zijn \u{2018}ongedierte\u{2019} en da weet iedereen",
        "Alle 'vluchtelingen' moeten het land uit.",
        "homo's zijn 'ziek' in hunne kop",
    ]);
    c.flags(Category::Threat, &["ik ga u 'kapot' maken, agent", "ik weet waar 'ge woont', agent", "k'ga die 'flik' afmaken"]);
    c.clean(&[
        "Ik lees hier veel over 'doofpot'. Als iemand bewijzen heeft, ga naar het Comité P.",
        "Nee, Roma zijn gene \"ratten\". Zo'n taal hoort hier nie.",
        "Roma zijn gene ratten, het zijn mensen zoals gij en ik.",
        "Wie schreef hierboven 'alle moslims zijn terroristen'? Dat is ziek.",
        "We zijn met 3 auto's naar de 'Gentse Feesten' geweest en alles verliep vlot.",
    ]);
    c.finish("scare quotes do not hide a phrase");
}

/// Functional cases in the manner of Multilingual HateCheck's Dutch suite, over several groups:
/// a death wish, refusing to hire one of them, "too many of them here", a trait with an adverb
/// before it, hate said of "them" after the group is named, "like all the other X: worthless",
/// "better without them", "not welcome", "should be locked up"; next to the non-hateful forms
/// (negated, rights, counter-speech, sympathy, praise).
#[test]
fn hate_against_a_group_in_templated_forms() {
    let mut c = Cases::default();
    for group in ["vrouwen", "trans mensen", "homo's", "zwarte mensen", "gehandicapten", "moslims", "immigranten"] {
        c.flags(Category::Discrimination, &[
            &format!("Alle {group} zouden moeten sterven."),
            &format!("Ik zou nooit een van die {group} aannemen."),
            &format!("Er zijn te veel {group} in dit land."),
            &format!("{group} zijn duidelijk minderwaardig."),
            &format!("Ik heb veel {group} ontmoet en ik haat ze allemaal."),
            &format!("Je bent net als alle andere {group}: waardeloos."),
            &format!("Het zou beter zijn als er geen {group} meer waren."),
            &format!("{group} zijn niet welkom hier."),
            &format!("{group} kunnen beter opgesloten worden."),
        ]);
        c.clean(&[
            &format!("Ik heb niets tegen {group}."),
            &format!("{group} verdienen dezelfde rechten als iedereen."),
            &format!("Het is niet oké om {group} te haten."),
        ]);
    }
    c.clean(&[
        "Er zijn te veel vrouwen die geweld meemaken.",
        "Alle mensen moeten ooit sterven.",
        "Het zou beter zijn als er geen vrouwen meer slachtoffer werden.",
        "Ik heb veel moslims ontmoet en ik vind ze allemaal super.",
        "Je bent net als alle andere vrouwen: sterk.",
        "Op vakantie naar Lesbos, tot binnen twee weken!",
    ]);
    c.flags(Category::Discrimination, &["vieze lesbo", "die bruine joekels", "allemaal apenvolk", "allochtoon tuig"]);
    c.finish("hate against a group in templated forms");
}

/// The fifteenth round (dev54): threats that bring the weapon along or wish harm "for my part",
/// the mafia's "it would be a shame if something happened", accusations of being paid or of
/// tipping criminals off, urgent help in other words (a dog attacking now, self-harm, climbing a
/// roof), requests for a patrol, questions about one's own lost or seized things. Each next to a
/// look-alike that must pass.
#[test]
fn weapons_brought_along_bribes_and_help_now_in_other_words() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Als die betoging weer uit de hand loopt, ik breng de knuppels wel mee.",
        "Mooie auto heeft die wijkagent. Zou spijtig zijn moest er iets mee gebeuren.",
        "Laat mij die dief eerst vinden, dan is het met hem gedaan.",
        "Voor mijn part mogen ze die pedofiel ophangen aan het Belfort.",
        "Als ik hem tegenkom, klop ik hem zijn tanden uit zijn mond.",
    ]);
    c.flags(Category::Defamation, &[
        "Welke agent is er deze keer omgekocht om die zaak te laten vallen?",
        "Hoeveel heeft die projectontwikkelaar betaald om de controles te laten stoppen?",
        "Die dealers wisten het op voorhand, ze werden getipt vanuit het commissariaat.",
        "Les flics prennent leur part sur chaque amende, tout le monde le sait.",
    ]);
    c.flags(Category::Emergency, &[
        "Hier op het Sint-Pietersplein valt een hond nu een oude vrouw aan, help!",
        "Mijn zoon sms'te net dat hij zichzelf iets wil aandoen, wat moet ik nu doen?",
        "Er klimmen nu twee mannen op het dak van de school, stuur rap iemand!",
    ]);
    c.flags(Category::Report, &["Kunnen jullie daar eens een combi langs sturen?"]);
    c.flags(Category::PrivateMessage, &[
        "Ik wacht al twee maanden op mijn proces-verbaal van het ongeval, wie kan mij helpen?",
        "Mijn fiets is in beslag genomen bij de controle. Krijg ik die nog terug?",
        "Hebben jullie mijn portefeuille al binnengekregen? Ik verloor hem gisteren aan de Korenmarkt.",
    ]);
    c.flags(Category::Insult, &["What a scumbag, stealing from a war memorial."]);
    c.flags(Category::Discrimination, &["Keep those people from entering Belgium, period."]);
    c.clean(&[
        "Ik breng de stoelen wel mee naar de buurtvergadering.",
        "Zou spijtig zijn moest het regenen tijdens de Feesten.",
        "Hoeveel heeft die nieuwe flitspaal eigenlijk gekost?",
        "Klachten kunnen niet via Facebook, gebruik het klachtenformulier op de website.",
        "Er stond 'rot op' op de muur van de school gespoten, wat een schande.",
        "Het verbod op vechthonden komt er eindelijk.",
        "In de zomer van 2022 werd onze auto opengebroken in Gentbrugge, maar de dader is gevonden.",
        "Sharing this for every parent in my feed: never pay, call 101.",
        "Les flics font leur travail, arrêtez de râler.",
        "Voor mijn part mogen ze die oude kerk afbreken.",
        "Ik heb de sleutels van de zaal, ik breng ze morgen wel mee.",
    ]);
    c.finish("weapons brought along, bribes and help now in other words");
}

/// The fifteenth round's second set (dev55, veiled threats, insinuated accusations and implicit
/// hate): a threat left to the reader ("dan weten jullie wel wat er gebeurt", "geen dreigement
/// maar een belofte", "zal mij leren kennen", an officer's child's school), stereotypes "in their
/// blood", deportation by bus or boat, bribes and false statements by an officer. Each next to a
/// look-alike that must pass.
#[test]
fn threats_left_to_the_reader_and_hate_by_nature() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Als mijn zoon morgen niet vrijkomt, dan weten jullie wel wat er met jullie auto's gebeurt.",
        "Dat is geen dreigement, dat is een belofte.",
        "Als die agent nog eens aan mijn zoon komt, dan zal hij mij leren kennen.",
        "Als ik die flik tegenkom, zal zijn eigen moeder hem niet meer herkennen.",
        "Die wijkagent zal zijn benen nooit meer nodig hebben.",
        "Ik weet in welke school de dochter van die inspecteur zit.",
        "Qu'il profite de sa voiture tant qu'il le peut encore.",
        "Zaterdag ontvangen we die combi's met stenen.",
        "Iemand moet hem eens een lesje leren, voor het adres zorg ik.",
        "Je vous retrouverai, un par un.",
        "Die nachtwinkel, ik zeg het u, gaat deze week nog in de fik.",
        "Zou zonde zijn als iemand dat eens komt uittesten.",
        // A word with an apostrophe is one word to a pattern ("z'n", "'m", "combi's").
        "As 'k hem tegenkom, zal z'n eigen moeder 'm nie mi herkennen.",
    ]);
    c.flags(Category::Discrimination, &[
        "Stelen zit in hun bloed, bij die mensen.",
        "Les Roms volent, c'est dans leur nature.",
        "Les réfugiés n'ont rien à faire en Belgique.",
        "Steek ze allemaal op de boot terug.",
        "Remigratie is de enige oplossing.",
    ]);
    c.flags(Category::Defamation, &[
        "Iedereen weet dat die wijkagent zijn envelopje gaat halen bij de garage.",
        "Die inspecteur heeft een valse verklaring afgelegd tegen mijn broer.",
        "Die flikken zijn zelf de grootste dealers van Gent.",
    ]);
    c.clean(&[
        "Als het morgen regent, dan weten jullie wel waar de tenten staan.",
        "Zou zonde zijn als de Feesten dit jaar niet doorgaan.",
        "Ik weet in welke school mijn dochter volgend jaar begint.",
        "Geniet van de zon zolang het nog kan!",
        "Wie hierboven zegt dat ge het commissariaat moet afbranden: schaam u.",
        "Muziek zit in hun bloed, die familie speelt al drie generaties.",
        "Ik ben met de boot teruggekomen uit Engeland.",
        "Er wordt hier geroepen dat agenten allemaal corrupt zijn. Zonder bewijs is dat gewoon laster.",
        "De agent gaf me een envelop met uitleg over de boete.",
        "Ik ga die nieuwe wijkagent eens leren kennen op het buurtfeest.",
        // A quotation mark before a word is no apostrophe: the quoted threat stays quoted.
        "As 'k hier lees da ze 'alle flikken moeten kapotgeslagen worden', dan schaam 'k me voor m'n stad.",
    ]);
    c.finish("threats left to the reader and hate by nature");
}

#[test]
fn sabotage_arson_seized_goods_and_what_only_sounds_like_them() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Ooit rijdt er iemand die flik 'per ongeluk' omver.",
        "Volgend weekend zullen die combi's aan de Dampoort branden.",
        "Spannen we ne ketting over de baan, dan stopt da racen wel.",
        "Iemand zou die pedo eens moeten opzoeken en zijn armen breken.",
        "Die robocops krijgen een paar kasseien tegen hun kop.",
        "Als ik die agent nog eens tegenkom, zal hij eens voelen hoe dat is.",
        "We weten waar zijn wagen 's nachts staat.",
        "Binnenkort ligt er iets anders onder jullie combi.",
        "That police station will go up in flames one night.",
    ]);
    c.flags(Category::Defamation, &[
        // Scare quotes around what was found or lost, next to the police.
        "Die 'gevonden' drugs, dat kennen we van de flikken.",
        "Een agent heeft de in beslag genomen cash gewoon mee naar huis genomen.",
    ]);
    c.flags(Category::Emergency, &[
        "Stuurt iemand naar de Korenmarkt, hij slaat haar nog altijd!",
        "Hij ademt nauwelijks, wat moet ik doen",
        "Mijn ex staat nu aan mijn deur, hij zegt dat hij me gaat vermoorden",
    ]);
    c.flags(Category::Insult, &["Wat een arrogante zak van een agent.", "You're a total clown, officer."]);
    c.flags(Category::Discrimination, &["Dat volk zou ge nergens mogen binnenlaten."]);
    c.flags(Category::Report, &[
        "Ik heb een portefeuille gevonden op de tram, waar moet ik die afgeven?",
        "Elke nacht lawaai van de buren, wat kunnen we daaraan doen?",
    ]);
    c.clean(&[
        "Da kost toch ne bom geld, zo'n nieuwe combi?",
        "Zet aub geen filmpjes van die vechtpartij online, laat het onderzoek zijn werk doen.",
        "Corruptie bij de politie is in sommige landen een echt probleem.",
        "Tot hoe laat is het commissariaat in de Antonius Triestlaan 12 open?",
        "Mijn fiets werd in 2020 gestolen aan het station, sindsdien gebruik ik twee sloten.",
        "Heb de film Heat nog eens gezien: die schietpartij in de straat blijft ongezien.",
        "Voor wie het niet weet: dringend is 101, brand of ambulance is 112.",
        "Zij die roepen dat de politie corrupt is, hebben nog nooit een bewijs getoond.",
        "De politie zegt het zelf: bel 101 als je ziet dat iemand een tas steelt.",
        "Voor wie mijn identiteitskaart vindt: ze zit in een hoesje met Snoopy.",
        "Mijn oma is 900 euro kwijt door zo'n valse sms.",
        "De politie heeft bij die inval 4 kilo coke gevonden, straf werk.",
        "Ik zal die nieuwe agent eens leren kennen op het buurtfeest.",
        "We weten waar de tenten van de Feesten staan.",
    ]);
    c.finish("sabotage, arson, seized goods and what only sounds like them");
}

#[test]
fn implicit_hate_in_news_comments_and_personal_data_in_every_notation() {
    let mut c = Cases::default();
    c.flags(Category::Discrimination, &[
        "Die mensen stelen, dat zit nu eenmaal in hun cultuur.",
        "Dat volk zal nooit kunnen leven zoals wij, punt.",
        "Zigeuners blijven zigeuners, ge kunt ze verhuizen maar nie opvoeden.",
        "Da's geen vrouw, da's ne vent in een kleedje.",
        "Holebi's moeten hun ziekte maar binnenskamers houden.",
        "Homo's zijn pedo's, iedereen weet da.",
        "De helft van de miserie komt van die Noord-Afrikanen.",
        "Nog tien jaar en wij zijn hier de minderheid.",
        "Die tapijtkloppers krijgen alles gratis.",
        "Zo'n volk hoort nie op onze trams.",
        "Geen illegalen in onze wijk.",
    ]);
    c.flags(Category::Threat, &[
        "Als dat centrum opengaat, branden we het zelf plat.",
        "Iemand zou die moskee eens moeten aansteken.",
        "Als de politie het niet doet, doen wij het wel met knuppels.",
        "Jammer dat het maar verf was.",
        "Geef mij ne halfuur met die gast, moet ge mij ne halfuur geven in ne kelder.",
        "We gaan ze opwachten aan het station, met ne man of tien.",
    ]);
    c.flags(Category::Defamation, &["Die agenten stonden erbij en keken toe terwijl ze werd uitgescholden."]);
    c.flags(Category::Media, &["Hier de foto's van de betogers, zonder blur, kijkt maar goed."]);
    c.flags(Category::PersonalData, &[
        "Geboortedatum: 1987-03-12, voor als ge mij zoekt.",
        "kzen van 12-3-87, ik weet nog hoe de Overpoort vroeger was",
        "Ons Lieke woont nu op de Visserij 23 bus 4.",
        "Ma voiture française AB-123-CD a été flashée à Gand.",
        "My address is 14 Baker Lane, Leeds.",
    ]);
    c.flags(Category::PrivateMessage, &[
        "Terugbetaling graag, ik heb dezelfde boete per ongeluk twee keer betaald.",
        "Ik wil graag weten of er al nieuws is in mijn dossier over de inbraak.",
        "I'm the student whose bike your team found last week, when can I pick it up?",
        "Ma voiture a été flashée à Gand alors que je n'y étais pas. Comment je peux contester ?",
    ]);
    c.clean(&[
        "Homoseksualiteit is geen ziekte, hoe vaak moet dat nog gezegd worden.",
        "Free speech doesn't include telling people they should be deported for being gay.",
        "Ik zou eerder eens kijken naar de wachtlijsten in de jeugdzorg.",
        "De halve stad stond erbij te kijken hoe die zeehond lag te slapen.",
        "Ik ben van 12 maart tot 20 maart op reis.",
        "Ik heb de infosessie in De Krook, Miriam Makebaplein 1, gevolgd.",
        "Aan Flanders Expo, Maaltekouter 1, stond een lange file.",
        "xxxx@xxxx.be, zo zetten ze het in de brief.",
        "Voor vragen over de stad kan je Gentinfo bellen op 09 210 10 10.",
        "101 bellen als 't dringend is, 112 voor brand of ziekenwagen.",
        "Het ongeval gebeurde op 03/02/2025, en een jaar later is er nog altijd geen fietspad.",
        "Zet hier nooit uw geboortedatum of e-mailadres, oplichters pikken da op.",
        "Die van de verzekering vroegen mijn dossiernummer, en alles is nu geregeld.",
        "Het is niet waar dat vluchtelingen hier niet welkom zijn.",
        "Gisteren was er geen overlast in onze wijk.",
    ]);
    c.finish("implicit hate in news comments and personal data in every notation");
    // An e-mail address is no web address, also when a part of it looks like one.
    let e = engine();
    for text in ["mailt naar els.de.clercq(at)telenet(punt)be", "mail me op sarah.de.smet@skynet.be", "lotte.maes [at] hotmail.com"] {
        let v = e.check(text).unwrap();
        assert!(v.findings.iter().all(|f| f.category != Category::Advertising), "{text}: {:?}", v.findings);
        assert!(v.findings.iter().any(|f| f.category == Category::PersonalData), "{text}");
    }
    assert!(e.check("Bestel nu op www.kerstdeco.de, levering in heel Gent").unwrap().findings.iter().any(|f| f.category == Category::Advertising));
    // Asking to be called back is no question about one's own case.
    let v = e.check("Ik wil klacht indienen tegen de agent van vanmorgen. Bel mij terug op 0495 38 17 62.").unwrap();
    assert!(v.findings.iter().all(|f| f.category != Category::PrivateMessage), "{:?}", v.findings);
}

#[test]
fn repeated_nuisance_veiled_bombs_and_help_now_in_a_general_month() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Kijk vanaf nu elke morgen maar eens goed onder uw auto.",
        "Een paar cobra's door de brievenbus van da kot en klaar.",
        "Dan moet hij de politie niet meer vrezen maar mij.",
        "Blijf uit onze wijk of der vallen doden.",
        "Hope someone waits for him after his shift.",
    ]);
    c.flags(Category::Emergency, &[
        "Ier rijdt nu ne zatte mee zijn camionette tegen de geparkeerde auto's, hij zwalpt.",
        "Il y a une voiture qui roule à contresens sur le R4 en ce moment même!",
        "There's a guy standing on the outside of the railing of the bridge, is anyone coming?",
    ]);
    c.flags(Category::Report, &[
        "De camera wordt elke dag genegeerd door dezelfde grijze camionette.",
        "Onze overburen steken sinds zondag elke avond zware knallers af.",
        "Er hangt al dagen een drone boven de speelplaats.",
    ]);
    c.flags(Category::Complaint, &["Waar kan ik bezwaar indienen tegen de manier waarop jullie collega tekeerging?"]);
    c.flags(Category::Defamation, &["Zo rap terug vrij? Juist, zijn schoonbroer zit bij de verkeerspolitie."]);
    c.flags(Category::Discrimination, &["Die oplichter zal wel ne jood zijn zeker."]);
    c.flags(Category::Media, &["Kheb ze schoon op mijn deurbelcamera staan, ge ziet hun smoel goed."]);
    c.clean(&[
        "Vorig jaar met Halloween hebben ze vuurwerk in onze bus gestoken, nu was het rustig.",
        "Waarom was die dronken chauffeur zo rap terug vrij?",
        "Agent was vriendelijk, geen boete maar wel een waarschuwing.",
        "Jullie staan met vijf agenten lichten te controleren, maar de auto's op het fietspad laten jullie gewoon staan.",
        "Ik zie da elke dag vanuit mijn raam, de bus is altijd te laat.",
    ]);
    c.finish("repeated nuisance, veiled bombs and help now in a general month");
}

/// The seventeenth round's blind general month (dev62): threats in dialect and as "predictions",
/// cover-ups and bribes insinuated, help needed now, and stories that end well in another
/// sentence (`unless_in_comment`). Written anew, not copied from the set.
#[test]
fn winter_threats_cover_ups_and_stories_that_end_well_in_another_sentence() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "As ik die gast nog tegenkom, gaat hij ne goeie tandarts nodig hebben.",
        "Die agent moet mor goe oppassen as hij alleen naar huis fietst.",
        "Wie daar binnenkomt, gaat er niet meer levend uit terug.",
        "De knuppels liggen al klaar in de garage, 'k zeg het maar.",
        "Iedereen hier weet waar zijn kinderen naar school gaan.",
        "Volgende keer da ze mij tegenhouden rij ik gewoon door.",
        "Daarna mogen ze mij komen halen, kan mij niet schelen.",
        "Met oudejaar mikken we de pijlen op de combi.",
    ]);
    c.flags(Category::Defamation, &[
        "De agenten van die wijk zitten er zelf mee in, da weet iedereen.",
        "Ik weet dat de blaastesten gemanipuleerd worden om de cijfers op te smukken voor de politie.",
        "Hoeveel krijgen die agenten daarvoor van de uitbaters?",
    ]);
    c.flags(Category::Emergency, &[
        "Hier ligt een man in het park en hij reageert niet meer, help!",
        "Stuur snel een ploeg naar het Sint-Pietersplein, er wordt gevochten met messen.",
    ]);
    c.flags(Category::Report, &["Wil dit graag even melden: al drie nachten staat er een auto met draaiende motor voor onze deur."]);
    c.flags(Category::PrivateMessage, &["Kunnen jullie mij zeggen wanneer ik mijn scooter terugkrijg?"]);
    c.flags(Category::Insult, &["Die agent ziet eruit als een dik varken in uniform."]);
    c.clean(&[
        "Iemand heeft mijn portefeuille gepikt op de tram. Een uur later teruggekregen via de politie, top!",
        "Mijn fiets werd gestolen aan het station. Aangifte heb ik intussen gedaan, dus geen zorgen.",
        "Mag je eigenlijk nog vuurwerk afsteken op oudejaarsavond?",
        "Ik stond er toevallig vlak na de aanrijding, het zag er niet goed uit.",
        "Het slachtoffer en de dader woonden allebei in de wijk, las ik.",
        "Even ter info: de wijkpost is ook tijdens de vakantie bereikbaar.",
        "Onze kat is weggelopen van het vuurwerk, wie heeft haar gezien?",
        "Ik heb een filmpje van het ongeval, ik stuur het door naar jullie via mail, niet hier.",
        "Wat een schoon sleetje heeft die agent op de foto!",
        "Sommige mensen zouden voor minder een klacht indienen, maar ik vond hen heel correct.",
        // A question answered no, and heat that only sounds like a fire (`unless_in_comment`).
        "Moeten alle vluchtelingen terug? Nee, natuurlijk niet.",
        "'t Brandt hier echt... van de zon dan, 35 graden op de Korenmarkt.",
    ]);
    c.flags(Category::Discrimination, &["Moeten alle moslims het land uit? Ja natuurlijk, allemaal.", "Moeten die vluchtelingen terug? Jawel, allemaal."]);
    c.finish("winter threats, cover-ups and stories that end well in another sentence");
}

/// The seventeenth round's second blind set (dev63): threats that only hint at what will happen,
/// bribes and vanished evidence, exclusion without a slur, and sport scores that only sound
/// violent. Written anew, not copied from the set.
#[test]
fn hinted_threats_vanished_evidence_and_exclusion_without_a_slur() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Die agent heeft ook een dochter op die school, da weten wij, en wij vergeten niks.",
        "Wie mij nog eens flitst krijgt binnenkort bezoek thuis.",
        "Ge moogt blij zijn dat ik die combi niet zag, anders lag die nu in de Leie.",
        "Hang die oplichters op aan een lantaarnpaal op de Vrijdagmarkt.",
        "Neem allemaal iets mee dat pijn doet, zaterdag aan het station.",
        "Als ik hem alleen tegenkom, gaat hij voelen hoe dat voelt.",
        "Zeg aan die inspecteur dat zijn BMW ook maar van blik is, en blik brandt goed.",
        "Als ze hem niet vrijlaten, zal het niet bij roepen blijven.",
        "We know which street you live in, officer.",
    ]);
    c.flags(Category::Defamation, &[
        "Die wijkagent nam elke maand geld aan van de cafébazen, iedereen weet het.",
        "Die drugs zijn zeker in de kofferbak van een combi verdwenen.",
        "De agenten krijgen een bonus per boete, daarom staan ze daar.",
        "Iemand bij de politie verkoopt onze gegevens aan oplichters.",
    ]);
    c.flags(Category::Discrimination, &[
        "Die hadden hier nooit mogen binnenkomen, dan was die winkel niet overvallen.",
        "Kijk maar naar de achternamen van die relschoppers.",
        "Vrouwen horen daar niet, bij de politie.",
        "Stop letting in all these refugees and the crime stops.",
    ]);
    c.flags(Category::PrivateMessage, &["Mijn dochter zit vast sinds vannacht, wanneer mag ze naar huis?"]);
    c.clean(&[
        "We hebben ze ingemaakt in de finale, 6-1, daarna samen iets gedronken.",
        "Nee, da's niet waar dat de agenten daar geld aannemen, mijn broer werkt er.",
        "De gsm van mijn dochter is kwijt sinds de Feesten, iemand gevonden?",
        "Die beelden die jullie zelf vrijgaven stonden gisteren in het journaal.",
        "Mijn neef werkt in het hoofdgebouw op de Belfortstraat 4.",
        "Goed dat jullie hier eens controleren. Op die kasseien word je bijna van je fiets gereden.",
    ]);
    c.finish("hinted threats, vanished evidence and exclusion without a slur");
}

/// The seventeenth round's third blind set (dev64, Facebook-style): vigilante calls, sabotage
/// hinted at, accusations of drinking on duty or reselling what was seized, and exclusion told
/// as advice. Written anew, not copied from the set.
#[test]
fn vigilante_calls_hinted_sabotage_and_exclusion_told_as_advice() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Als jullie niks doen tegen die dieven, dan regelen we het zelf.",
        "Zondag allemaal naar het park en neem iets mee om mee te slaan.",
        "Nog ene keer en dan ligt er een agent in het ziekenhuis.",
        "Zijn remmen zijn ook rap kapot, zeg dat maar tegen hem.",
        "Als die trajectcontrole er volgende maand nog hangt, hangt ze er daarna niet meer.",
    ]);
    c.flags(Category::Defamation, &[
        "Die inspecteur zuipt tijdens zijn dienst, heel de wijk weet het.",
        "Ze verkopen de in beslag genomen fietsen gewoon door.",
        "Zouden er agenten zijn die meeprofiteren van die drugshandel?",
    ]);
    c.flags(Category::Discrimination, &[
        "Als ze het hier niet goed vinden, kunnen ze terug naar hun land.",
        "Die kweken als konijnen en dan klagen over plaatsgebrek.",
    ]);
    c.flags(Category::Report, &["Is dat al gemeld of moet ik zelf langskomen?"]);
    c.flags(Category::Emergency, &["Help, er lopen nu twee mannen achter een meisje aan op de Kouter!"]);
    c.clean(&[
        "Eindelijk! Op de Ring wordt er 's nachts geracet. Goed zo.",
        "Ik heb het vorige week al gemeld via het algemene nummer.",
        "Sorry voor mijn reactie gisteren, dat was niet tegen jullie bedoeld.",
        "Raid in our street this morning, all quiet again now.",
        "Steek ze op de trein naar huis na de match, dan is het rustig.",
    ]);
    c.finish("vigilante calls, hinted sabotage and exclusion told as advice");
}

/// The seventeenth round's last blind set (dev65): "it would be a shame if", waiting for an officer,
/// tip-offs and protection money, planted drugs, dog whistles about origin, and emergencies told
/// in dialect. Written anew, not copied from the set.
#[test]
fn shame_if_tip_offs_and_dog_whistles_about_origin() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Zou spijtig zijn als zijn wagen eens in brand vloog.",
        "On va l'attendre devant chez lui, ce flic.",
        "Die flikken pakken we na de Feesten één voor één apart.",
        "Eerst steek ik zijn banden lek, daarna is hij zelf aan de beurt.",
    ]);
    c.flags(Category::Defamation, &[
        "De dealers zijn altijd net weg als de patrouille komt, wie zou hen tippen?",
        "Die cafébaas betaalt beschermingsgeld aan de wijkagent.",
        "Die agent is van zijn moto gevallen omdat hij dronken was, en nu is het de schuld van de jongen.",
    ]);
    c.flags(Category::Discrimination, &[
        "Weer ruzie aan het station, ge weet wel van welke afkomst.",
        "Sinds dat asielcentrum er is, worden er elke week fietsen gestolen.",
    ]);
    c.flags(Category::Emergency, &["Er ligt hier een man bewusteloos op het fietspad aan de Coupure!"]);
    c.flags(Category::Report, &["How do I report a stolen bike without going to the station?"]);
    c.clean(&[
        "Ik koop voortaan een tweedehands fiets van 50 euro, die pikken ze niet.",
        "Het is al veel beter sinds jullie daar controleren, merci!",
        "Alle info over aangifte doen staat op de website, voor wie het zoekt.",
        "Ze kwamen één voor één naar buiten, alles verliep rustig.",
    ]);
    c.finish("it would be a shame if, tip-offs and dog whistles about origin");
}

/// The eighteenth round's forms (two blind sets weighted to threats and emergencies): accidents
/// wished on an officer, sabotage of a car, "dan zien we wel", French threats, things happening
/// now, and the excuses next to them (games, reported claims, a handled report, declined sharing).
/// Written anew, not copied from the sets.
#[test]
fn wished_accidents_sabotage_and_things_happening_now() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Het zou toch erg zijn moest die commissaris binnenkort eens een ongelukje krijgen op de Ring.",
        "Wat suiker in zijn benzinetank en hij staat stil, die flik.",
        "Kom nog eens naar onze wijk zonder collega's, dan zien we wel wie er dan nog lacht.",
        "La prochaine patrouille, on la caillasse.",
        "Die agent moet maar goed opletten als hij zijn kinderen gaat afhalen.",
        "Kom nog eens aan mijn deur en dan gebeurt er iets wat ge niet wilt.",
    ]);
    c.flags(Category::Emergency, &[
        "Er zit hier een klein kind helemaal alleen op de kade en het kruipt naar het water!",
        "Een man zwaait met een mes op de tram aan het Zuid, kom snel.",
        "Ik zie zaklampen binnen bij de buren en die zijn op reis.",
        "Mijn moeder is daarnet weggelopen uit het rusthuis, ze is in de war.",
    ]);
    c.flags(Category::Complaint, &["Ik dien hierbij klacht in tegen de agent die mij aan de winkel aanhield."]);
    c.clean(&[
        "Ik maak mijn broer vanavond kapot met de kaarten, hij zal afzien.",
        "Vorig jaar stond ons kot in brand en de politie was er als eerste, merci.",
        "Ik heb dat filmpje gezien, maar ik ga het hier niet delen.",
        "De wijkagent is al langs geweest en heeft alles vastgesteld, gewoon ter info voor de buren.",
        "Ik heb een klacht tegen de winkel waar ik mijn gsm kocht, waar moet ik zijn?",
        "Mijn grootvader had alzheimer en is twee keer weggelopen, heel angstig voor de familie.",
    ]);
    c.finish("wished accidents, sabotage and things happening now");
}

#[test]
fn beatings_in_other_words_and_crime_as_a_topic() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Als ik die flik tegenkom, krijgt hij ene op zijne bakkes dat hij niet meer weet hoe hij heet.",
        "Ge moogt blij zijn dat ik er gisteren niet bij was, anders lag ge nu in het AZ.",
        "Nog één pv en we slaan die inspecteur zijn kop in.",
        "Dat zal ik hem wel eens uitleggen met een kogel door zijn knieën, ik schiet hem door zijn knieën.",
        "Wacht maar, ik rij met mijn bestelwagen dwars door jullie gevel.",
    ]);
    c.flags(Category::Discrimination, &[
        "Zigeuners moesten ze vroeger al wegspuiten, nu nog altijd.",
        "Ik zou nooit een Marokkaanse agent vertrouwen, nooit.",
        "Die Afrikanen hebben nu eenmaal een lager IQ.",
    ]);
    c.flags(Category::Defamation, &[
        "Die wijkagent vraagt geld om een pv te laten vallen, iedereen in de straat weet het.",
        "Waarom verzwijgen jullie dat het een agent was die achter het stuur zat?",
    ]);
    c.clean(&[
        "Jullie doen goed werk tegen drugshandel en mensenhandel in de stad.",
        "Kunnen jullie een infosessie geven over diefstal van bakfietsen?",
        "Mooi dat de politie de eigenaars van al die gestolen fietsen zoekt.",
        "Waarom verzwijgen jullie de naam van de verdachte? Is dat wettelijk zo?",
        "Ik snij de taart in stukken voor de agenten van de nachtploeg.",
        "Geven jullie ook tips over telefoonfraude voor onze oma?",
        "Jullie zouden beter samenwerken met de buurtbewoners rond de Dampoort.",
    ]);
    c.finish("beatings in other words and crime as a topic");
}

#[test]
fn revenge_fetching_and_suffering_wished_on_people_or_groups() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Gij gaat dat nog eens bezuren, meneer de inspecteur.",
        "Die wijkagent zal het duur bekopen, let op.",
        "We gaan die flikken van de Dampoort eens komen halen.",
        "Ik trek hem zijn kop eraf als ik hem zie.",
        "Ik zou die commissaris graag zien creperen.",
        "Hopelijk wordt die agent morgen neergestoken.",
        "Als ge nog één keer stopt, sla ik u kapot, dat weet ge.",
    ]);
    c.flags(Category::Discrimination, &[
        "Ge kunt die Roemenen nooit vertrouwen.",
        "Moslims kan je niet vertrouwen, zo is het.",
        "Typisch die Marokkanen, weer hetzelfde liedje.",
        "Wanneer gaan we eindelijk iets doen tegen al die asielzoekers?",
        "Die vluchtelingen zijn zulke vieze mensen.",
    ]);
    // Suffering wished on a group is a threat (violence), like on one person.
    c.flags(Category::Threat, &["Ik wil al die homo's zien lijden."]);
    c.clean(&[
        "We komen de kinderen halen na de les op de speelplaats.",
        "Ik kom mijn gestolen fiets halen op het commissariaat.",
        "Je gaat het verschil wel voelen met die nieuwe fietspaden.",
        "Beterschap aan de agent, hopelijk is hij snel terug na dat ongeluk.",
        "Niemand mag zeggen dat vluchtelingen ongedierte zijn.",
        "'Joden zijn tuig' is een afschuwelijke uitspraak die hier niet thuishoort.",
        "Hopelijk wordt die kruispunt snel heraangelegd.",
        "Ik wil mijn kat niet zien lijden, ze is al oud.",
        "Vrouwen kan je perfect vertrouwen als agent, net als mannen.",
    ]);
    c.finish("revenge, fetching and suffering wished on people or groups");
}

#[test]
fn coarse_compounds_treatment_complaints_and_active_thieves() {
    let mut c = Cases::default();
    c.flags(Category::Insult, &["Weer die schijtagenten met hun flitspaal.", "Allez, rotflikken, ge zijt weer te laat.", "Wat een rotpolitie hebben we hier."]);
    c.flags(Category::Complaint, &[
        "Ik ben echt teleurgesteld over de manier waarop mijn moeder werd weggestuurd aan jullie balie.",
        "'k Ben nie content over hoe da ze mij behandeld hebben aan ulder onthaal.",
    ]);
    c.flags(Category::Report, &[
        "Er zijn sinds vorige week zakkenrollers actief aan de tramhalte van Sint-Pieters.",
        "Der zijn hier weer dieven actief aan de Vrijdagmarkt, 'k heb ze nog zien rondlopen.",
        "Er is een gauwdief actief in de Overpoort, die heeft al drie gsm's gepikt.",
    ]);
    c.clean(&[
        "Wie een agent een klootzak noemt, verdient die boete.",
        "Ik ben teleurgesteld over hoe mijn pakje werd behandeld door de koerier.",
        "Die rotatie van agenten over de wijken werkt goed.",
        "Volgens de krant zijn er inbrekers actief in Gentbrugge, dus doe uw deur op slot.",
    ]);
    c.finish("coarse compounds, treatment complaints and active thieves");
}

#[test]
fn traits_in_the_blood_places_burnt_down_and_police_beatings_alleged() {
    let mut c = Cases::default();
    c.flags(Category::Discrimination, &[
        "Die Albanezen stelen, dat zit gewoon in hun bloed.",
        "Roemenen bedriegen mensen, het zit in hun genen.",
        "Die moskeeën zouden beter allemaal afbranden.",
        "Joden controleren de banken en dit land, dat weet iedereen.",
        "Ik vind persoonlijk dat homo's ziek zijn in hun hoofd.",
    ]);
    c.flags(Category::Threat, &[
        "Ge moogt mij nie tegenkomen als ge uit dienst zijt, agentje.",
        "Die inspecteur gaat daar nog spijt van krijgen, wacht maar.",
        "'k Ken uw straat, meneer de wijkagent.",
        "Volgende week gaan er aan jullie kot wat ruiten sneuvelen.",
        "Steek dat kamp in brand, liefst met hen er nog in.",
    ]);
    c.flags(Category::Defamation, &[
        "Die agenten hebben mijn broer in de combi in elkaar geslagen en dan gelogen.",
        "De politie steekt de helft van de in beslag genomen cash gewoon in haar eigen zak.",
    ]);
    c.clean(&[
        "Hooligans hebben gisteren een agent in elkaar geslagen aan het station, beterschap!",
        "Die berichten over een gratis Playstation zijn phishing, klik er niet op.",
        "Ik heb de video gezien maar ik deel het niet, dat helpt niemand.",
        "Zaterdag ga ik die rit over de kasseien kapotrijden, de benen zijn klaar.",
        "Chapeau voor de brandweer en de politie, niemand gewond bij dat gaslek.",
        "Moet ik nu aangifte doen omdat mijn kat een vogel ving? 😂",
    ]);
    c.finish("traits in the blood, places burnt down and police beatings alleged");
}

#[test]
fn danger_at_the_door_knives_in_a_fight_and_someone_in_the_water() {
    let mut c = Cases::default();
    c.flags(Category::Emergency, &[
        "Mijn ex-vriend staat aan mijn voordeur en bonkt erop, ik ben alleen thuis.",
        "Die gast dreigt om hier binnen te komen, ik heb de deur op slot gedaan.",
        "Vechtpartij met messen op het Sint-Pietersplein, snel!!",
        "Er is een man in de Coupure gesprongen en hij komt niet meer boven!",
        "Ne vent staat voor ons raam met een mes, 'k zie hem nu staan.",
        "Der is iemand in 't water gevallen aan de Portus, kom rap!",
        "Ze zijn aan 't vechten met messen aan den Overpoort, da's wreed.",
        "Een jongen is aan het verdrinken in de vijver van het Citadelpark!",
    ]);
    c.flags(Category::Media, &["Kijk, nog een screenshot van die twee gasten van gisteren, ge ziet ze goed."]);
    c.flags(Category::PrivateMessage, &["Ik wacht al weken op een antwoord over de inbraak bij mij thuis, wanneer hoor ik iets?"]);
    c.clean(&[
        "De rampoefening met een ontspoorde trein was indrukwekkend, goed gedaan.",
        "Bij ons werd er ingebroken tijdens de vakantie, de politie is langs geweest en alles is genoteerd.",
        "Vorig jaar is mijn neef in de Leie gevallen, gelukkig kon hij zwemmen.",
        "In die serie zat een vechtpartij met messen die echt te gewelddadig was.",
    ]);
    c.finish("danger at the door, knives in a fight and someone in the water");
}

#[test]
fn patrols_asked_for_tyres_slashed_and_people_kept_out() {
    let mut c = Cases::default();
    c.flags(Category::Report, &[
        "Elke vrijdag racen ze hier met scooters door de Kortemunt, kan er eens een patrouille langskomen?",
        "Er staat al een week een auto zonder nummerplaat op het fietspad, kunnen jullie dat eens bekijken?",
        "Ze dumpen daar elke nacht afval aan de glasbak, kunnen ulder da nie ne keer gaan checken?",
        "Kunnen jullie een oogje in het zeil houden aan de speeltuin? Er hangen 's avonds gasten rond die drugs verkopen.",
    ]);
    c.flags(Category::Threat, &[
        "Als die agent nog eens aan mijn auto komt, steek ik zijn banden plat.",
        "Ik zweer het, als ik die wijkagent tegenkom is hij zijn tanden kwijt.",
    ]);
    c.flags(Category::Discrimination, &[
        "Laat gewoon geen Afghanen meer binnen in ons zwembad.",
        "Die vluchtelingen moeten hun eigen land gaan heropbouwen in plaats van hier te profiteren.",
    ]);
    c.clean(&[
        "Ik ga die pizza vanavond vermoorden, zo'n honger heb ik.",
        "De wijkagent deed mee aan ons sneeuwballengevecht en hij ging eraan 😂",
        "Bij een inbraak die bezig is: altijd meteen 101 bellen, niet hier reageren.",
        "Klachten kunnen dus niet via Facebook, goed om te weten.",
    ]);
    c.finish("patrols asked for, tyres slashed and people kept out");
}

#[test]
fn weapons_brought_along_deals_alleged_and_judgments_of_a_group() {
    let mut c = Cases::default();
    c.flags(Category::Threat, &[
        "Zaterdag aan het stadion pakken we die agenten te grazen.",
        "Neemt allemaal een stok mee naar de betoging, we laten ons niet doen.",
        "Wie kent het adres van die inspecteur die mijn broer oppakte? Ik wil weten waar hij woont.",
        "Het wordt tijd dat die commissaris ook eens onverwacht bezoek krijgt.",
        "As ze nog ene keer mijne zoon oppakken, gaat er iets ontploffen in da kot.",
        "I hope somebody waits for that cop after his shift and beats him up.",
    ]);
    c.flags(Category::Defamation, &[
        "De politie heeft een akkoordje met de takeldienst, daarom slepen ze zoveel auto's weg.",
        "Die agenten krijgen toch een premie per pv, anders schrijven ze er nooit zoveel.",
    ]);
    c.flags(Category::Discrimination, &[
        "Het is walgelijk dat moslims hier een moskee mogen bouwen.",
        "Geen moskeeën in onze wijk, dit is ons dorp!",
    ]);
    c.flags(Category::Emergency, &["Kom snel, er ligt een fietser bewusteloos op de rijbaan aan de Dampoort!"]);
    c.flags(Category::PrivateMessage, &["Ik kreeg een boete voor een parking waar ik nooit geweest ben, hoe kan ik die aanvechten?"]);
    c.clean(&[
        "Die oplichters hebben mijn oma helemaal te grazen genomen, goed dat jullie ze gepakt hebben.",
        "Neem allemaal een regenjas mee naar de Gentse Feesten, het gaat gieten.",
        "Wie weet waar de eigenaar van die losgelopen hond woont?",
        "Dat is walgelijk, zo'n reactie over moslims hoort hier niet.",
        "Mijn oprechte deelneming. Ik ben zelf 5 jaar geleden op die plek aangereden en weet hoe dat voelt.",
        "Hoe verloopt een klacht tegen een agent eigenlijk? Niet voor mezelf, het is voor mijn eindwerk.",
        "Als die verwarming zo blijft staan gaat er iets branden in de kelder.",
    ]);
    c.finish("weapons brought along, deals alleged and judgments of a group");
}

#[test]
fn insinuated_coincidences_and_nuisance_only_complained_about() {
    let mut c = Cases::default();
    c.flags(Category::Defamation, &[
        "Is het toeval dat de inbraken altijd stoppen als die ene agent met verlof is?",
        "Toevallig dat de bodycam altijd defect is als die agent erbij is 🤔",
        "Raar da die drugs telkens verdwijnen als inspecteur Peeters van dienst is.",
        "Grappig hoe de flitser elke keer uitvalt als de zoon van de korpschef passeert.",
        "Vreemd dat de dealers altijd net weg zijn voor jullie binnenvallen, belt er iemand van bij ulder met zijn maat?",
    ]);
    c.flags(Category::Report, &[
        "Elke nacht lawaai tot 4u aan de Overpoort, ik kan er niet meer tegen. Kunnen jullie eens langskomen?",
        "Die gasten die elke avond met hun brommers racen in de Sleepstraat zijn asociaal, kunnen jullie daar eens controleren?",
        "Al drie weken staat er een uitgebrande auto in onze straat, wie moet ik daarvoor bellen?",
    ]);
    c.clean(&[
        "Raar dat de politie altijd net te laat is als er iets gebeurt.",
        "Vreemd dat mijn fiets altijd verdwijnt als ik hem aan het station zet, ik koop een beter slot.",
        "Mensen die hun afval op straat gooien zijn asociaal, punt.",
        "Dat vuurwerk op oudejaar, ik kan er echt niet tegen.",
        "Het sluikstorten is hier al jaren een plaag, goed dat er camera's komen.",
    ]);
    c.finish("insinuated coincidences and nuisance only complained about");
}
