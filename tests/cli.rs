//! The command-line contract of DESIGN.md, run against the built binary.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::OnceLock;
use std::time::Duration;

use huisregels::{Engine, MAX_TEXT_BYTES};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_huisregels");

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("the default pack must build"))
}

/// Starts the binary with `args` and every standard stream piped.
fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the huisregels binary")
}

/// Runs the binary with `args`, feeding `stdin` from a thread (so large inputs cannot deadlock).
fn run(args: &[&str], stdin: impl Into<Vec<u8>>) -> Output {
    let mut child = spawn(args);
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.into();
    let writer = std::thread::spawn(move || {
        // The binary may stop reading (usage error); a broken pipe here is not the test's business.
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().expect("wait for huisregels");
    writer.join().expect("stdin writer");
    out
}

fn stdout_of(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
fn json_lines(out: &Output) -> Vec<Value> {
    stdout_of(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("stdout line is not JSON ({e}): {l:?}")))
        .collect()
}

#[track_caller]
fn assert_no_panic(out: &Output) {
    let err = stderr_of(out);
    assert!(!err.contains("panicked"), "the binary panicked:\n{err}");
}

/// A file under the temp dir with a unique name, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: impl AsRef<[u8]>) -> TempFile {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("huisregels-cli-{}-{n}-{name}", std::process::id()));
        std::fs::write(&path, contents).expect("write temp file");
        TempFile(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().expect("temp path is UTF-8")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

const FINDING_FIELDS: [&str; 8] = ["rule", "category", "action", "start", "end", "excerpt", "message", "advice"];

/// The CLI line agrees with the library on the same text (same actions, findings, offsets).
#[track_caller]
fn assert_matches_library(line: &Value, text: &str) {
    let v = engine().check(text).expect("library check");
    assert_eq!(line["action"], json!(v.action.as_str()), "text {text:?}: {line}");
    assert_eq!(line["findings"], serde_json::to_value(&v.findings).unwrap(), "text {text:?}");
    for f in line["findings"].as_array().expect("findings is an array") {
        let keys: Vec<&str> = f.as_object().expect("finding object").keys().map(String::as_str).collect();
        let mut want = FINDING_FIELDS.to_vec();
        want.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(got, want, "finding fields of DESIGN.md");
    }
}

// ---------------------------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------------------------

#[test]
fn check_gives_one_verdict_per_input_line() {
    let texts = ["Goed gedaan, bedankt!", "Jij klootzak", "", "Bel mij op 0475 12 34 56 😀", "é😀 kankerflikken"];
    let out = run(&["check"], texts.join("\n") + "\n");
    assert_no_panic(&out);
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), stderr_of(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), texts.len(), "one output line per input line, blank lines included");
    for (line, text) in lines.iter().zip(texts) {
        assert!(line.get("id").is_none(), "no id in plain mode: {line}");
        assert!(line["action"].is_string() && line["findings"].is_array(), "{line}");
        assert_matches_library(line, text);
    }
    assert_eq!(lines[0]["action"], "allow");
    assert_eq!(lines[1]["action"], "remove");
    assert_eq!(lines[1]["findings"][0]["rule"], "insult/profanity");
    assert_eq!(lines[3]["findings"][0]["excerpt"], "0475 12 34 56");
    // Byte offsets, as in the Rust library: "é😀 " is 7 bytes.
    assert_eq!(lines[4]["findings"][0]["start"], 7);
}

#[test]
fn check_reads_a_file_or_dash_and_strips_crlf() {
    let file = TempFile::new("in.txt", "Jij klootzak\r\nGoed gedaan\r\n");
    let out = run(&["check", file.path()], "");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["findings"][0]["excerpt"], "klootzak", "the CR is not part of the comment");
    assert_eq!(lines[1]["action"], "allow");

    let out = run(&["check", "-"], "Jij klootzak\n");
    assert_eq!(json_lines(&out)[0]["action"], "remove");

    // No newline at the end of the input: the last line still counts.
    let out = run(&["check"], "Goed gedaan\nJij klootzak");
    assert_eq!(json_lines(&out).len(), 2);
}

