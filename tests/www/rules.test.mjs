// The house rules and the contact channels on the page come from the engine (rules(),
// contacts()), complete, grouped by category. The default rules' examples come from
// www/pkg/examples.json, which scripts/build.sh writes from the native CLI's `rules`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { engineSays, openPage, setup } from './helpers.mjs';

let env;
let page;
let engine;
before(async () => {
  env = await setup();
  page = await openPage(env.browser, env.server.url);
  engine = await engineSays(page, '');
});
after(async () => {
  await env?.close();
});

test('every rule of the engine is on the page, in its category group', async () => {
  const shown = await page.$$eval('#rules article.rule', (articles) => articles.map((a) => ({
    id: a.dataset.rule,
    group: a.closest('.rule-group').dataset.category,
    title: a.querySelector('.rule-title span[lang="nl"]').textContent,
    text: a.textContent,
    groupText: a.closest('.rule-group').textContent,
    examples: [...a.querySelectorAll('.examples li')].map((li) => li.textContent),
  })));
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const native = new Map(execFileSync(`${root}target/release/huisregels`, ['rules'], { encoding: 'utf8' })
    .split('\n').filter(Boolean).map((line) => JSON.parse(line)).map((r) => [r.id, r.examples]));
  const file = JSON.parse(readFileSync(`${root}www/pkg/examples.json`, 'utf8'));
  assert.ok(engine.rules.length > 0);
  assert.deepEqual(shown.map((r) => r.id).sort(), engine.rules.map((r) => r.id).sort());
  const byId = new Map(shown.map((r) => [r.id, r]));
  for (const rule of engine.rules) {
    const s = byId.get(rule.id);
    assert.equal(s.group, rule.category, rule.id);
    assert.equal(s.title, rule.title, rule.id);
    assert.ok(s.text.includes(rule.message), `${rule.id}: message`);
    assert.ok(s.text.includes(rule.advice), `${rule.id}: advice`);
    assert.ok(s.groupText.includes(rule.houseRule), `${rule.id}: house rule`);
    // The module leaves the default pack's examples out; the page shows those of examples.json,
    // which are the native engine's.
    assert.deepEqual(rule.examples, { flags: [], allows: [] }, `${rule.id}: examples in the module`);
    assert.deepEqual(file[rule.id], native.get(rule.id), `${rule.id}: examples.json is stale`);
    assert.deepEqual(s.examples, [...file[rule.id].flags, ...file[rule.id].allows], `${rule.id}: examples`);
  }
  assert.ok(shown.filter((r) => r.examples.length > 0).length >= engine.rules.length / 2, 'most rules show examples');
});

test('each category is one collapsible group with a heading and its rule count', async () => {
  const categories = [...new Set(engine.rules.map((r) => r.category))].sort();
  const groups = await page.$$eval('#rules details.rule-group', (s) => s.map((g) => ({
    category: g.dataset.category,
    heading: g.querySelector(':scope > summary h3')?.textContent ?? '',
    rules: g.querySelectorAll('article.rule').length,
  })));
  assert.deepEqual(groups.map((g) => g.category).sort(), categories);
  for (const g of groups) {
    const n = engine.rules.filter((r) => r.category === g.category).length;
    assert.equal(g.rules, n, g.category);
    assert.ok(g.heading.includes(`${n} regel`), `${g.category}: ${g.heading}`);
  }
});

test('groups and examples open with the keyboard; one button opens and closes all', async () => {
  const summary = page.locator('#rules details.rule-group > summary').first();
  await summary.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#rules details.rule-group').open);
  const examples = page.locator('#rules details.rule-group details.examples > summary').first();
  await examples.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#rules details.examples').open);
  assert.ok(await page.locator('#rules details.examples li').first().isVisible());

  const toggle = page.locator('#rules-toggle');
  assert.equal(await toggle.textContent(), 'Alle regels openen');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('#rules details.rule-group')].every((d) => d.open));
  assert.equal(await toggle.textContent(), 'Alle regels sluiten');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  for (const rule of engine.rules) {
    assert.ok(await page.locator(`article[data-rule="${rule.id}"] .rule-title`).isVisible(), rule.id);
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('#rules details.rule-group')].every((d) => !d.open));
});

test('a finding links to its rule, and following the link opens the group', async () => {
  await page.fill('#draft', 'Bel me op 0475 12 34 56');
  const link = page.locator('#findings .finding-rule a').first();
  await link.waitFor();
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForFunction((id) => {
    const target = document.getElementById(id);
    const r = target.getBoundingClientRect();
    return target.closest('details').open && r.top >= 0 && r.top < window.innerHeight;
  }, href.slice(1));
  const rule = await page.locator(href).getAttribute('data-rule');
  assert.equal(rule, await page.locator('#findings > li').first().getAttribute('data-rule'));
});

test('contact channels and monitoring hours come from engine.contacts()', async () => {
  const c = engine.contacts;
  const list = page.locator('#contacts');
  const text = await list.textContent();
  for (const value of [c.urgent, c.emergency, c.phone, c.email, c.hours]) {
    assert.ok(text.includes(value), `missing ${value}`);
  }
  const hrefs = await list.locator('a').evaluateAll((as) => as.map((a) => a.href));
  for (const url of [c.complaintForm, c.commissariaat, c.unia, c.website]) {
    assert.ok(hrefs.includes(new URL(url).href), `missing link ${url}`);
  }
  assert.ok(hrefs.includes(`mailto:${c.email}`));
  assert.ok(hrefs.includes('tel:101'));
  assert.ok(hrefs.includes('tel:112'));
  // The facts of the house rules themselves.
  assert.ok(text.includes('09/266.61.11'));
  assert.ok(text.includes('meldpunt.gent@police.belgium.eu'));
  assert.match(c.hours, /09[.:]00/);
  assert.match(c.hours, /17[.:]00/);
});

test('the version of the engine is shown', async () => {
  const { version } = await page.evaluate(async () => {
    const wasm = await import('./pkg/huisregels.js');
    return { version: new wasm.Engine().version() };
  });
  assert.ok((await page.locator('#version').textContent()).includes(version));
});
