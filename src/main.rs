//! `huisregels`: the command-line face of the engine.
//!
//! ```text
//! huisregels check [--pack FILE]... [--jsonl] [FILE|-]   one verdict per input line (JSON lines)
//! huisregels eval [--pack FILE]... CORPUS.jsonl          precision, recall, misses
//! huisregels rules [--pack FILE]...                      every rule as JSON lines
//! huisregels bench-corpus [--count N]                    the benchmark comments, one per line
//! huisregels bench [--count N]                           native throughput as JSON
//! ```
//! Input is streamed line by line; a bad line gives an error line for that line and the batch
//! goes on; the exit code is 1 when any line failed, 2 for a usage or pack error.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use huisregels::{bench_corpus, eval, Engine, EngineOptions};

use serde_json::{json, Value};

const USAGE: &str = "usage:
  huisregels check [--pack FILE]... [--jsonl] [FILE|-]
      one comment per line (or {\"id\":..,\"text\":..} lines with --jsonl); one JSON verdict per line
  huisregels eval [--pack FILE]... CORPUS.jsonl
      corpus lines {\"text\":..,\"expect\":[\"insult\",..]} or [\"none\"]; prints precision, recall, misses
  huisregels rules [--pack FILE]...
      every rule with its house rule, messages and examples, as JSON lines
  huisregels bench-corpus [--count N]
  huisregels bench [--count N]";

struct Args {
    command: String,
    packs: Vec<String>,
    jsonl: bool,
    count: usize,
    input: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let command = it.next().ok_or("no command given")?;
    let mut args = Args { command, packs: Vec::new(), jsonl: false, count: 10_000, input: None };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--pack" => args.packs.push(it.next().ok_or("--pack needs a FILE")?),
            "--jsonl" => args.jsonl = true,
            "--count" => {
                let n = it.next().ok_or("--count needs a number")?;
                args.count = n.parse().map_err(|_| format!("--count: `{n}` is not a number"))?;
            }
            "-h" | "--help" => return Err(String::new()),
            _ if args.input.is_none() && (a == "-" || !a.starts_with('-')) => args.input = Some(a),
            _ => return Err(format!("unknown argument `{a}`")),
        }
    }
    Ok(args)
}

fn build_engine(packs: &[String]) -> Result<Engine, String> {
    let mut options = EngineOptions::default();
    for path in packs {
        let source = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read the pack: {e}"))?;
        options.packs.push((path.clone(), source));
    }
    Engine::with_options(&options).map_err(|e| e.to_string())
}

fn open_input(input: Option<&str>) -> Result<Box<dyn BufRead>, String> {
    match input {
        None | Some("-") => Ok(Box::new(BufReader::new(io::stdin()))),
        Some(path) => {
            let f = File::open(path).map_err(|e| format!("{path}: {e}"))?;
            Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
        }
    }
}

/// Reads one line as raw bytes (so invalid UTF-8 is an error for that line only), without the
/// line ending. `None` at end of input.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<Option<Result<String, String>>> {
    buf.clear();
    if reader.read_until(b'\n', buf)? == 0 {
        return Ok(None);
    }
    while buf.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
        buf.pop();
    }
    Ok(Some(String::from_utf8(buf.clone()).map_err(|e| format!("the line is not valid UTF-8 ({e})"))))
}

fn check(args: &Args) -> Result<bool, String> {
    let engine = build_engine(&args.packs)?;
    let mut reader = open_input(args.input.as_deref())?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut buf = Vec::new();
    let mut n = 0usize;
    let mut failed = false;
    while let Some(line) = read_line(&mut *reader, &mut buf).map_err(|e| e.to_string())? {
        n += 1;
        let (id, text) = match (args.jsonl, line) {
            (_, Err(e)) => (Value::Null, Err(e)),
            (false, Ok(t)) => (Value::Null, Ok(t)),
            (true, Ok(t)) if t.trim().is_empty() => continue,
            (true, Ok(t)) => parse_jsonl(&t),
        };
        let result = text.and_then(|t| engine.check(&t).map_err(|e| e.to_string()));
        let written = match (result, args.jsonl) {
            (Ok(v), true) => serde_json::to_writer(&mut out, &Line { id: Some(&id), action: v.action, findings: &v.findings }),
            (Ok(v), false) => serde_json::to_writer(&mut out, &Line { id: None, action: v.action, findings: &v.findings }),
            (Err(e), jsonl) => {
                failed = true;
                eprintln!("line {n}: {e}");
                let value = if jsonl { json!({"id": id, "line": n, "error": e}) } else { json!({"line": n, "error": e}) };
                serde_json::to_writer(&mut out, &value)
            }
        };
        written.map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(!failed)
}

/// One output line of `check`, fields in the order of DESIGN.md.
#[derive(serde::Serialize)]
struct Line<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    action: huisregels::Action,
    findings: &'a [huisregels::Finding],
}