#[test]
fn check_jsonl_echoes_ids_unchanged_and_ignores_unknown_fields() {
    let ids = [
        json!(1),
        json!(0),
        json!(-42),
        json!(18_446_744_073_709_551_615_u64),
        json!(1.5),
        json!("comment-123_456"),
        json!(""),
        json!("é😀"),
        json!({"post": 12, "comment": [1, 2, {"x": null}]}),
        json!([1, "a"]),
        json!(true),
        json!(null),
    ];
    let mut input = String::new();
    for (i, id) in ids.iter().enumerate() {
        let text = if i % 2 == 0 { "Jij klootzak" } else { "Goed gedaan" };
        // Unknown fields before and after, and the text before the id once.
        if i == 3 {
            let _ = writeln!(input, "{{\"text\": {}, \"author\": \"x\", \"id\": {id}}}", json!(text));
        } else {
            let _ = writeln!(input, "{{\"id\": {id}, \"lang\": \"nl\", \"text\": {}, \"meta\": {{\"likes\": 3}}}}", json!(text));
        }
    }
    let out = run(&["check", "--jsonl"], input);
    assert_no_panic(&out);
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), stderr_of(&out));
    let raw = stdout_of(&out);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), ids.len());
    for (i, (line, id)) in lines.iter().zip(&ids).enumerate() {
        assert_eq!(&line["id"], id, "id echoed unchanged on line {}", i + 1);
        let want = if i % 2 == 0 { "remove" } else { "allow" };
        assert_eq!(line["action"], want, "{line}");
        assert!(line.get("error").is_none() && line.get("lang").is_none() && line.get("meta").is_none(), "{line}");
    }
    assert!(raw.contains("18446744073709551615"), "a u64 id keeps its digits");
}

#[test]
fn check_jsonl_bad_lines_fail_alone() {
    let input = [
        r#"{"id": 1, "text": "Goed gedaan"}"#,
        r#"{"id": 2, "text": "oops"#,
        r#"{"id": 3, "text": "ab\ud800cd"}"#,
        r#"{"id": 4, "text": "Jij klootzak"}"#,
        r#"{"id": 5}"#,
        r#"{"id": 6, "text": 42}"#,
        "[1, 2]",
        r#"{"id": "acht", "text": "Bel 0475 12 34 56"}"#,
    ]
    .join("\n")
        + "\n";
    let out = run(&["check", "--jsonl"], input);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "a failed line gives exit code 1");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 8, "one output line per input line:\n{}", stdout_of(&out));
    for (i, want) in [(0, "allow"), (3, "remove"), (7, "remove")] {
        assert_eq!(lines[i]["action"], want, "{}", lines[i]);
        assert!(lines[i].get("error").is_none());
    }
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[3]["id"], 4);
    assert_eq!(lines[7]["id"], "acht");
    for i in [1, 2, 4, 5, 6] {
        let e = lines[i]["error"].as_str().unwrap_or_else(|| panic!("line {} needs an error: {}", i + 1, lines[i]));
        assert!(!e.is_empty());
        assert!(lines[i].get("findings").is_none(), "{}", lines[i]);
    }
    // Parsed objects keep their id even when the text is bad.
    assert_eq!(lines[4]["id"], 5);
    assert_eq!(lines[5]["id"], 6);
    assert!(lines[4]["error"].as_str().unwrap().contains("text"), "{}", lines[4]);
    let err = stderr_of(&out);
    for n in [2, 3, 5, 6, 7] {
        assert!(err.contains(&format!("line {n}")), "stderr should name line {n}:\n{err}");
    }
    assert!(!err.contains("line 1:") && !err.contains("line 4:"), "good lines are not errors:\n{err}");
}

/// When the id cannot be read (broken JSON, a lone surrogate escape), the error line must still
/// say which input it belongs to: the id, or else the line number.
#[test]
fn check_jsonl_error_lines_say_which_input_failed() {
    let input = "{\"id\": 1, \"text\": \"ok\"}\n{\"id\": 2, \"text\": \"oops\n{\"id\": 3, \"text\": \"ab\\ud800cd\"}\n";
    let out = run(&["check", "--jsonl"], input);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    for (i, n) in [(1, 2), (2, 3)] {
        let line = &lines[i];
        assert!(line["error"].is_string(), "{line}");
        assert!(line["id"] == json!(n) || line["line"] == json!(n), "error line for input line {n} names neither its id nor its line: {line}");
    }
}

#[test]
fn check_plain_bad_lines_fail_alone() {
    let mut input: Vec<u8> = Vec::new();
    input.extend_from_slice(b"Goed gedaan\n");
    input.extend_from_slice(b"\xff\xfe niet UTF-8\n");
    input.extend_from_slice(b"Jij klootzak\n");
    input.extend_from_slice(b"met een \0 erin\n");
    input.extend_from_slice("a".repeat(1_000_000).as_bytes());
    input.extend_from_slice(b"\nBel 0475 12 34 56\n");
    let out = run(&["check"], input);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 6, "{}", stdout_of(&out));
    assert_eq!(lines[0]["action"], "allow");
    assert_eq!(lines[2]["action"], "remove");
    assert_eq!(lines[5]["action"], "remove");
    for (i, n) in [(1, 2), (3, 4), (4, 5)] {
        assert!(lines[i]["error"].is_string(), "{}", lines[i]);
        assert_eq!(lines[i]["line"], n, "{}", lines[i]);
    }
    let err = stderr_of(&out);
    assert!(err.contains("line 2") && err.contains("UTF-8"), "{err}");
    assert!(err.contains("line 4") && err.contains("NUL"), "{err}");
    assert!(err.contains("line 5") && err.contains(&MAX_TEXT_BYTES.to_string()), "{err}");
}

