// Benchmark of the extension (prints figures; not a test). Run: node tests/extension/bench.mjs [N]
//
// 1. A fixture page with N comments (default 2,000; one in four insulting, every text distinct so
//    the cache does not help): time from navigation until every comment is read and its verdict
//    drawn, and the longest main-thread task (PerformanceObserver 'longtask'; target < 50 ms),
//    next to the same page in the same browser without the extension.
// 2. The background's cold start: the service worker is stopped (CDP ServiceWorker.stopAllWorkers)
//    and the next check has to start it, load the .wasm and build the engine.

import { buildExtension, hasPackage, startServer, launchChromium, controlPage, contentState, waitFor } from './harness.mjs';

const N = Number(process.argv[2] ?? 2000);
const URL_ = `https://www.facebook.com/bench?n=${N}`;

function fmt(ms) {
  return `${ms.toFixed(0).padStart(6)} ms`;
}

async function pageRun(browser, withExtension) {
  const control = withExtension ? await controlPage(browser) : null;
  const page = await browser.context.newPage();
  await page.bringToFront(); // a visible tab, as the moderator's is (hidden tabs work at idle time)
  await page.goto(URL_);
  const origin = await page.evaluate(() => performance.timeOrigin);
  let state = null;
  if (withExtension) {
    state = await waitFor(async () => {
      const s = await contentState(control, URL_);
      return s?.kind === 'state' && s.found >= N && s.pending === 0 && s;
    }, { timeout: 120_000, interval: 20, message: `${N} comments annotated` });
    state.doneMs = Date.now() - origin;
    await control.close();
  }
  const tasks = await page.evaluate(() => window.__longtasks);
  const loadMs = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  await page.close();
  return { state, tasks, loadMs };
}

async function coldStart(browser) {
  const control = await controlPage(browser);
  const cdp = await browser.context.newCDPSession(control);
  const check = () => control.evaluate(async () => {
    const t0 = performance.now();
    const reply = await chrome.runtime.sendMessage({ kind: 'check', texts: ['Dank je wel voor jullie inzet!'] });
    if (reply.kind !== 'verdicts') throw new Error(JSON.stringify(reply));
    return performance.now() - t0;
  });
  const status = new Map(); // versionId -> runningStatus of the extension's worker
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.startsWith(`chrome-extension://${browser.extensionId}/`)) status.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  const results = [];
  for (let i = 0; i < 3; i += 1) {
    await check(); // make sure it runs, then stop it
    await cdp.send('ServiceWorker.stopAllWorkers');
    const stopped = await waitFor(() => [...status.values()].includes('stopped'), { timeout: 5000, message: 'worker stopped' })
      .catch(() => false);
    const cold = await check();
    status.clear();
    const warm = await check();
    results.push({ stopped, cold, warm });
  }
  const big = await control.evaluate(async (n) => {
    const texts = Array.from({ length: n }, (_, i) => `Wanneer is de wijkagent bereikbaar? Vraag ${i}`);
    const t0 = performance.now();
    await chrome.runtime.sendMessage({ kind: 'check', texts });
    return performance.now() - t0;
  }, N);
  await control.close();
  return { results, big };
}

async function main() {
  if (!hasPackage()) throw new Error('pkg/ is missing: build the engine first (bash scripts/build.sh)');
  const dirs = buildExtension();
  const server = await startServer();
  try {
    const baseline = await launchChromium({ port: server.port, ext: null });
    const base = await pageRun(baseline, false);
    await baseline.close();

    const browser = await launchChromium({ port: server.port, ext: dirs.chromium });
    const run = await pageRun(browser, true);
    const cold = await coldStart(browser);
    await browser.close();

    const longest = (tasks) => tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    const after = (tasks, ms) => tasks.filter((t) => t.start >= ms);
    console.log(`huisregels extension benchmark: ${N} comments, Chromium ${process.env.CHROMIUM ?? '/usr/bin/chromium'}`);
    console.log(`page load event (no extension / extension)      ${fmt(base.loadMs)} / ${fmt(run.loadMs)}`);
    console.log(`all ${N} comments annotated after navigation    ${fmt(run.state.doneMs)}`);
    console.log(`  flagged ${run.state.flagged.length}, texts sent ${run.state.stats.texts} in ${run.state.stats.batches} batches, ${run.state.stats.flushes} frames`);
    console.log(`  content script started ${run.state.stats.startedAt} ms, engine ready ${run.state.stats.readyAt} ms, last frame ${run.state.stats.lastFlushAt} ms`);
    console.log(`longest content-script frame (its own timer)     ${fmt(run.state.stats.longestFlushMs)}   (budget 8 ms + one item)`);
    console.log(`longest main-thread task, whole page, no ext.    ${fmt(longest(base.tasks))}   (${base.tasks.length} tasks > 50 ms)`);
    console.log(`longest main-thread task, whole page, extension  ${fmt(longest(run.tasks))}   (${run.tasks.length} tasks > 50 ms)`);
    console.log(`  tasks > 50 ms after the load event, extension: ${JSON.stringify(after(run.tasks, run.loadMs))}`);
    for (const [i, r] of cold.results.entries()) {
      console.log(`background cold start #${i + 1} (worker stopped: ${r.stopped})   ${fmt(r.cold)}   then warm ${fmt(r.warm)}`);
    }
    console.log(`one check message of ${N} texts (warm)           ${fmt(cold.big)}`);
  } finally {
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
