//! `cargo bench`: throughput of the engine on 10,000 deterministic realistic comments, next to the
//! best local peer (`rustrict`) on the same comments, and the time to build the engine.
//! Prints figures; nothing here fails on a slow machine. Only the ratio is meaningful on a noisy
//! shared machine.

use std::hint::black_box;
use std::time::Instant;

use huisregels::{bench_corpus, Action, Engine};

fn best_of<F: FnMut() -> usize>(runs: usize, mut f: F) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn main() {
    let comments = bench_corpus::comments(10_000);
    let bytes: usize = comments.iter().map(String::len).sum();
    println!("corpus: {} comments, {:.2} MB, {}..{} bytes", comments.len(), bytes as f64 / 1e6,
        comments.iter().map(String::len).min().unwrap_or(0), comments.iter().map(String::len).max().unwrap_or(0));

    let mut builds = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        black_box(Engine::new().expect("default pack"));
        builds.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    builds.sort_by(f64::total_cmp);
    println!("engine build (default pack): median {:.2} ms, min {:.2} ms  (target < 20 ms)", builds[builds.len() / 2], builds[0]);

    let engine = Engine::new().expect("default pack");
    // The word and trigger automata are built on the first search, not with the engine.
    let t = Instant::now();
    black_box(engine.check("hallo").ok());
    println!("first check of a one-word text (builds the word and trigger automata): {:.2} ms", t.elapsed().as_secs_f64() * 1000.0);
    // Warm up.
    for c in &comments {
        black_box(engine.check(c).ok());
    }
    let ours = best_of(7, || comments.iter().filter(|c| engine.check(c).map(|v| v.action != Action::Allow).unwrap_or(false)).count());
    let flagged = comments.iter().filter(|c| engine.check(c).map(|v| v.action != Action::Allow).unwrap_or(false)).count();
    let peer = best_of(7, || comments.iter().filter(|c| rustrict::CensorStr::is_inappropriate(c.as_str())).count());
    let peer_flagged = comments.iter().filter(|c| rustrict::CensorStr::is_inappropriate(c.as_str())).count();

    let cps = comments.len() as f64 / ours;
    println!("huisregels: {:>10.0} comments/s  {:>7.1} MB/s  ({flagged} flagged)  (target >= 250,000 comments/s)", cps, bytes as f64 / ours / 1e6);
    println!("rustrict:   {:>10.0} comments/s  {:>7.1} MB/s  ({peer_flagged} flagged)", comments.len() as f64 / peer, bytes as f64 / peer / 1e6);
    println!("ratio huisregels / rustrict: {:.1}x  (target >= 10x)", peer / ours);
}