#[test]
fn check_with_a_bad_pack_exits_2_and_names_file_and_line() {
    let cases = [
        ("unknown-field.toml", "# lokaal\n[[rules]]\nid = \"insult/profanity\"\nwordz = [\"x\"]\n", 4),
        ("syntax.toml", "[[rules]\nid = \"insult/x\"\n", 1),
        ("regex.toml", "\n\n[[rules]]\nid = \"insult/lokaal\"\npatterns = [\"(\"]\n", 4),
        ("prefix.toml", "[[rules]]\nid = \"scheld/lokaal\"\n", 2),
    ];
    for (name, source, line) in cases {
        let pack = TempFile::new(name, source);
        let out = run(&["check", "--pack", pack.path()], "Jij klootzak\n");
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr_of(&out));
        assert!(out.stdout.is_empty(), "{name}: no verdicts with a broken pack");
        let err = stderr_of(&out);
        assert!(err.contains(&format!("{}:{line}:", pack.path())), "{name}: stderr should name {}:{line}:\n{err}", pack.path());
    }
    let out = run(&["check", "--pack", "/nonexistent/huisregels-pack.toml"], "x\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("/nonexistent/huisregels-pack.toml"), "{}", stderr_of(&out));
}

#[test]
fn check_with_a_good_pack_uses_it() {
    let pack = TempFile::new("lokaal.toml", "allow = [\"klootzak\"]\n[[rules]]\nid = \"insult/lokaal\"\nwords = [\"snurfel\"]\n");
    let out = run(&["check", "--pack", pack.path()], "Jij snurfel\nJij klootzak\n");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let lines = json_lines(&out);
    assert_eq!(lines[0]["findings"][0]["rule"], "insult/lokaal");
    assert_eq!(lines[1]["action"], "allow");
}

// ---------------------------------------------------------------------------------------------
// eval, rules, usage
// ---------------------------------------------------------------------------------------------

#[test]
fn eval_prints_the_table() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/tuning.jsonl");
    let out = run(&["eval", corpus], "");
    assert_no_panic(&out);
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.contains("micro F1"), "{text}");
    for word in ["precision", "recall", "insult", "personal-data", "private-message", "media", "lines: "] {
        assert!(text.contains(word), "table lacks {word:?}:\n{text}");
    }
}

#[test]
fn eval_reports_bad_corpus_lines_and_goes_on() {
    let corpus = TempFile::new(
        "corpus.jsonl",
        "{\"text\": \"Jij klootzak\", \"expect\": [\"insult\"]}\n{\"text\": \"kapot\n{\"text\": \"x\", \"expect\": [\"belediging\"]}\n{\"text\": \"Goed gedaan\", \"expect\": [\"none\"]}\n",
    );
    let out = run(&["eval", corpus.path()], "");
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "read errors give a non-zero exit");
    let err = stderr_of(&out);
    assert!(err.contains(&format!("{}:2:", corpus.path())), "{err}");
    assert!(err.contains(&format!("{}:3:", corpus.path())) && err.contains("belediging"), "{err}");
    assert!(stdout_of(&out).contains("lines: 2"), "{}", stdout_of(&out));
}

