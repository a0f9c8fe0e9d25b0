//! Two things for the default pack, done once at build time instead of at every start:
//! - packs its TOML into a small tagged binary form (`pack::unpack` reads it), so the engine parses
//!   neither TOML nor JSON at start-up (a TOML parser would also add some 100 KB to the module);
//!   for WebAssembly without the rules' `flags` / `allows` examples, which the help page loads
//!   from `www/pkg/examples.json` instead (scripts/build.sh);
//! - precomputes the trigger conditions of its phrase patterns (`OUT_DIR/triggers.rs`), so building
//!   the engine parses no regex at all (see src/patterns.rs). The engine finds a pattern's sets by
//!   its rule and place, and takes them only if a check of its rule's sources agrees, so a rule
//!   whose patterns changed is simply parsed at run time.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/regex_prep.rs"]
mod regex_prep;

#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;

#[allow(dead_code)]
#[path = "src/packed.rs"]
mod packed;

#[allow(dead_code)]
#[path = "src/trie.rs"]
mod trie;

fn main() {
    let dir = Path::new("src/packs/politie-gent");
    println!("cargo:rerun-if-changed=src/packs/politie-gent");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("politie-gent");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/politie-gent");
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("read the pack folder").flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    let mut values: Vec<toml::Value> = Vec::new();
    for entry in entries {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let source = std::fs::read_to_string(&path).expect("read a pack file");
        // A syntax error is reported by the native build's tests with file and line; here it
        // only needs to stop the build.
        let mut value: toml::Value = toml::from_str(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        sort_patterns(&mut value);
        let mut packed = Vec::new();
        encode(&without_examples_in_wasm(value.clone()), &mut packed).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.with_extension("bin");
        let name = name.file_name().expect("file name");
        std::fs::write(out.join(name), packed).expect("write the packed pack");
        values.push(value);
    }
    write_triggers(&values, Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")));
}

/// Each rule's patterns sorted by their text. A rule's patterns are alternatives whose order means
/// nothing (every one is run, and the hits of a rule merge), so the files keep them in the order
/// they were written, with their comments, and the module gets them sorted: like patterns side
/// by side compress better (0.17 kB gzipped).
fn sort_patterns(value: &mut toml::Value) {
    if let Some(rules) = value.get_mut("rules").and_then(toml::Value::as_array_mut) {
        for rule in rules.iter_mut() {
            if let Some(patterns) = rule.get_mut("patterns").and_then(toml::Value::as_array_mut) {
                patterns.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            }
        }
    }
}

/// The pack without its rules' `flags` and `allows` examples when building for WebAssembly.
fn without_examples_in_wasm(mut value: toml::Value) -> toml::Value {
    if std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32") {
        if let Some(rules) = value.get_mut("rules").and_then(toml::Value::as_array_mut) {
            for rule in rules.iter_mut().filter_map(toml::Value::as_table_mut) {
                rule.remove("flags");
                rule.remove("allows");
            }
        }
    }
    value
}

/// The default pack in its packed form (src/packed.rs), read by `pack::unpack`.
fn encode(value: &toml::Value, out: &mut Vec<u8>) -> Result<(), String> {
    match value {
        toml::Value::String(s) => packed::coded_string(s, out),
        toml::Value::Boolean(b) => packed::boolean(*b, out),
        toml::Value::Array(items) => {
            let strings: Option<Vec<&str>> = items.iter().map(toml::Value::as_str).collect();
            if strings.is_some_and(|s| !s.is_empty() && packed::words(&s, out).is_some()) {
                return Ok(());
            }
            packed::array(items.len(), out);
            for item in items {
                encode(item, out)?;
            }
        }
        toml::Value::Table(table) => {
            packed::table(table.len(), out);
            for (key, item) in table {
                packed::key(key, out);
                encode(item, out)?;
            }
        }
        other => return Err(format!("a pack holds strings, booleans, arrays and tables, not `{other:?}`")),
    }
    Ok(())
}

fn write_triggers(files: &[toml::Value], out: &Path) {
    let mut defs: BTreeMap<String, String> = BTreeMap::new();
    for f in files {
        if let Some(t) = f.get("defs").and_then(toml::Value::as_table) {
            for (k, v) in t {
                defs.insert(k.clone(), v.as_str().unwrap_or_default().to_string());
            }
        }
    }
    // The same one-level expansion as Engine::compile.
    let defs: regex_prep::Defs = defs.into_iter().collect();
    let expanded: regex_prep::Defs =
        defs.iter().map(|(k, v)| (k.clone(), regex_prep::expand_defs(v, &defs).unwrap_or_default())).collect();
    // Per pattern of the default pack, in file, rule and pattern order: its trigger sets, or
    // `None` when it does not parse (the engine reports that at run time) or has a literal with
    // the pool's separator. Every pattern that parses is stored, even with a long word list as its
    // only set: parsing it at start-up would cost more time (above all in WebAssembly, where the
    // parser's code is compiled on first use) than the list costs module size.
    let mut table: Vec<Option<(Vec<Vec<Vec<u8>>>, bool)>> = Vec::new();
    // Per rule with patterns: the 16-bit key of its id, its first pattern, how many it has, and a
    // check of their sources as written: the engine looks patterns up by rule and place, and takes
    // the precomputed sets only if the rule's sources are the same.
    let mut rules_table: Vec<(u16, u16, u16, u16)> = Vec::new();
    for f in files {
        let Some(rules) = f.get("rules").and_then(toml::Value::as_array) else { continue };
        for rule in rules {
            let Some(patterns) = rule.get("patterns").and_then(toml::Value::as_array) else { continue };
            let id = rule.get("id").and_then(toml::Value::as_str).unwrap_or_default();
            let first = u16::try_from(table.len()).expect("too many default patterns for u16 places");
            let count = u16::try_from(patterns.len()).expect("a default rule with more than 65,535 patterns");
            let mut check = 0u64;
            for p in patterns.iter().filter_map(toml::Value::as_str) {
                // Over the form the engine receives: coded and marked (see `packed::MARK`).
                let received = packed::code(p).map_or_else(|| p.to_string(), |c| format!("{}{c}", packed::MARK));
                check = regex_prep::chain_check(check, &received);
                let conds = regex_prep::expand_defs(p, &expanded)
                    .ok()
                    .and_then(|src| regex_prep::parse(&regex_prep::marked_classes(&src)).ok())
                    .map(|hir| (regex_prep::conditions(&hir), regex_prep::within_sentence(&hir)))
                    .filter(|(sets, _)| !sets.iter().flatten().any(|l| l.contains(&0x1f)));
                table.push(conds);
            }
            rules_table.push((regex_prep::key16(regex_prep::fingerprint(id)), first, count, regex_prep::key16(check)));
        }
    }
    rules_table.sort_unstable();
    assert!(
        rules_table.windows(2).all(|w| w[0].0 != w[1].0),
        "two default rules share a 16-bit id key; rename one of them slightly"
    );
    // Literals are shared by many patterns (the `[defs]` fragments): one pool, separated by 0x1F.
    // Sets are shared too (every pattern that names `{police}` has its set): each unique set gets
    // an id, and a pattern lists its sets' ids. The engine needs the other direction, the sets a
    // literal belongs to (`LIT_SETS`), so that building it only records which patterns use which
    // set: a few per pattern instead of one entry per literal.
    let mut pool: Vec<Vec<u8>> = Vec::new();
    let mut pool_index: BTreeMap<Vec<u8>, u16> = BTreeMap::new();
    let mut unique_sets: Vec<Vec<u16>> = Vec::new();
    let mut set_index: BTreeMap<Vec<u16>, u16> = BTreeMap::new();
    let mut counts: Vec<u8> = Vec::new();
    let mut pattern_sets: Vec<u16> = Vec::new();
    for conds in &table {
        let Some((sets, local)) = conds else {
            counts.push(regex_prep::NOT_PRECOMPUTED);
            continue;
        };
        counts.push(sets.len().min(8) as u8 | if *local { regex_prep::WITHIN_SENTENCE } else { 0 });
        for set in sets.iter().take(8) {
            let mut ids: Vec<u16> = set
                .iter()
                .map(|l| {
                    *pool_index.entry(l.clone()).or_insert_with(|| {
                        pool.push(l.clone());
                        u16::try_from(pool.len() - 1).expect("too many trigger literals for u16 ids")
                    })
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            let id = *set_index.entry(ids.clone()).or_insert_with(|| {
                unique_sets.push(ids);
                u16::try_from(unique_sets.len() - 1).expect("too many trigger sets for u16 ids")
            });
            pattern_sets.push(id);
        }
    }
    let (unique_sets, pattern_sets) = merge_sets(&pool, &unique_sets, &pattern_sets);
    let unique_sets = without_covered(&pool, unique_sets);
    // The pool goes out sorted by its bytes without the boundary marks, the order the trigger
    // trie is built in: the engine then builds it in one pass, without sorting.
    let stripped = |l: &Vec<u8>| -> Vec<u8> { l.iter().copied().filter(|&b| b != regex_prep::BOUNDARY).collect() };
    // Literals no set holds any more (merged sets keep a covering form instead) are left out.
    let mut held = vec![false; pool.len()];
    for &lit in unique_sets.iter().flatten() {
        held[usize::from(lit)] = true;
    }
    let mut order: Vec<usize> = (0..pool.len()).filter(|&l| held[l]).collect();
    order.sort_by(|&a, &b| stripped(&pool[a]).cmp(&stripped(&pool[b])).then(a.cmp(&b)));
    let mut rank = vec![0usize; pool.len()];
    for (new, &old) in order.iter().enumerate() {
        rank[old] = new;
    }
    let pool: Vec<Vec<u8>> = order.iter().map(|&i| pool[i].clone()).collect();
    // Set ids by how many literals name them, most first: most entries of `LIT_SETS` are then
    // below 128 and take one byte (`set_bytes`), about 0.2 kB less gzipped than two bytes each.
    let mut by_use: Vec<usize> = (0..unique_sets.len()).collect();
    by_use.sort_by_key(|&s| (std::cmp::Reverse(unique_sets[s].len()), s));
    let mut set_id = vec![0u16; unique_sets.len()];
    for (new, &old) in by_use.iter().enumerate() {
        set_id[old] = new as u16;
    }
    let pattern_sets: Vec<u16> = pattern_sets.iter().map(|&s| set_id[usize::from(s)]).collect();
    // Each pattern's sets coded as `LIT_SETS` codes a literal's: rising, as steps (a pattern needs
    // every set, so their order does not matter).
    let mut trigger_steps: Vec<u16> = Vec::with_capacity(pattern_sets.len());
    let mut next = 0;
    for (sets, _) in table.iter().flatten() {
        let count = sets.len().min(8);
        push_steps(&mut pattern_sets[next..next + count].to_vec(), &mut trigger_steps);
        next += count;
    }
    assert_eq!(next, pattern_sets.len());
    let mut lit_sets: Vec<Vec<u16>> = vec![Vec::new(); pool.len()];
    for (id, set) in unique_sets.iter().enumerate() {
        for &lit in set {
            lit_sets[rank[usize::from(lit)]].push(set_id[id]);
        }
    }
    // Counts, not starts: a byte each, which compresses to a fraction of rising u16 offsets; the
    // engine sums them up once.
    let mut lit_count: Vec<u8> = Vec::new();
    let mut lit_flat: Vec<u16> = Vec::new();
    // Each literal's sets in rising order, the first as it is and each next one as the step from
    // the one before: smaller numbers, about 0.4 kB less gzipped.
    for sets in &mut lit_sets {
        push_steps(sets, &mut lit_flat);
        lit_count.push(u8::try_from(sets.len()).expect("a pool literal in more than 255 trigger sets"));
    }
    // Front coded, the marks apart: sorted literals share their starts ("politi", "politie"), and
    // each one is stored as the length it shares with the one before and the rest, which makes
    // the module about 3.5 KB smaller gzipped than the literals one after the other.
    let mut front: Vec<u8> = Vec::new();
    let mut marks: Vec<u8> = Vec::new();
    let mut prev: &[u8] = &[];
    for l in &pool {
        let (start, core, end) = marked(l);
        marks.push(u8::from(start) | (u8::from(end) << 1));
        let shared = core.iter().zip(prev).take_while(|(a, b)| a == b).count();
        front.push(u8::try_from(shared).ok().filter(|&n| n < 0x1f).expect("a trigger literal shares too long a start"));
        front.extend_from_slice(&core[shared..]);
        front.push(0x1f);
        prev = core;
    }
    let mut code = String::from("/// Generated by build.rs: the trigger literals without their marks, in order, each as the\n/// number of bytes it shares with the one before, the rest, and 0x1F.\npub static POOL: &[u8] = b\"");
    for &byte in &front {
        match byte {
            b'"' => code.push_str("\\\""),
            b'\\' => code.push_str("\\\\"),
            0x20..=0x7e => code.push(char::from(byte)),
            _ => {
                let _ = write!(code, "\\x{byte:02x}");
            }
        }
    }
    code.push_str("\";\n");
    // The marks and the count of sets in one byte each, one array instead of two.
    let info: Vec<u8> = marks
        .iter()
        .zip(&lit_count)
        .map(|(&m, &n)| {
            assert!(n < 64, "a pool literal in more than 63 trigger sets");
            m | (n << 2)
        })
        .collect();
    static_array(&mut code, "per pool literal, its boundary marks (bit 0: it starts at a word boundary; bit 1: it ends at one) and, above them, how many trigger sets it belongs to.", "LIT_INFO", "u8", &info);
    let _ = writeln!(code, "/// Generated by build.rs: the number of distinct trigger sets.\npub const SET_COUNT: usize = {};", unique_sets.len());
    static_array(&mut code, "set ids, per pool literal in pool order (`LIT_INFO[i] >> 2` of them for literal `i`, rising, each after the first as the step from the one before), coded as `patterns::set_ids` reads them.", "LIT_SETS", "u8", &set_bytes(&lit_flat));
    let rule_keys: Vec<u16> = rules_table.iter().map(|r| r.0).collect();
    let rule_first: Vec<u16> = rules_table.iter().map(|r| r.1).collect();
    let rule_count: Vec<u16> = rules_table.iter().map(|r| r.2).collect();
    let rule_checks: Vec<u16> = rules_table.iter().map(|r| r.3).collect();
    static_array(&mut code, "the 16-bit keys of the default rules with patterns (`regex_prep::key16` of the id), sorted.", "RULE_KEYS", "u16", &rule_keys);
    static_array(&mut code, "per rule in `RULE_KEYS`, the place of its first pattern.", "RULE_FIRST", "u16", &rule_first);
    static_array(&mut code, "per rule in `RULE_KEYS`, how many patterns it has.", "RULE_PATTERNS", "u16", &rule_count);
    static_array(&mut code, "per rule in `RULE_KEYS`, the check of its patterns' sources (`regex_prep::chain_check`).", "RULE_CHECK", "u16", &rule_checks);
    static_array(&mut code, "per pattern place, how many trigger sets it has (255: none precomputed), plus `WITHIN_SENTENCE` when no match can hold a sentence end; its sets follow those of the patterns before it in `TRIGGER_SETS`.", "TRIGGER_COUNT", "u8", &counts);
    static_array(&mut code, "set ids, per pattern, rising, coded as `LIT_SETS`.", "TRIGGER_SETS", "u8", &set_bytes(&trigger_steps));
    std::fs::write(out.join("triggers.rs"), code).expect("write triggers.rs");
}

/// A pool literal's boundary marks and the bytes between them: whether it must start at a word
/// boundary, its core, and whether it must end at one.
fn marked(l: &[u8]) -> (bool, &[u8], bool) {
    let start = l.first() == Some(&regex_prep::BOUNDARY);
    let end = l.len() > 1 && l.last() == Some(&regex_prep::BOUNDARY);
    (start, &l[usize::from(start)..l.len() - usize::from(end)], end)
}

/// Each set without the literals another literal of the same set covers: where "agenten" is
/// found at a word start, so is "agent" (marked to start at one), so "agenten" adds nothing to a
/// set that holds both. A set is filled exactly where it was before, in the same sentence stretch
/// (a covered literal holds no sentence end, see [`covers`]), and the pool and `LIT_SETS` shrink
/// (1.0 kB of the module gzipped). Pool literals are unique, so two never cover each other.
fn without_covered(pool: &[Vec<u8>], sets: Vec<Vec<u16>>) -> Vec<Vec<u16>> {
    let lit = |id: u16| pool[usize::from(id)].as_slice();
    sets.into_iter()
        .map(|set| set.iter().copied().filter(|&b| !set.iter().any(|&a| a != b && covers(lit(a), lit(b)))).collect())
        .collect()
}

/// True when every place the marked literal `b` is found (as `PatternSet::candidates` finds it:
/// its bytes, at a word boundary where it is marked so), the marked literal `a` is found too,
/// inside it. Word bytes are ASCII letters, digits and `_`, as there. Never for a `b` that holds
/// a sentence end: `a` could then lie in an earlier sentence stretch than `b`'s last byte.
fn covers(a: &[u8], b: &[u8]) -> bool {
    let split = |l| Some(marked(l)).filter(|(_, core, _)| !core.is_empty() && !core.contains(&regex_prep::BOUNDARY));
    let (Some((a_start, a_core, a_end)), Some((b_start, b_core, b_end))) = (split(a), split(b)) else { return false };
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    if a_core.len() > b_core.len() || b_core.iter().any(|c| regex_prep::SENTENCE_ENDS.contains(c)) {
        return false;
    }
    (0..=b_core.len() - a_core.len()).any(|at| {
        let end = at + a_core.len();
        b_core[at..end] == *a_core
            && (!a_start || if at == 0 { b_start } else { word(b_core[at - 1]) != word(b_core[at]) })
            && (!a_end || if end == b_core.len() { b_end } else { word(b_core[end - 1]) != word(b_core[end]) })
    })
}

/// Merges trigger sets into others that nearly cover them, which makes `LIT_SETS` much shorter
/// (about 4 kB of the module gzipped, for about 12 % more instructions per check: merged sets wake
/// their patterns more often; the fifteenth round merged more readily, 1.2 kB for about 6 % of
/// that). A set T covers a literal when it holds the same bytes with the same or fewer boundary
/// marks: wherever the literal is found, so is T's. Sets are taken most used first; a set whose
/// literals all but three (or an eighth) are covered by an earlier kept set T, not much smaller
/// than T, is merged into it, and so is one with all but four (or a fifth) covered if none of
/// those is shorter than four bytes (a short one is found in many comments and would wake T's
/// patterns there): T gets the uncovered ones, and every
/// pattern of the set uses T. Every literal of the set is then covered by T, so no pattern is
/// woken less often than it must be (the `unwoken_patterns` test holds).
fn merge_sets(pool: &[Vec<u8>], sets: &[Vec<u16>], pattern_sets: &[u16]) -> (Vec<Vec<u16>>, Vec<u16>) {
    use std::collections::BTreeSet;
    let b = regex_prep::BOUNDARY;
    let ids: BTreeMap<&[u8], u16> = pool.iter().enumerate().map(|(i, l)| (l.as_slice(), i as u16)).collect();
    // Per literal, the literals that cover it: itself and its forms with fewer marks.
    let covers: Vec<Vec<u16>> = pool
        .iter()
        .map(|l| {
            let (start, core, end) = marked(l);
            let mut out = Vec::new();
            for (s, e) in [(false, false), (true, false), (false, true), (true, true)] {
                if (s && !start) || (e && !end) {
                    continue;
                }
                let mut form = Vec::with_capacity(core.len() + 2);
                if s {
                    form.push(b);
                }
                form.extend_from_slice(core);
                if e {
                    form.push(b);
                }
                out.extend(ids.get(form.as_slice()));
            }
            out
        })
        .collect();
    let mut used = vec![0usize; sets.len()];
    for &s in pattern_sets {
        used[usize::from(s)] += 1;
    }
    let mut holding: Vec<BTreeSet<u16>> = vec![BTreeSet::new(); pool.len()];
    for (id, set) in sets.iter().enumerate() {
        for &l in set {
            holding[usize::from(l)].insert(id as u16);
        }
    }
    let mut order: Vec<usize> = (0..sets.len()).collect();
    order.sort_by_key(|&s| (std::cmp::Reverse(used[s]), sets[s].len(), s));
    // Per set, the kept set it went into (itself if kept); the kept sets' literals.
    let mut into: Vec<usize> = (0..sets.len()).collect();
    let mut kept: BTreeMap<usize, BTreeSet<u16>> = BTreeMap::new();
    for s in order {
        let set = &sets[s];
        let mut candidates: BTreeSet<usize> = BTreeSet::new();
        for &l in set.iter().take(3) {
            for &c in &covers[usize::from(l)] {
                candidates.extend(holding[usize::from(c)].iter().map(|&t| usize::from(t)).filter(|t| kept.contains_key(t)));
            }
        }
        let mut best: Option<(usize, Vec<u16>)> = None;
        for t in candidates {
            let lits = &kept[&t];
            let uncovered: Vec<u16> = set.iter().copied().filter(|&l| !covers[usize::from(l)].iter().any(|c| lits.contains(c))).collect();
            // More may be left uncovered if none of them is short (found in many comments).
            let long = uncovered.iter().all(|&l| pool[usize::from(l)].iter().filter(|&&c| c != b).count() >= 4);
            let (share, least, grow, slack) = if long { (5, 4, 2, 6) } else { (8, 3, 3, 4) };
            if uncovered.len() <= (set.len() / share).max(least)
                && lits.len() + uncovered.len() <= set.len() * (grow + 1) / grow + slack
                && best.as_ref().is_none_or(|(_, u)| uncovered.len() < u.len())
            {
                best = Some((t, uncovered));
            }
        }
        match best {
            Some((t, uncovered)) => {
                into[s] = t;
                for l in uncovered {
                    holding[usize::from(l)].insert(t as u16);
                    kept.get_mut(&t).expect("kept").insert(l);
                }
            }
            None => {
                kept.insert(s, set.iter().copied().collect());
            }
        }
    }
    let renumber: BTreeMap<usize, u16> = kept.keys().enumerate().map(|(i, &s)| (s, i as u16)).collect();
    let merged = kept.values().map(|lits| lits.iter().copied().collect()).collect();
    let patterns = pattern_sets.iter().map(|&s| renumber[&into[usize::from(s)]]).collect();
    (merged, patterns)
}

/// Sorts `ids` and appends them to `out` as `patterns::sum_steps` reads them back: the first as it
/// is, each next one as the step from the one before.
fn push_steps(ids: &mut [u16], out: &mut Vec<u16>) {
    ids.sort_unstable();
    let mut prev = 0;
    for &id in ids.iter() {
        out.push(id - prev);
        prev = id;
    }
}

/// Set ids as bytes: an id below 128 as itself, a larger one as two bytes, `0x80 | id >> 8` and
/// `id & 0xFF` (`patterns::set_ids` undoes it).
fn set_bytes(ids: &[u16]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ids.len() * 2);
    for &id in ids {
        assert!(id < 0x8000, "too many trigger sets for the set-id coding");
        if id < 0x80 {
            out.push(id as u8);
        } else {
            out.push(0x80 | (id >> 8) as u8);
            out.push(id as u8);
        }
    }
    out
}

/// Appends `pub static NAME: &[TY] = &[...];` with a doc line.
fn static_array<T: std::fmt::Display>(code: &mut String, doc: &str, name: &str, ty: &str, items: &[T]) {
    let _ = write!(code, "/// Generated by build.rs: {doc}\npub static {name}: &[{ty}] = &[");
    for item in items {
        let _ = write!(code, "{item},");
    }
    code.push_str("];\n");
}
