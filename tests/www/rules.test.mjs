// The house rules and the contact channels on the page come from the engine (rules(),
// contacts()), complete, grouped by category.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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
    group: a.closest('section.rule-group').dataset.category,
    title: a.querySelector('.rule-title span[lang="nl"]').textContent,
    text: a.textContent,
    groupText: a.closest('section.rule-group').textContent,
    examples: [...a.querySelectorAll('.examples li')].map((li) => li.textContent),
  })));
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
    assert.deepEqual(s.examples, [...rule.examples.flags, ...rule.examples.allows], `${rule.id}: examples`);
  }
});

test('each category is one group with a heading, listed in the table of contents', async () => {
  const categories = [...new Set(engine.rules.map((r) => r.category))].sort();
  const groups = await page.$$eval('#rules section.rule-group', (s) => s.map((g) => g.dataset.category));
  assert.deepEqual([...groups].sort(), categories);
  const toc = await page.$$eval('#rules-toc-list a', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(toc, groups.map((c) => `#cat-${c}`));
  for (const c of groups) {
    assert.equal(await page.locator(`#cat-${c} > h3`).count(), 1, c);
  }
});

test('examples open with the keyboard', async () => {
  const summary = page.locator('#rules details.examples > summary').first();
  await summary.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#rules details.examples').open);
  assert.ok(await page.locator('#rules details.examples li').first().isVisible());
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