#[test]
fn eval_needs_a_corpus() {
    let out = run(&["eval"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr_of(&out).is_empty());
    let out = run(&["eval", "/nonexistent/corpus.jsonl"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("/nonexistent/corpus.jsonl"));
}

#[test]
fn rules_prints_one_json_line_per_rule() {
    let out = run(&["rules"], "");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let lines = json_lines(&out);
    let lib = engine().rules();
    assert_eq!(lines.len(), lib.len());
    for (line, rule) in lines.iter().zip(&lib) {
        assert_eq!(line["id"], rule.id.as_str());
        assert_eq!(line["category"], rule.category.as_str());
        assert_eq!(line["action"], rule.action.as_str());
        assert_eq!(line["houseRule"], rule.house_rule.as_str());
        assert!(line["examples"]["flags"].is_array() && line["examples"]["allows"].is_array(), "{line}");
        assert_eq!(line, &serde_json::to_value(rule).unwrap());
    }
    let pack = TempFile::new("rules.toml", "[[rules]]\nid = \"insult/lokaal\"\nwords = [\"snurfel\"]\n");
    let out = run(&["rules", "--pack", pack.path()], "");
    let ids: Vec<String> = json_lines(&out).iter().map(|l| l["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), lib.len() + 1);
    assert!(ids.contains(&"insult/lokaal".to_string()));
}

#[test]
fn usage_errors_exit_2() {
    for args in [&[][..], &["klets"][..], &["check", "--onbekend"][..], &["check", "--pack"][..]] {
        let out = run(args, "");
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "args {args:?}");
        assert!(stderr_of(&out).contains("usage"), "args {args:?}: {}", stderr_of(&out));
        assert!(out.stdout.is_empty(), "args {args:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Streaming and closed pipes
// ---------------------------------------------------------------------------------------------

const STREAM_LINES: usize = 200_000;
const FIRST_BATCH: usize = 5_000;

/// Input line `i` and the action it must get (no free numbers: "1312" is a slur code).
fn stream_line(i: usize) -> (&'static str, &'static str) {
    const LINES: [(&str, &str); 5] = [
        ("Goed gedaan, bedankt", "allow"),
        ("Jij klootzak", "remove"),
        ("Bel mij op 0475 12 34 56", "remove"),
        ("bedankt 👍🏽", "allow"),
        ("Waar kan ik mijn fiets laten graveren?", "allow"),
    ];
    LINES[i % LINES.len()]
}

/// 200,000 lines through stdin while the output is read concurrently. The writer sends a first
/// batch and only goes on once a verdict has come out: a `check` that read all input before
/// answering would never produce that verdict. (The wait has a generous deadlock guard so a
/// broken build fails instead of hanging; it is not a speed requirement.)
#[test]
fn check_streams_200000_lines() {
    let mut child = spawn(&["check"]);
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let (first_tx, first_rx) = mpsc::channel::<()>();
    let writer = std::thread::spawn(move || -> Result<bool, String> {
        let mut w = std::io::BufWriter::new(&mut stdin);
        for i in 0..FIRST_BATCH {
            writeln!(w, "{}", stream_line(i).0).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
        let streamed = first_rx.recv_timeout(Duration::from_secs(600)).is_ok();
        for i in FIRST_BATCH..STREAM_LINES {
            writeln!(w, "{}", stream_line(i).0).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
        drop(w);
        drop(stdin);
        Ok(streamed)
    });
    let mut count = 0usize;
    let mut wrong = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("read stdout");
        if count == 0 {
            let _ = first_tx.send(());
        }
        let v: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("line {}: not JSON ({e}): {line}", count + 1));
        let want = stream_line(count).1;
        if v["action"] != want && wrong.len() < 5 {
            wrong.push(format!("line {}: expected {want}, got {line}", count + 1));
        }
        count += 1;
    }
    let streamed = writer.join().expect("writer thread").expect("write stdin");
    let status = child.wait().expect("wait");
    let err = err_reader.join().expect("stderr reader");
    assert!(status.success(), "exit {:?}: {err}", status.code());
    assert!(streamed, "no verdict came out after {FIRST_BATCH} lines: `check` does not stream");
    assert_eq!(count, STREAM_LINES, "one output line per input line");
    assert!(wrong.is_empty(), "verdicts out of order:\n{}", wrong.join("\n"));
}

/// `huisregels check | head -1`: the reader goes away; that is an error, not a panic.
fn run_with_closed_stdout(args: &[&str], stdin: &str) -> (Option<i32>, String) {
    let mut child = spawn(args);
    // Close our end of stdout before the binary can write anything: it is still waiting for input.
    drop(child.stdout.take());
    let mut input = child.stdin.take().expect("stdin");
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    let mut err = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut err).expect("read stderr");
    let status = child.wait().expect("wait");
    (status.code(), err)
}

#[test]
fn closed_stdout_is_not_a_panic() {
    let lines = "Jij klootzak\n".repeat(2_000);
    let (code, err) = run_with_closed_stdout(&["check"], &lines);
    assert!(!err.contains("panicked"), "check panicked on a closed pipe:\n{err}");
    assert_ne!(code, None, "killed by a signal: {err}");

    let corpus = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/tuning.jsonl")).unwrap();
    let (code, err) = run_with_closed_stdout(&["eval", "/dev/stdin"], &corpus);
    assert!(!err.contains("panicked"), "eval panicked on a closed pipe:\n{err}");
    assert_ne!(code, None, "killed by a signal: {err}");
}
