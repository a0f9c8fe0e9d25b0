// Benchmark of the engine in Chromium (prints figures; not a test).
//
//   node tests/www/bench.mjs [--count 10000] [--json]
//
// Reports: .wasm size (raw, gzipped), start-up (compile + instantiate + new Engine from the
// module's bytes, median of fresh pages; the fetch, the first check and the streamed load beside it),
// check latency for a 2,000-character Dutch draft (p50/p95 over 1,000 checks), throughput
// (comments/s, MB/s of UTF-8) on a deterministic corpus, and the native figures next to them
// when target/release/huisregels exists. Needs www/pkg/ (bash scripts/build.sh).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { LAUNCH } from './helpers.mjs';
import { startServer, WWW } from './server.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NATIVE = `${ROOT}target/release/huisregels`;
const args = process.argv.slice(2);
const COUNT = Number(args[args.indexOf('--count') + 1]) || 10_000;
const JSON_OUT = args.includes('--json');
const STARTUP_RUNS = 11;
const LATENCY_RUNS = 1_000;

const TARGETS = {
  gzipKB: 350, startupMs: 30, p95Ms: 2, nativeRatio: 0.5,
};

const www = process.env.HUISREGELS_WWW ?? WWW;
const wasmPath = `${www}/pkg/huisregels_bg.wasm`;
if (!existsSync(wasmPath)) {
  console.error(`${wasmPath} is missing: build it first with bash scripts/build.sh`);
  process.exit(1);
}

// ---------------------------------------------------------------- deterministic corpus

/** mulberry32: a small seeded PRNG, so every run checks the same comments. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CLEAN = [
  'Ik vind dat jullie te traag reageerden op mijn melding.',
  'Bedankt voor de snelle tussenkomst gisteren in de Veldstraat!',
  'Waarom staat er elke ochtend een controle aan de Dampoort?',
  'Goed werk, maar de fietspaden rond het Zuid blijven gevaarlijk.',
  'Ik ben het niet eens met deze aanpak, het lost het probleem niet op.',
  'Is er al meer nieuws over de inbraken in Ledeberg?',
  'Mooie foto van de ruiters op de Korenmarkt.',
  'Kunnen jullie eens komen kijken naar het verkeer aan de schoolpoort?',
  'Het kankeronderzoek in het UZ verdient meer aandacht.',
  'Negeren is soms de beste aanpak, hoera voor de wijkagent.',
  'Hoeveel boetes werden er vorig jaar uitgeschreven voor gsm-gebruik achter het stuur?',
  'Mijn buurman 👍🏽 vindt dat café ‘t Galgenhuisje te veel lawaai maakt na middernacht.',
];
const OFFENDING = [
  'Jullie zijn kankerflikken',
  'Bel me op 0475 12 34 56',
  'Ik wil een klacht indienen tegen die agent',
  'Help, er wordt nu ingebroken bij mijn buren!',
  'Stelletje idioten, ga toch werken.',
  'Mijn adres is Kortrijksesteenweg 12, 9000 Gent.',
  'Koop nu goedkope zonnebrillen op www.super-deals.example!',
  'Die agent is corrupt en steelt van de mensen.',
  'Ik ga die flik zijn kop inslaan.',
  'Mail me op jan.peeters@example.com',
];

function jsCorpus(count) {
  const random = prng(20_240_601);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const parts = [];
    const sentences = 1 + Math.floor(random() * 4);
    for (let s = 0; s < sentences; s += 1) parts.push(random() < 0.3 ? pick(OFFENDING) : pick(CLEAN));
    out.push(parts.join(' '));
  }
  return out;
}

function corpus(count) {
  if (existsSync(NATIVE)) {
    try {
      const text = execFileSync(NATIVE, ['bench-corpus', '--count', String(count)], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
      const lines = text.split('\n').filter((l) => l.length > 0);
      if (lines.length > 0) return { source: `${NATIVE} bench-corpus --count ${count}`, comments: lines };
    } catch {
      // Older CLI without bench-corpus: fall through to the JS corpus.
    }
  }
  return { source: 'deterministic JS corpus (tests/www/bench.mjs)', comments: jsCorpus(count) };
}

/** About 2,000 characters of ordinary Dutch with a few findings in it. */
function draft2000() {
  const random = prng(42);
  let text = '';
  while (text.length < 2000) {
    text += `${random() < 0.15 ? OFFENDING[Math.floor(random() * OFFENDING.length)] : CLEAN[Math.floor(random() * CLEAN.length)]} `;
  }
  return text.slice(0, 2000);
}

