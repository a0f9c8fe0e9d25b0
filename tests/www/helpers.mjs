// Shared set-up for the help page's browser tests: a static server, Debian's Chromium through
// playwright-core, and waits that follow the page's state instead of the clock.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));

export const LAUNCH = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/** Starts a server for www/ (or `HUISREGELS_WWW`) and a browser. */
export async function setup(serverOptions = {}) {
  const root = serverOptions.root ?? process.env.HUISREGELS_WWW;
  const server = await startServer({ ...serverOptions, ...(root ? { root } : {}) });
  const browser = await chromium.launch(LAUNCH);
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens the help page in a fresh context and waits until the engine has started.
 * Collects page errors and dialogs so tests can assert there were none. `beforeGoto(page)` runs
 * before navigation, for listeners that must see the page's first requests (the help page
 * preloads its module, so those can finish before `goto` returns).
 */
export async function openPage(browser, url, { viewport = { width: 1280, height: 900 }, waitForEngine = true, beforeGoto, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport, locale: 'nl-BE', ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.errors = [];
  page.dialogs = [];
  page.on('pageerror', (error) => page.errors.push(error));
  page.on('dialog', (dialog) => {
    page.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  // Listeners that must see the page's very first requests attach here, before navigation.
  beforeGoto?.(page);
  await page.goto(url);
  if (waitForEngine) await engineReady(page);
  page.closeAll = () => context.close();
  return page;
}

export async function engineReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.engine);
  const engine = await page.evaluate(() => document.documentElement.dataset.engine);
  if (engine !== 'ready') {
    throw new Error('the help page could not start the engine: is www/pkg/ built (bash scripts/build.sh)?');
  }
}

/**
 * Waits until the page has rendered the current textarea value: the mirror holds exactly the
 * draft's text (plus the one space a trailing newline needs) and the status is not loading.
 */
export async function settled(page) {
  await page.waitForFunction(() => {
    const draft = document.getElementById('draft');
    const mirror = document.getElementById('highlights');
    const expected = draft.value + (draft.value.endsWith('\n') ? ' ' : '');
    const status = document.getElementById('status').dataset.state;
    return mirror.textContent === expected && status !== 'loading';
  });
}

/** Replaces the draft (fill dispatches `input`) and waits for the render. */
export async function setDraft(page, text) {
  await page.fill('#draft', text);
  await settled(page);
}

/** What the page shows: overall state, underlined texts, listed findings, banner. */
export function snapshot(page) {
  return page.evaluate(() => {
    const status = document.getElementById('status');
    return {
      state: status.dataset.state,
      action: status.dataset.action,
      title: document.getElementById('status-title').textContent,
      marks: [...document.querySelectorAll('#highlights mark')].map((m) => m.textContent),
      markCategories: [...document.querySelectorAll('#highlights mark')].map((m) => m.dataset.category),
      findings: [...document.querySelectorAll('#findings > li')].map((li) => ({
        rule: li.dataset.rule,
        category: li.dataset.category,
        action: li.dataset.action,
        title: li.querySelector('.finding-title').textContent,
        excerpt: li.querySelector('.excerpt').textContent,
        message: li.querySelector('.message').textContent,
        advice: li.querySelector('.advice').textContent,
      })),
      banner: document.getElementById('urgent-banner').textContent.trim(),
      findingsHidden: document.getElementById('findings-block').hidden,
    };
  });
}

/**
 * Asks the real engine (a second instance, in the page) what it says about `text`, and what
 * its rules are, so tests compare the page with the engine instead of copying engine details.
 */
export function engineSays(page, text) {
  return page.evaluate(async (input) => {
    const wasm = await import('./pkg/huisregels.js');
    await wasm.default();
    const engine = new wasm.Engine();
    return { verdict: engine.check(input), rules: engine.rules(), contacts: engine.contacts() };
  }, text);
}

/** The texts the mirror should underline for these findings (overlapping spans merged). */
export function expectedMarks(text, findings) {
  const spans = findings.map((f) => [f.start, f.end]).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged = [];
  for (const [start, end] of spans) {
    const last = merged[merged.length - 1];
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([start, end]) => text.slice(start, end));
}

export function artifactPath(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return `${ARTIFACTS}${name}`;
}