/// `{"id": ..., "text": ...}`; unknown fields are ignored, the id is echoed unchanged.
fn parse_jsonl(line: &str) -> (Value, Result<String, String>) {
    match serde_json::from_str::<Value>(line) {
        Err(e) => (Value::Null, Err(format!("not a JSON object ({e})"))),
        Ok(Value::Object(mut map)) => {
            let id = map.remove("id").unwrap_or(Value::Null);
            match map.remove("text") {
                Some(Value::String(t)) => (id, Ok(t)),
                Some(_) => (id, Err("field `text` must be a string".into())),
                None => (id, Err("field `text` is missing".into())),
            }
        }
        Ok(_) => (Value::Null, Err("expected a JSON object {\"id\": ..., \"text\": ...}".into())),
    }
}

fn run_eval(args: &Args) -> Result<bool, String> {
    let engine = build_engine(&args.packs)?;
    let path = args.input.as_deref().ok_or("eval needs a CORPUS.jsonl file")?;
    let mut reader = open_input(Some(path))?;
    let mut buf = Vec::new();
    let mut lines = Vec::new();
    while let Some(line) = read_line(&mut *reader, &mut buf).map_err(|e| e.to_string())? {
        lines.push(line.unwrap_or_default());
    }
    let report = eval::evaluate(&engine, lines);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    // A closed pipe (`| head`) ends the listing quietly.
    let _ = (|| -> io::Result<()> {
        write!(out, "{}", report.table())?;
        if !report.misses.is_empty() {
            writeln!(out, "\nmisses:")?;
            for m in &report.misses {
                writeln!(out, "  {path}:{}: expected {:?}, found {:?}: {}", m.line, m.expected, m.found, m.text)?;
            }
        }
        out.flush()
    })();
    for (line, e) in &report.errors {
        eprintln!("{path}:{line}: {e}");
    }
    Ok(report.errors.is_empty())
}

fn rules(args: &Args) -> Result<bool, String> {
    let engine = build_engine(&args.packs)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for r in engine.rules() {
        serde_json::to_writer(&mut out, &r).map_err(|e| e.to_string())?;
        writeln!(out).map_err(|e| e.to_string())?;
    }
    Ok(true)
}

fn bench(args: &Args) -> Result<bool, String> {
    let comments = bench_corpus::comments(args.count);
    let bytes: usize = comments.iter().map(String::len).sum();
    let t = Instant::now();
    let engine = Engine::new().map_err(|e| e.to_string())?;
    let build_ms = t.elapsed().as_secs_f64() * 1000.0;
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let mut flagged = 0usize;
        for c in &comments {
            if engine.check(c).map_err(|e| e.to_string())?.action != huisregels::Action::Allow {
                flagged += 1;
            }
        }
        std::hint::black_box(flagged);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let out = json!({
        "comments": comments.len(),
        "comments_per_sec": comments.len() as f64 / best,
        "mb_per_sec": bytes as f64 / best / 1e6,
        "build_ms": build_ms,
    });
    println!("{out}");
    Ok(true)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("huisregels: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match args.command.as_str() {
        "check" => check(&args),
        "eval" => run_eval(&args),
        "rules" => rules(&args),
        "bench" => bench(&args),
        "bench-corpus" => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            for c in bench_corpus::comments(args.count) {
                let _ = writeln!(out, "{c}");
            }
            Ok(true)
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    // Keep stdin drained errors from surfacing as panics on closed pipes.
    let _ = io::stdin().read(&mut []);
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("huisregels: {e}");
            ExitCode::from(2)
        }
    }
}
