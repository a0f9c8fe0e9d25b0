// Start-up edge cases: text typed while the engine loads is checked once it is ready, and a page
// whose engine cannot load still shows Bel 101 and says the check is unavailable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { settled, setup, snapshot } from './helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

test('a draft typed before the engine is ready is checked as soon as it is', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  try {
    // Hold the .wasm back until the draft has been typed.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/pkg/huisregels_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(env.server.url);
    await page.waitForFunction(() => document.getElementById('status').dataset.state === 'loading');
    await page.fill('#draft', 'Bel me op 0475 12 34 56');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), undefined);
    assert.equal((await snapshot(page)).state, 'loading');
    release();
    await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready');
    await settled(page);
    const shown = await snapshot(page);
    assert.equal(shown.state, 'remove');
    assert.deepEqual(shown.marks, ['0475 12 34 56']);
  } finally {
    await context.close();
  }
});

test('without the engine the page still offers Bel 101 and says the check is unavailable', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  try {
    await page.route('**/pkg/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(env.server.url);
    await page.waitForFunction(() => document.documentElement.dataset.engine === 'error');
    assert.equal(await page.getAttribute('#status', 'data-state'), 'error');
    assert.match(await page.locator('#status-title').textContent(), /kan niet starten/);
    assert.match(await page.locator('#rules').textContent(), /niet geladen/);
    const call = page.locator('#emergency-strip a[href="tel:101"]');
    assert.ok(await call.isVisible());
    // The textarea still works as a textarea and nothing throws.
    await page.fill('#draft', 'Hallo');
    assert.equal(await page.inputValue('#draft'), 'Hallo');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
