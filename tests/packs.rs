//! Rules as data: every rule proves itself with its own examples, the default pack is complete
//! and well-formed, user packs and options change what they promise, and a bad pack gets an
//! error that names the file, the line and the field.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use huisregels::{Action, Category, Engine, EngineOptions, Error, RuleInfo, Verdict};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("the default pack must build"))
}

fn with_pack(name: &str, source: &str) -> Result<Engine, Error> {
    Engine::with_options(&EngineOptions { packs: vec![(name.to_string(), source.to_string())], ..EngineOptions::default() })
}

#[track_caller]
fn check(engine: &Engine, text: &str) -> Verdict {
    engine.check(text).unwrap_or_else(|e| panic!("check({text:?}) failed: {e}"))
}

fn rule_ids(v: &Verdict) -> Vec<&str> {
    v.findings.iter().map(|f| f.rule.as_str()).collect()
}

fn describe(v: &Verdict) -> String {
    let found: Vec<String> = v.findings.iter().map(|f| format!("{} «{}»", f.rule, f.excerpt)).collect();
    format!("{} [{}]", v.action, found.join(", "))
}

/// Rules that are filled by the user and ship without examples.
const WITHOUT_EXAMPLES: &[&str] = &["insult/user-words"];

// ---------------------------------------------------------------------------------------------
// The default pack: every example is a test.
// ---------------------------------------------------------------------------------------------