function native(count) {
  if (!existsSync(NATIVE)) return { note: 'target/release/huisregels not built' };
  try {
    const out = execFileSync(NATIVE, ['bench', '--count', String(count)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const json = JSON.parse(out.trim().split('\n').pop());
    return { comments_per_sec: json.comments_per_sec, mb_per_sec: json.mb_per_sec };
  } catch (error) {
    return { note: `huisregels bench failed: ${String(error.stderr ?? error.message).trim().split('\n')[0]}` };
  }
}

/** Native and WebAssembly figures only compare when both come from the same build. */
function buildAges() {
  if (!existsSync(NATIVE)) return { note: '' };
  const minutes = (statSync(NATIVE).mtimeMs - statSync(wasmPath).mtimeMs) / 60_000;
  return {
    minutesNativeNewer: +minutes.toFixed(1),
    note: Math.abs(minutes) > 5
      ? `WARNING: the native binary is ${Math.abs(minutes).toFixed(0)} min ${minutes > 0 ? 'newer' : 'older'} than www/pkg; run bash scripts/build.sh for a fair ratio`
      : '',
  };
}

// ---------------------------------------------------------------- measurements in Chromium

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** An empty same-origin document in www/ (served by the test server, not intercepted: request
 * interception would add its own round trips to every fetch measured), so the module and .wasm
 * load as on the help page. */
const BLANK = { type: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><title>bench</title>' };

async function blankPage(context, server) {
  const page = await context.newPage();
  await page.goto(`${server.url}__bench__.html`);
  return page;
}

/** A comment with findings of several kinds: its check compiles the first patterns. */
const FIRST_CHECK = 'Jullie zijn kankerflikken, ik weet waar je woont. Bel me op 0475 12 34 56 of mail jan.peeters@example.com';

async function startup(browser, server) {
  // Start-up is measured from the module's bytes: compile, instantiate, new Engine(). Fetching
  // the bytes is measured on its own, next to an almost empty fetch from the same server, because
  // in this harness (Playwright, a local node server, two busy cores) every request costs several
  // milliseconds whatever its size: that is the harness and the network, not the engine. The help
  // page preloads the module while the HTML is parsed.
  const runs = [];
  for (let i = 0; i < STARTUP_RUNS; i += 1) {
    const context = await browser.newContext();
    const page = await blankPage(context, server);
    runs.push(await page.evaluate(async (first) => {
      const fetched = async (url) => {
        const t = performance.now();
        const bytes = await (await fetch(url, { cache: 'no-store' })).arrayBuffer();
        return { ms: performance.now() - t, bytes };
      };
      const empty = await fetched('./__bench__.html');
      const module = await fetched('./pkg/huisregels_bg.wasm');
      const t0 = performance.now();
      const wasm = await import('./pkg/huisregels.js');
      const t1 = performance.now();
      await wasm.default({ module_or_path: module.bytes });
      const t2 = performance.now();
      const engine = new wasm.Engine();
      const t3 = performance.now();
      engine.check(first);
      const t4 = performance.now();
      return {
        emptyFetchMs: empty.ms, fetchMs: module.ms, importMs: t1 - t0, compileMs: t2 - t1, engineMs: t3 - t2, totalMs: t3 - t1, firstCheckMs: t4 - t3,
      };
    }, FIRST_CHECK));
    await context.close();
  }
  // The same with the glue's own streaming load from the URL (fetch and compile overlap).
  const streamed = [];
  for (let i = 0; i < STARTUP_RUNS; i += 1) {
    const context = await browser.newContext();
    const page = await blankPage(context, server);
    streamed.push(await page.evaluate(async () => {
      const wasm = await import('./pkg/huisregels.js');
      const t1 = performance.now();
      await wasm.default();
      // eslint-disable-next-line no-new
      new wasm.Engine();
      return performance.now() - t1;
    }));
    await context.close();
  }
  // The help page itself: its own performance measure from navigation to a ready engine.
  const pageRuns = [];
  for (let i = 0; i < STARTUP_RUNS; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => document.documentElement.dataset.engine);
    // The page warms the engine up while idle; then a citizen's first draft.
    await page.waitForTimeout(2_000);
    await page.fill('#draft', FIRST_CHECK);
    await page.waitForFunction(() => performance.getEntriesByName('huisregels:first-check').length > 0);
    pageRuns.push(await page.evaluate(() => {
      const m = performance.getEntriesByName('huisregels:engine-ready')[0];
      const first = performance.getEntriesByName('huisregels:first-check')[0];
      return { measureMs: m?.duration ?? NaN, readyAtMs: m ? m.startTime + m.duration : NaN, firstCheckMs: first?.duration ?? NaN };
    }));
    await context.close();
  }
  const med = (key) => median(runs.map((r) => r[key]));
  return {
    totalMs: med('totalMs'),
    compileMs: med('compileMs'),
    newEngineMs: med('engineMs'),
    firstCheckMs: med('firstCheckMs'),
    fetchMs: med('fetchMs'),
    emptyFetchMs: med('emptyFetchMs'),
    importGlueMs: med('importMs'),
    streamedMs: median(streamed),
    helpPageEngineReadyMs: median(pageRuns.map((r) => r.measureMs)),
    helpPageReadyAfterNavigationMs: median(pageRuns.map((r) => r.readyAtMs)),
    helpPageFirstCheckMs: median(pageRuns.map((r) => r.firstCheckMs)),
  };
}

async function inPage(browser, server, fn, arg) {
  const context = await browser.newContext();
  const page = await blankPage(context, server);
  await page.evaluate(async () => {
    const wasm = await import('./pkg/huisregels.js');
    await wasm.default();
    window.engine = new wasm.Engine();
  });
  const result = await page.evaluate(fn, arg);
  await context.close();
  return result;
}

function latency(browser, server, text) {
  return inPage(browser, server, ({ text: input, runs }) => {
    const engine = window.engine;
    for (let i = 0; i < 50; i += 1) engine.check(input);
    const times = new Float64Array(runs);
    let findings = 0;
    for (let i = 0; i < runs; i += 1) {
      const t0 = performance.now();
      findings = engine.check(input).findings.length;
      times[i] = performance.now() - t0;
    }
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    // Timer resolution: 5 µs when cross-origin isolated, 100 µs otherwise.
    return {
      chars: input.length, findings, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1],
      crossOriginIsolated: window.crossOriginIsolated,
    };
  }, { text, runs: LATENCY_RUNS });
}

function throughput(browser, server, comments) {
  return inPage(browser, server, (texts) => {
    const engine = window.engine;
    for (let i = 0; i < Math.min(500, texts.length); i += 1) engine.check(texts[i]);
    const time = (fn) => {
      let rounds = 0;
      let findings = 0;
      const t0 = performance.now();
      let elapsed = 0;
      // At least 3 rounds and 2 seconds.
      while (rounds < 3 || elapsed < 2000) {
        findings = fn();
        rounds += 1;
        elapsed = performance.now() - t0;
      }
      return { rounds, seconds: elapsed / 1000, findings };
    };
    const single = time(() => {
      let n = 0;
      for (const t of texts) n += engine.check(t).findings.length;
      return n;
    });
    const batch = time(() => engine.checkMany(texts).reduce((n, v) => n + v.findings.length, 0));
    // Per-comment cost: a mean hides a few very slow comments, so show the spread.
    const each = texts.map((t) => {
      const t0 = performance.now();
      engine.check(t);
      return performance.now() - t0;
    }).sort((a, b) => a - b);
    const q = (p) => each[Math.min(each.length - 1, Math.ceil(p * each.length) - 1)];
    return { single, batch, perComment: { p50: q(0.5), p99: q(0.99), max: each[each.length - 1] } };
  }, comments);
}

// ---------------------------------------------------------------- run and print

const raw = statSync(wasmPath).size;
const gz = gzipSync(readFileSync(wasmPath), { level: 9 }).length;
const { source, comments } = corpus(COUNT);
const bytes = comments.reduce((n, c) => n + Buffer.byteLength(c, 'utf8'), 0);
const text = draft2000();

// Cross-origin isolated, so performance.now() has its fine resolution for the latency figures.
const ISOLATED = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const server = await startServer({ root: www, extra: { '__bench__.html': BLANK }, headers: ISOLATED });
const browser = await chromium.launch(LAUNCH);
let result;
try {
  const version = await inPage(browser, server, () => window.engine.version());
  const start = await startup(browser, server);
  const lat = await latency(browser, server, text);
  const thr = await throughput(browser, server, comments);
  const rate = (r) => ({
    commentsPerSec: (comments.length * r.rounds) / r.seconds,
    mbPerSec: (bytes * r.rounds) / r.seconds / 1e6,
  });
  result = {
    engineVersion: version,
    chromium: browser.version(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg().map((x) => +x.toFixed(2)) },
    wasm: { rawBytes: raw, gzipBytes: gz },
    startup: start,
    latency: lat,
    corpus: { source, comments: comments.length, utf8Bytes: bytes },
    browser: { check: rate(thr.single), checkMany: rate(thr.batch), perCommentMs: thr.perComment },
    native: native(COUNT),
    builds: buildAges(),
  };
} finally {
  await browser.close();
  await server.close();
}

if (JSON_OUT) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const ms = (n) => `${n.toFixed(3)} ms`;
  const mark = (ok) => (ok ? 'ok  ' : 'MISS');
  const start = result.startup;
  const lat = result.latency;
  const best = result.browser.check.commentsPerSec >= result.browser.checkMany.commentsPerSec ? result.browser.check : result.browser.checkMany;
  const nat = result.native;
  const ratio = nat.comments_per_sec ? best.commentsPerSec / nat.comments_per_sec : null;
  const rows = [
    ['engine', `huisregels ${result.engineVersion} in Chromium ${result.chromium}`, ''],
    ['machine', `${result.machine.cpus} × ${result.machine.model}, load ${result.machine.loadavg.join(' ')}`, ''],
    ['.wasm raw', kb(raw), ''],
    ['.wasm gzip -9', kb(gz), `${mark(gz <= TARGETS.gzipKB * 1024)} target ≤ ${TARGETS.gzipKB} KB`],
    ['start-up: compile + new Engine', ms(start.totalMs), `${mark(start.totalMs <= TARGETS.startupMs)} target ≤ ${TARGETS.startupMs} ms (median of ${STARTUP_RUNS} fresh pages, from the module's bytes)`],
    ['  of which compile + instantiate', ms(start.compileMs), ''],
    ['  of which new Engine', ms(start.newEngineMs), ''],
    ['  then the first check', ms(start.firstCheckMs), 'a comment with four findings: compiles its first patterns'],
    ['  fetch of the .wasm', ms(start.fetchMs), `not counted above; an almost empty fetch from the same server: ${ms(start.emptyFetchMs)}`],
    ['  streamed: init from URL + new Engine', ms(start.streamedMs), 'fetch and compile overlapping, as without preload'],
    ['  import of the JS glue', ms(start.importGlueMs), 'not counted above'],
    ['  help page: start to ready', ms(start.helpPageEngineReadyMs), 'app.js performance.measure: glue import, init, one painted frame, new Engine'],
    ['  help page: navigation to ready', ms(start.helpPageReadyAfterNavigationMs), ''],
    ['  help page: first draft checked', ms(start.helpPageFirstCheckMs), 'the same comment as the first check above, after the page warmed up while idle'],
    [`check ${lat.chars} chars p50`, ms(lat.p50Ms), `${lat.findings} findings; timer ${lat.crossOriginIsolated ? '5 µs' : '100 µs'} resolution`],
    [`check ${lat.chars} chars p95`, ms(lat.p95Ms), `${mark(lat.p95Ms <= TARGETS.p95Ms)} target ≤ ${TARGETS.p95Ms} ms (${LATENCY_RUNS} checks)`],
    [`check ${lat.chars} chars max`, ms(lat.maxMs), ''],
    ['corpus', `${comments.length} comments, ${(bytes / 1e6).toFixed(2)} MB`, source],
    ['browser check()', `${Math.round(result.browser.check.commentsPerSec).toLocaleString('en')} comments/s, ${result.browser.check.mbPerSec.toFixed(2)} MB/s`, ''],
    ['browser checkMany()', `${Math.round(result.browser.checkMany.commentsPerSec).toLocaleString('en')} comments/s, ${result.browser.checkMany.mbPerSec.toFixed(2)} MB/s`, ''],
    ['native', nat.comments_per_sec ? `${Math.round(nat.comments_per_sec).toLocaleString('en')} comments/s, ${Number(nat.mb_per_sec).toFixed(2)} MB/s` : nat.note, nat.comments_per_sec ? `${NATIVE} bench --count ${COUNT}` : ''],
    ['browser per comment p50/p99/max', `${ms(result.browser.perCommentMs.p50)} / ${ms(result.browser.perCommentMs.p99)} / ${ms(result.browser.perCommentMs.max)}`, 'one check() each over the corpus'],
    ['browser / native', ratio ? `${ratio.toFixed(2)}×` : 'n/a', ratio ? `${mark(ratio >= TARGETS.nativeRatio)} target ≥ ${TARGETS.nativeRatio}×` : ''],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  const v = Math.max(...rows.map((r) => r[1].length));
  for (const [k, val, note] of rows) console.log(`${k.padEnd(w)}  ${val.padEnd(v)}  ${note}`);
  if (result.builds.note) console.log(result.builds.note);
}
