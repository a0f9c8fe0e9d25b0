//! scratch
#[test]
#[ignore]
fn dead() {
    let words: Vec<String> = std::fs::read_to_string("/tmp/typos.json").unwrap().trim_matches(&['[', ']'][..]).split(',').map(|w| w.trim().trim_matches('"').to_string()).collect();
    let typos = huisregels::text::Typos::new(&words);
    let mut texts: Vec<String> = Vec::new();
    for l in std::fs::read_to_string("/tmp/alltexts.txt").unwrap().lines() {
        let v = huisregels::text::Views::new(l);
        texts.push(v.plain.text.clone());
        if let Some(j) = &v.joined { texts.push(j.text.clone()); }
        if let Some(c) = typos.correct(v.joined.as_ref().unwrap_or(&v.plain)) { texts.push(c.text.clone()); }
    }
    let e = huisregels::Engine::new().unwrap();
    for (p, w, m) in e.pattern_wake_counts(&texts) {
        if m == 0 {
            println!("DEAD\t{w}\t{}", p.split('\n').next().unwrap());
        }
    }
}