#[test]
fn every_rule_example_behaves_as_documented() {
    // Each rule is tested on its own: the other rules of its category are switched off, because
    // overlapping findings of one category merge into one (the first rule in the pack wins).
    let all = engine().rules();
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in &all {
        let others: Vec<String> =
            all.iter().filter(|r| r.category == rule.category && r.id != rule.id).map(|r| r.id.clone()).collect();
        let engine = Engine::with_options(&EngineOptions { disable: others, ..Default::default() }).expect("engine");
        for text in &rule.examples.flags {
            checked += 1;
            match engine.check(text) {
                Ok(v) if rule_ids(&v).contains(&rule.id.as_str()) => {}
                Ok(v) => failures.push(format!("{}: flags {text:?} but got {}", rule.id, describe(&v))),
                Err(e) => failures.push(format!("{}: flags {text:?} but check failed: {e}", rule.id)),
            }
        }
        for text in &rule.examples.allows {
            checked += 1;
            match engine.check(text) {
                Ok(v) if !rule_ids(&v).contains(&rule.id.as_str()) => {}
                Ok(v) => failures.push(format!("{}: allows {text:?} but got {}", rule.id, describe(&v))),
                Err(e) => failures.push(format!("{}: allows {text:?} but check failed: {e}", rule.id)),
            }
        }
    }
    println!("{checked} examples checked");
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{} of {checked} rule examples fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_rule_is_documented_with_examples() {
    let mut failures = Vec::new();
    for rule in engine().rules() {
        let fields = [("title", &rule.title), ("message", &rule.message), ("advice", &rule.advice), ("house_rule", &rule.house_rule)];
        for (name, value) in fields {
            if value.trim().is_empty() {
                failures.push(format!("{}: empty `{name}`", rule.id));
            }
        }
        if WITHOUT_EXAMPLES.contains(&rule.id.as_str()) {
            continue;
        }
        if rule.examples.flags.is_empty() {
            failures.push(format!("{}: no `flags` example", rule.id));
        }
        if rule.examples.allows.is_empty() {
            failures.push(format!("{}: no `allows` example", rule.id));
        }
    }
    assert!(failures.is_empty(), "badly documented rules:\n{}", failures.join("\n"));
}

#[test]
fn rule_ids_are_unique_and_name_their_category() {
    let mut seen = BTreeSet::new();
    let mut failures = Vec::new();
    for rule in engine().rules() {
        if !seen.insert(rule.id.clone()) {
            failures.push(format!("{}: id used twice", rule.id));
        }
        match rule.id.split_once('/') {
            None => failures.push(format!("{}: id is not `category/name`", rule.id)),
            Some((prefix, name)) => {
                if prefix != rule.category.as_str() {
                    failures.push(format!("{}: prefix `{prefix}` but category `{}`", rule.id, rule.category));
                }
                let name_ok = !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !name.starts_with('-')
                    && !name.ends_with('-');
                if !name_ok {
                    failures.push(format!("{}: name `{name}` is not lower-case kebab", rule.id));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_category_has_a_rule_and_default_rules_are_on() {
    let rules = engine().rules();
    for c in Category::ALL {
        assert!(rules.iter().any(|r| r.category == c), "no rule for category `{c}`");
        assert_eq!(Category::from_id(c.as_str()), Some(c), "category id `{c}` does not round-trip");
    }
    for r in &rules {
        assert!(r.enabled, "{} is off in the default pack", r.id);
    }
}

#[test]
fn default_actions_and_evidence_follow_the_design() {
    let mut failures = Vec::new();
    for r in engine().rules() {
        if r.action != r.category.default_action() {
            failures.push(format!("{}: action {} but category `{}` defaults to {}", r.id, r.action, r.category, r.category.default_action()));
        }
        let wants_evidence = matches!(r.category, Category::Threat | Category::Defamation);
        if wants_evidence && !r.evidence {
            failures.push(format!("{}: threats and defamation keep evidence", r.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(Action::Urgent < Action::Remove && Action::Remove < Action::Review);
    assert!(Action::Review < Action::Redirect && Action::Redirect < Action::Allow);
}

/// Every pack file on disk is embedded: a new file that is not in the engine's list would ship
/// rules nobody runs.
#[test]
fn every_pack_file_on_disk_is_embedded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/packs/politie-gent");
    let ids: BTreeSet<String> = engine().rules().into_iter().map(|r| r.id).collect();
    let mut files = 0;
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("pack directory") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        files += 1;
        let source = std::fs::read_to_string(&path).expect("pack file");
        for line in source.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("id") {
                if let Some(id) = rest.trim_start().strip_prefix('=').map(|v| v.trim().trim_matches('"')) {
                    if !ids.contains(id) {
                        missing.push(format!("{}: `{id}`", path.display()));
                    }
                }
            }
        }
    }
    assert!(files >= 12, "expected the pack files under {}", dir.display());
    assert!(missing.is_empty(), "rules on disk that the engine does not load:\n{}", missing.join("\n"));
}

#[test]
fn contacts_come_from_the_pack() {
    let c = engine().contacts();
    assert_eq!(c.urgent, "101");
    assert_eq!(c.emergency, "112");
    assert_eq!(c.phone, "09/266.61.11");
    assert_eq!(c.email, "meldpunt.gent@police.belgium.eu");
    assert!(c.website.contains("politie.be/5415"), "website: {}", c.website);
    assert!(c.complaint_form.starts_with("https://"), "complaint form: {}", c.complaint_form);
}

// ---------------------------------------------------------------------------------------------
// User packs.
// ---------------------------------------------------------------------------------------------

#[test]
fn user_pack_adds_words_to_an_existing_rule() {
    let text = "Wat een blorkwoord ben jij";
    assert!(!rule_ids(&check(engine(), text)).contains(&"insult/profanity"), "baseline: not flagged by default");
    let e = with_pack("lokaal.toml", "[[rules]]\nid = \"insult/profanity\"\nwords = [\"blorkwoord\"]\n").unwrap();
    let v = check(&e, text);
    let f = v.findings.iter().find(|f| f.rule == "insult/profanity").unwrap_or_else(|| panic!("not flagged: {}", describe(&v)));
    assert_eq!(f.excerpt, "blorkwoord");
    assert_eq!(f.action, Action::Remove);
    // The default words still work.
    assert!(rule_ids(&check(&e, "klootzak")).contains(&"insult/profanity"));
    // And the rule keeps its texts.
    let info = e.rules().into_iter().find(|r| r.id == "insult/profanity").unwrap();
    assert!(!info.message.is_empty() && !info.advice.is_empty());
}

#[test]
fn user_pack_allow_stops_a_flagged_word() {
    let text = "Die klootzak van hiernaast";
    assert!(!check(engine(), text).findings.is_empty(), "baseline: flagged by default");
    let e = with_pack("allow.toml", "allow = [\"klootzak\"]\n").unwrap();
    let v = check(&e, text);
    assert!(v.findings.is_empty(), "still flagged: {}", describe(&v));
    assert_eq!(v.action, Action::Allow);
    // Other words are untouched.
    assert!(!check(&e, "Die smeerlap van hiernaast").findings.is_empty());
}

#[test]
fn user_pack_allow_covers_a_compound_around_a_new_word() {
    let source = "allow = [\"blorkwoordenboek\"]\n\n[[rules]]\nid = \"insult/profanity\"\nwords = [\"blorkwoord*\"]\n";
    let e = with_pack("samen.toml", source).unwrap();
    assert!(rule_ids(&check(&e, "jij blorkwoorden")).contains(&"insult/profanity"));
    let v = check(&e, "Ik lees het blorkwoordenboek");
    assert!(v.findings.is_empty(), "{}", describe(&v));
}

#[test]
fn unless_in_comment_excuses_a_match_from_another_sentence() {
    let source = r"[[rules]]
id = 'report/blork'
category = 'report'
patterns = ['\bblorkfiets\b']
unless = ['\bblorkvrij\b']
unless_in_comment = ['\bteruggeblorkt\b']
";
    let e = with_pack("blork.toml", source).unwrap();
    let found = |text: &str| rule_ids(&check(&e, text)).contains(&"report/blork");
    assert!(found("Mijn blorkfiets is weg. Wie heeft iets gezien?"));
    // `unless` looks at the sentence of the match only, `unless_in_comment` at the whole comment.
    assert!(!found("Mijn blorkfiets is weg, maar blorkvrij."));
    assert!(found("Mijn blorkfiets is weg. Maar blorkvrij."));
    assert!(!found("Mijn blorkfiets was weg. Gisteren teruggeblorkt, merci!"));
    assert!(!found("Teruggeblorkt! Mijn blorkfiets was weg."));
}

#[test]
fn user_pack_switches_a_rule_off() {
    let text = "Kanker, weer een boete";
    assert!(rule_ids(&check(engine(), text)).contains(&"insult/disease-word"), "baseline");
    let e = with_pack("uit.toml", "[[rules]]\nid = \"insult/disease-word\"\nenabled = false\n").unwrap();
    let v = check(&e, text);
    assert!(!rule_ids(&v).contains(&"insult/disease-word"), "{}", describe(&v));
    let info = e.rules().into_iter().find(|r| r.id == "insult/disease-word").expect("a switched-off rule is still listed");
    assert!(!info.enabled);
    // The other rules stay on.
    assert!(rule_ids(&check(&e, "klootzak")).contains(&"insult/profanity"));
}

#[test]
fn a_user_pack_can_change_what_marks_quoted_words_as_mentioned() {
    let text = "Wie schreef hierboven 'ik weet waar ge woont'?";
    assert_eq!(check(engine(), text).action, Action::Allow, "baseline: quoted and pointed at");
    // Narrowed to words this comment lacks, the quoted threat counts again.
    let e = with_pack("vermeld.toml", "[defs]\nmention = \"\\\\bzei\\\\b\"\n").unwrap();
    assert!(rule_ids(&check(&e, text)).contains(&"threat/violence"), "{}", describe(&check(&e, text)));
    assert_eq!(check(&e, "Hij zei 'ik weet waar ge woont', ik heb aangifte gedaan.").action, Action::Allow);
    // A broken one is an error that names it.
    let err = with_pack("kapot.toml", "[defs]\nmention = \"(\"\n").unwrap_err().to_string();
    assert!(err.contains("mention"), "{err}");
}

#[test]
fn user_pack_changes_an_action() {
    let e = with_pack("actie.toml", "[[rules]]\nid = \"insult/profanity\"\naction = \"review\"\n").unwrap();
    let v = check(&e, "klootzak");
    assert_eq!(v.action, Action::Review, "{}", describe(&v));
    assert!(v.findings.iter().all(|f| f.rule != "insult/profanity" || f.action == Action::Review));
    let info = e.rules().into_iter().find(|r| r.id == "insult/profanity").unwrap();
    assert_eq!(info.action, Action::Review);
    // Other insult rules keep theirs.
    assert_eq!(check(&e, "Kankerflikken").action, Action::Remove);
}

#[test]
fn user_pack_adds_a_new_rule() {
    let source = "# lokale woorden\n[[rules]]\nid = \"insult/lokaal\"\nwords = [\"snurfel\", \"gnarpkop*\"]\n";
    let e = with_pack("nieuw.toml", source).unwrap();
    let info: RuleInfo = e.rules().into_iter().find(|r| r.id == "insult/lokaal").expect("new rule listed");
    assert_eq!(info.category, Category::Insult);
    assert_eq!(info.action, Action::Remove);
    assert!(!info.message.is_empty(), "a new rule gets a message from its category");
    let v = check(&e, "Jij snurfel, en jij gnarpkoppen");
    let hits: Vec<&str> = v.findings.iter().filter(|f| f.rule == "insult/lokaal").map(|f| f.excerpt.as_str()).collect();
    assert_eq!(hits, ["snurfel", "gnarpkoppen"], "{}", describe(&v));
    assert!(v.findings.iter().all(|f| f.message == info.message || f.rule != "insult/lokaal"));
    // The default engine does not know it.
    assert!(check(engine(), "Jij snurfel").findings.is_empty());
}

#[test]
fn user_pack_new_rule_with_a_pattern_and_its_own_texts() {
    let source = r#"
[[rules]]
id = "advertising/frieten"
title = "Frituurreclame"
message = "Reclame voor een frituur."
advice = "Geen reclame."
patterns = ["\\bbeste frieten van (?:gent|de stad)\\b"]
"#;
    let e = with_pack("frituur.toml", source).unwrap();
    let v = check(&e, "De BESTE frieten van Gent bij ons!");
    let f = v.findings.iter().find(|f| f.rule == "advertising/frieten").unwrap_or_else(|| panic!("{}", describe(&v)));
    assert_eq!(f.category, Category::Advertising);
    assert_eq!(f.message, "Reclame voor een frituur.");
    assert_eq!(f.excerpt, "BESTE frieten van Gent");
}

// ---------------------------------------------------------------------------------------------
// EngineOptions.
// ---------------------------------------------------------------------------------------------

fn options() -> EngineOptions {
    EngineOptions::default()
}

#[test]
fn options_block_adds_user_words() {
    let e = Engine::with_options(&EngineOptions { block: vec!["blorkwoord".into()], ..options() }).unwrap();
    let v = check(&e, "Jij BLORKWOORD!");
    let f = v.findings.iter().find(|f| f.rule == "insult/user-words").unwrap_or_else(|| panic!("{}", describe(&v)));
    assert_eq!(f.excerpt, "BLORKWOORD");
    assert_eq!(v.action, Action::Remove);
}

#[test]
fn options_allow_stops_a_word() {
    let e = Engine::with_options(&EngineOptions { allow: vec!["klootzak".into()], ..options() }).unwrap();
    let v = check(&e, "Jij klootzak");
    assert!(v.findings.is_empty(), "{}", describe(&v));
}

#[test]
fn options_disable_a_rule_or_a_category() {
    let text = "Kankerflikken, klootzakken zijn het";
    let base = check(engine(), text);
    assert!(rule_ids(&base).contains(&"insult/profanity") && rule_ids(&base).contains(&"insult/disease-curse"), "{}", describe(&base));

    let e = Engine::with_options(&EngineOptions { disable: vec!["insult/profanity".into()], ..options() }).unwrap();
    let v = check(&e, text);
    assert!(!rule_ids(&v).contains(&"insult/profanity"), "{}", describe(&v));
    assert!(rule_ids(&v).contains(&"insult/disease-curse"), "{}", describe(&v));

    let e = Engine::with_options(&EngineOptions { disable: vec!["insult".into()], ..options() }).unwrap();
    let v = check(&e, text);
    assert!(v.findings.iter().all(|f| f.category != Category::Insult), "{}", describe(&v));
    assert!(e.rules().iter().filter(|r| r.category == Category::Insult).all(|r| !r.enabled));
    // Other categories still work.
    assert!(rule_ids(&check(&e, "Bel mij op 0475 12 34 56")).contains(&"personal-data/phone"));
}

#[test]
fn options_actions_per_category_and_per_rule() {
    // The rule's action first: category actions still apply before rule actions.
    let actions = vec![("insult/profanity".to_string(), Action::Redirect), ("insult".to_string(), Action::Review)];
    let e = Engine::with_options(&EngineOptions { actions, ..options() }).unwrap();
    let v = check(&e, "Kankerflikken, klootzakken zijn het");
    let action_of = |id: &str| v.findings.iter().find(|f| f.rule == id).map(|f| f.action);
    assert_eq!(action_of("insult/profanity"), Some(Action::Redirect), "the rule's own action wins: {}", describe(&v));
    assert_eq!(action_of("insult/disease-curse"), Some(Action::Review), "{}", describe(&v));
    assert_eq!(v.action, Action::Review);
}

#[test]
fn options_action_allow_silences_a_category() {
    let actions = vec![("trolling".to_string(), Action::Allow)];
    let e = Engine::with_options(&EngineOptions { actions, ..options() }).unwrap();
    let v = check(&e, "🤡🤡🤡🤡🤡🤡🤡");
    assert_eq!(v.action, Action::Allow, "{}", describe(&v));
    assert!(v.findings.is_empty(), "{}", describe(&v));
}

#[test]
fn options_with_unknown_ids_are_errors() {
    let err = Engine::with_options(&EngineOptions { disable: vec!["insult/bestaat-niet".into()], ..options() }).unwrap_err();
    assert!(matches!(err, Error::Options(_)), "{err:?}");
    assert!(err.to_string().contains("insult/bestaat-niet"), "{err}");
    let actions = vec![("scheldwoorden".to_string(), Action::Review)];
    let err = Engine::with_options(&EngineOptions { actions, ..options() }).unwrap_err();
    assert!(matches!(err, Error::Options(_)), "{err:?}");
    assert!(err.to_string().contains("scheldwoorden"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Bad packs: file, line, field.
// ---------------------------------------------------------------------------------------------

/// Builds an engine from a bad pack and checks the error: `Error::Pack` for `file`, a line in
/// `lines`, and a message that mentions every word in `mentions`.
#[track_caller]
fn assert_pack_error(file: &str, source: &str, lines: &[usize], mentions: &[&str]) -> String {
    let Err(err) = with_pack(file, source) else {
        panic!("pack {file} should be rejected:\n{source}");
    };
    let shown = err.to_string();
    match &err {
        Error::Pack { file: f, line, message } => {
            assert_eq!(f, file, "wrong file in {shown:?}");
            let line = line.unwrap_or_else(|| panic!("no line number in {shown:?}"));
            assert!(lines.contains(&line), "line {line}, expected one of {lines:?}: {shown:?}");
            assert!(shown.starts_with(&format!("{file}:{line}:")), "Display should start with file:line: {shown:?}");
            for m in mentions {
                assert!(message.to_lowercase().contains(&m.to_lowercase()), "message should mention `{m}`: {shown:?}");
            }
        }
        other => panic!("expected Error::Pack, got {other:?}"),
    }
    shown
}

#[test]
fn bad_pack_unknown_field() {
    let source = "# mijn pack\n[[rules]]\nid = \"insult/profanity\"\nwordz = [\"blorkwoord\"]\n";
    assert_pack_error("typo.toml", source, &[4], &["wordz"]);
    let source = "[pack]\nname = \"x\"\nversie = \"1\"\n";
    assert_pack_error("meta.toml", source, &[3], &["versie"]);
}

#[test]
fn bad_pack_invalid_toml() {
    let source = "allow = [\"a\", \"b\"]\n[[rules]\nid = \"insult/x\"\n";
    assert_pack_error("syntax.toml", source, &[2], &[]);
    let source = "[[rules]]\nid = \"insult/x\"\nwords = [\"open\n";
    assert_pack_error("string.toml", source, &[3], &[]);
}

#[test]
fn bad_pack_bad_regex() {
    let source = "[[rules]]\nid = \"insult/regex\"\nwords = [\"snurfel\"]\npatterns = [\"(?:onafgesloten\"]\n";
    assert_pack_error("regex.toml", source, &[2, 4], &["pattern", "regex"]);
}

#[test]
fn bad_pack_undefined_def() {
    let source = "[[rules]]\nid = \"insult/defs\"\npatterns = [\"\\\\b{bestaat_niet}\\\\b\"]\n";
    assert_pack_error("defs.toml", source, &[2, 3], &["bestaat_niet"]);
}

#[test]
fn bad_pack_unknown_detector() {
    let source = "\n[[rules]]\nid = \"personal-data/fax\"\ndetector = \"fax\"\n";
    assert_pack_error("detector.toml", source, &[3, 4], &["detector", "fax"]);
}

#[test]
fn bad_pack_id_without_category() {
    let source = "[[rules]]\nid = \"lokaal\"\nwords = [\"snurfel\"]\n";
    assert_pack_error("id.toml", source, &[2], &["lokaal", "category/name"]);
}

#[test]
fn bad_pack_unknown_category_prefix() {
    let source = "[[rules]]\nid = \"scheldwoord/lokaal\"\nwords = [\"snurfel\"]\n";
    let shown = assert_pack_error("prefix.toml", source, &[2], &["scheldwoord"]);
    assert!(shown.contains("insult"), "the fix lists the categories: {shown}");
}

#[test]
fn bad_pack_bad_rule_name() {
    let source = "[[rules]]\nid = \"insult/Lokaal Woord\"\n";
    assert_pack_error("naam.toml", source, &[2], &["insult/Lokaal Woord"]);
}

#[test]
fn bad_pack_category_disagrees_with_id() {
    let source = "[[rules]]\nid = \"insult/lokaal\"\ncategory = \"threat\"\nwords = [\"snurfel\"]\n";
    assert_pack_error("cat.toml", source, &[2, 3], &["category"]);
}

#[test]
fn bad_pack_unknown_action_or_category_value() {
    let source = "[[rules]]\nid = \"insult/profanity\"\naction = \"verwijderen\"\n";
    assert_pack_error("actie.toml", source, &[3], &["verwijderen"]);
}

#[test]
fn bad_pack_too_short_word() {
    let source = "[[rules]]\nid = \"insult/profanity\"\nwords = [\"k\"]\n";
    assert_pack_error("kort.toml", source, &[2, 3], &["too short", "`k`"]);
    // A word that only becomes short after normalisation (the accent is folded away).
    let source = "[[rules]]\nid = \"insult/kort\"\nwords = [\"a\u{301}\"]\n";
    assert_pack_error("kort2.toml", source, &[2, 3], &["too short"]);
}

#[test]
fn bad_options_word_too_short() {
    let err = Engine::with_options(&EngineOptions { block: vec!["x".into()], ..options() });
    assert!(err.is_err(), "a one-letter block word would flag every `x`");
    let err = Engine::with_options(&EngineOptions { allow: vec![String::new()], ..options() });
    assert!(err.is_err(), "an empty allow word is an error");
}

#[test]
fn a_failed_rebuild_leaves_the_previous_engine_working() {
    let good = with_pack("goed.toml", "[[rules]]\nid = \"insult/profanity\"\nwords = [\"blorkwoord\"]\n").unwrap();
    let texts = ["Jij blorkwoord", "Bel mij op 0475 12 34 56, kankerflikken", "Goed gedaan, bedankt!"];
    let before: Vec<Verdict> = texts.iter().map(|t| check(&good, t)).collect();
    let before_default: Vec<Verdict> = texts.iter().map(|t| check(engine(), t)).collect();
    let before_rules = good.rules();

    for bad in ["[[rules]]\nid = \"insult/x\"\nwordz = []\n", "[[rules]]\nid = \"insult/x\"\npatterns = [\"(\"]\n", "[[rules]\n"] {
        assert!(with_pack("fout.toml", bad).is_err());
        assert!(Engine::with_options(&EngineOptions { disable: vec!["nope".into()], ..options() }).is_err());
    }

    let after: Vec<Verdict> = texts.iter().map(|t| check(&good, t)).collect();
    assert_eq!(before, after, "the engine built before changed after a failed build");
    assert_eq!(before_rules, good.rules());
    let after_default: Vec<Verdict> = texts.iter().map(|t| check(engine(), t)).collect();
    assert_eq!(before_default, after_default);
    assert!(rule_ids(&after[0]).contains(&"insult/profanity"));
}

#[test]
fn user_packs_apply_in_order() {
    // A later pack overrides the action an earlier pack set.
    let first = ("een.toml".to_string(), "[[rules]]\nid = \"insult/profanity\"\naction = \"review\"\n".to_string());
    let second = ("twee.toml".to_string(), "[[rules]]\nid = \"insult/profanity\"\naction = \"redirect\"\n".to_string());
    let e = Engine::with_options(&EngineOptions { packs: vec![first, second], ..options() }).unwrap();
    assert_eq!(check(&e, "klootzak").action, Action::Redirect);
}

/// The default pack's regexes are parsed on first use, not when the engine is built: every one of
/// them must compile.
#[test]
fn every_default_pattern_compiles() {
    let bad = Engine::new().expect("default pack").uncompilable_patterns();
    assert!(bad.is_empty(), "patterns that do not compile:\n{}", bad.join("\n"));
}

/// Trigger conditions only skip work: on every corpus line and benchmark comment, each pattern
/// that matches was woken by its triggers.
#[test]
fn triggers_never_hide_a_match() {
    let engine = Engine::new().expect("default pack");
    let mut texts: Vec<String> = huisregels::bench_corpus::comments(2_000);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for entry in std::fs::read_dir(&dir).expect("tests/corpus") {
        let path = entry.expect("corpus entry").path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            for line in std::fs::read_to_string(&path).expect("corpus file").lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).expect("corpus line");
                texts.push(v["text"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    for text in &texts {
        let missed = engine.unwoken_patterns(text);
        assert!(missed.is_empty(), "{text:?}: {missed:?}");
    }
}

/// Not a check: prints the phrase patterns woken most often on the benchmark corpus, with how
/// often they matched, for tuning trigger words. `cargo test --release --test packs -- --ignored
/// --nocapture wake_counts`.
#[test]
#[ignore = "prints figures for tuning; run by hand"]
fn wake_counts() {
    let engine = Engine::new().expect("default pack");
    // `WAKE_TEXTS=file` (one comment per line) instead of the benchmark's comments.
    let texts = match std::env::var("WAKE_TEXTS") {
        Ok(path) => std::fs::read_to_string(path).expect("read WAKE_TEXTS").lines().map(str::to_string).collect(),
        Err(_) => huisregels::bench_corpus::comments(5_000),
    };
    let counts = engine.pattern_wake_counts(&texts);
    let woken: usize = counts.iter().map(|c| c.1).sum();
    println!("{} comments, {woken} patterns woken ({:.2} per comment)", texts.len(), woken as f64 / texts.len() as f64);
    // `WAKE_TOP=n` prints the n patterns woken most (40 unless told).
    let top = std::env::var("WAKE_TOP").ok().and_then(|n| n.parse().ok()).unwrap_or(40);
    for (pattern, w, m) in counts.iter().take(top) {
        println!("{w:>6} woken {m:>6} matched  {pattern}");
    }
}

/// For tuning: which phrase patterns match each line of the file named by `EXPLAIN` (one comment
/// per line). `EXPLAIN=lines.txt cargo test --release --test packs -- --ignored --nocapture explain`.
#[test]
#[ignore = "prints matches for tuning; run by hand"]
fn explain() {
    let Ok(path) = std::env::var("EXPLAIN") else { return };
    let engine = Engine::new().expect("default pack");
    for line in std::fs::read_to_string(path).expect("read EXPLAIN").lines().filter(|l| !l.trim().is_empty()) {
        println!("{line}");
        for m in engine.pattern_matches(line) {
            println!("    {m}");
        }
    }
}

#[test]
fn typos_in_the_words_a_pack_names_are_seen_through() {
    let e = engine();
    for text in ["Ik haat mosilms.", "ik haat vluchtlingen", "Ik walg van al die marokanen"] {
        assert!(e.check(text).unwrap().findings.iter().any(|f| f.category == Category::Discrimination), "{text}");
    }
    // A right spelling of another word stays itself.
    for text in ["Ik haat zwarte auto's met getinte ruiten", "Ik haat mijn wekker"] {
        assert_eq!(e.check(text).unwrap().action, Action::Allow, "{text}");
    }
    // A user pack adds words.
    let source = "typos = [\"ratelslangen\"]\n[[rules]]\nid = \"discrimination/snakes\"\npatterns = ['\\bdie ratelslangen\\b']\n";
    let user = with_pack("typos.toml", source).unwrap();
    assert_eq!(user.check("die ratelsalngen").unwrap().action, Action::Remove);
    assert_eq!(engine().check("die ratelsalngen").unwrap().action, Action::Allow);
}

/// A pattern that cannot match across a sentence end runs only on the sentences that hold all its
/// trigger words; one that can (here `[^\n]`) still finds its match across sentences. Both find
/// every match, also several in one text and one right after a sentence end.
#[test]
fn patterns_run_on_the_sentences_their_trigger_words_are_in() {
    let source = "[[rules]]\nid = \"report/test-local\"\npatterns = ['\\bzorblax\\b[^.!?\\n]{0,30}\\bquuxen\\b']\n\
                  [[rules]]\nid = \"report/test-wide\"\npatterns = ['\\bflimwax\\b[^\\n]{0,60}\\bplonkt\\b']\n";
    let e = with_pack("stretch.toml", source).unwrap();
    let ids = |text: &str| -> Vec<String> { check(&e, text).findings.iter().map(|f| f.rule.clone()).collect() };
    assert!(ids("Mijn zorblax is quuxen.").contains(&"report/test-local".to_string()));
    assert!(ids("Ha. Mijn zorblax werd gisteren quuxen! En nog een zorblax quuxen?").contains(&"report/test-local".to_string()));
    let spans: Vec<(usize, usize)> = check(&e, "Ha. Mijn zorblax quuxen! Nog een zorblax quuxen?")
        .findings
        .iter()
        .filter(|f| f.rule == "report/test-local")
        .map(|f| (f.start, f.end))
        .collect();
    assert_eq!(spans, vec![(9, 23), (33, 47)]);
    // The words in two sentences: no match is possible, and none is found.
    assert!(!ids("Mijn zorblax staat buiten. Mijn auto is quuxen.").contains(&"report/test-local".to_string()));
    // A pattern that may cross a sentence end still does.
    assert!(ids("Mijn flimwax stond hier. Nu is hij plonkt").contains(&"report/test-wide".to_string()));
    assert!(engine().unwoken_patterns("Mijn zorblax is quuxen. Mijn flimwax. Kwijt!").is_empty());
}

/// The forms of the tenth round, in sentences of their own (not the corpus's): a group that does
/// not belong, aversion, "can never", neighbours refused, violence against a group's members
/// (both a threat and discrimination), and hate prefaced by a denial of racism; the counter-speech
/// and neutral sentences beside them pass.
#[test]
fn hate_said_as_belonging_aversion_or_violence_against_a_group() {
    let e = engine();
    let cats = |text: &str| e.check(text).unwrap().findings.iter().map(|f| f.category).collect::<Vec<_>>();
    for text in [
        "Joden horen gewoon niet thuis in ons land.",
        "Die Roma in onze straat horen hier gewoon niet thuis.",
        "Ik heb een gruwelijke hekel aan vluchtelingen.",
        "Marokkanen zullen nooit iets bereiken hier.",
        "Wij willen geen Turkse buren in onze straat, ik zou nooit een Turks gezin als buur willen.",
        "Ik ben geen racist, maar moslims zijn gewoon gevaarlijk, geen racisme hoor.",
    ] {
        assert!(cats(text).contains(&Category::Discrimination), "{text}");
    }
    let both = cats("We gaan die asielzoekers eens goed in elkaar slaan.");
    assert!(both.contains(&Category::Threat) && both.contains(&Category::Discrimination), "{both:?}");
    for text in [
        "Wie zegt dat moslims hier niet thuishoren, is gewoon racistisch.",
        "Vluchtelingen horen niet op straat te slapen, zorg voor opvang.",
        "Die Turkse bakker in onze straat is de beste van Gent.",
        "Racisme tegen Marokkanen is een probleem in Gent, dat zeggen de cijfers.",
        "Die zware jongens moeten het land uit, het zijn criminelen.",
        "Die vouwen in mijn hemd zijn lelijk.",
    ] {
        assert!(!cats(text).contains(&Category::Discrimination), "{text}");
    }
}

/// Hate said without a slur, in forms a keyword list misses: a disliked group put first, negated
/// positives, opinions, a group named and then what "they" are, implicit derogation, violence
/// against a group or its places. Each with a look-alike that must pass.
#[test]
fn hate_in_the_construction_not_in_a_word() {
    let e = engine();
    let flagged = |text: &str| e.check(text).unwrap().findings.iter().any(|f| f.category == Category::Discrimination);
    for text in [
        "Vluchtelingen staan me echt tegen.",
        "Roemenen kan ik nie uitstaan.",
        "Van die Afghanen word ik kotsmisselijk.",
        "Ik heb nog nooit een fatsoenlijke Turk ontmoet.",
        "Homo's zijn geen normale ouders.",
        "Asielzoekers verdienen geen enkel respect.",
        "Ik vind dat moslims niet mogen stemmen.",
        "Ik ken een paar Marokkanen. Ze zijn allemaal dieven.",
        "Een Roma als buurvrouw? Nee, nooit.",
        "Sinds die Polen hier wonen durf ik niet meer buiten.",
        "Tijd om al die migranten eens op te ruimen.",
        "Steek dat asielcentrum toch in brand.",
    ] {
        assert!(flagged(text), "{text}");
    }
    for text in [
        "Vluchtelingen staan er vaak alleen voor.",
        "Ik heb nog nooit een fatsoenlijke uitleg gekregen van de stad.",
        "Homo's zijn ook gewoon ouders.",
        "Ik ken een paar Marokkanen. Ze zijn allemaal behulpzaam.",
        "Sinds die Polen hier wonen is het café weer open.",
        "De moskee aan de Sleepstraat is gisteren in brand gevlogen, vreselijk nieuws.",
        "Ik zie die vluchtelingen niet graag vertrekken.",
        "Dat 'joden hebben alle macht'-verhaal is een oude complottheorie.",
    ] {
        assert!(!flagged(text), "{text}");
    }
    assert_eq!(check(e, "Hopelijk sterft die agent.").action, Action::Remove);
    assert_eq!(check(e, "Ik hoop dat niemand sterft bij die brand.").action, Action::Allow);
    assert_eq!(check(e, "Ik haat mensen die hun afval in de Leie gooien.").action, Action::Allow);
}
