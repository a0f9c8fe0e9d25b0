// The extension in Debian's Chromium on fixture pages served as www/m/business.facebook.com with
// Facebook's kind of CSP. Run: node --test tests/extension/
//
// One browser for the whole file; the tests run in order and build on each other's page state
// (late comments, edits, dismissals), as a moderator's session would.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildExtension, hasPackage, startServer, launchChromium, controlPage, contentState, waitSettled,
  waitFor, markers, tabIdOf, ARTIFACTS, FACEBOOK_HOSTS, ROOT,
} from './harness.mjs';
import * as data from './fixtures/data.mjs';

const DESKTOP = 'https://www.facebook.com/politiegent/posts/pfbid02Gent';
const MOBILE = 'https://m.facebook.com/story.php?story_fbid=1&id=2';
const BUSINESS = 'https://business.facebook.com/latest/inbox/all/?asset_id=123456789';
const EMPTY = 'https://www.facebook.com/politiegent/empty';

const byId = (fixture) => Object.fromEntries(data.allComments(fixture, { later: true }).map((c) => [c.id, c]));

/** Asserts the markers on `page` for the comment ids given, from the fixture's expectations. */
async function assertMarkers(page, fixture, ids) {
  const found = await markers(page);
  const comments = byId(fixture);
  const problems = [];
  for (const id of ids) {
    const { expect } = comments[id];
    const m = found[id];
    if (expect === null && m) problems.push(`${id}: clean, but marked ${m.action} ${m.rules.join(' ')}`);
    if (expect !== null && !m) problems.push(`${id}: expected ${expect}, no marker`);
    if (expect !== null && m && !m.categories.includes(expect)) problems.push(`${id}: expected ${expect}, got ${m.categories.join(' ')}`);
  }
  assert.deepEqual(problems, [], problems.join('\n'));
  return found;
}

function waitMarker(page, id, present = true) {
  return page.waitForFunction(([cid, want]) => {
    const article = document.querySelector(`[data-fixture-id="${cid}"]`);
    const has = !!article && [...article.children].some((c) => c.localName === 'huisregels-marker');
    return has === want;
  }, [id, present], { timeout: 15_000 });
}

/** The UI strings the extension shows in this browser's language. */
function messages(lang) {
  const dir = join(ROOT, 'extension', '_locales');
  const code = existsSync(join(dir, lang)) ? lang : 'nl';
  const raw = JSON.parse(readFileSync(join(dir, code, 'messages.json'), 'utf8'));
  return (key, ...subs) => raw[key].message.replace(/\$(\w+)\$/g, (_, name) => {
    const n = Number(raw[key].placeholders[name.toLowerCase()].content.slice(1));
    return subs[n - 1];
  });
}

describe('extension in Chromium', () => {
  let server;
  let browser;
  let control;
  let page;
  let msgText;

  before(async () => {
    assert.ok(hasPackage(), 'pkg/ is missing: build the engine first (bash scripts/build.sh)');
    mkdirSync(ARTIFACTS, { recursive: true });
    const dirs = buildExtension();
    server = await startServer();
    browser = await launchChromium({ port: server.port, ext: dirs.chromium });
    control = await controlPage(browser);
    const ui = await control.evaluate(() => chrome.i18n.getUILanguage());
    msgText = messages(ui.split(/[-_]/)[0]);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://www.facebook.com' });
    page = await browser.context.newPage();
    page.on('dialog', (d) => d.dismiss());
    await page.goto(DESKTOP);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('marks every offending comment on the desktop page, and no clean one', async () => {
    const initial = data.allComments(data.desktop).map((c) => c.id);
    await waitSettled(control, page, initial.length);
    // c8 is cut off before its threat: as a person sees it, it is clean until "Meer weergeven".
    await assertMarkers(page, data.desktop, initial.filter((id) => id !== 'c8'));
    assert.equal((await markers(page)).c8, undefined, 'truncated text is read as shown');
  });

  it('catches a comment added after load', async () => {
    await waitMarker(page, 'l1');
    await assertMarkers(page, data.desktop, ['l1']);
    await page.screenshot({ path: join(ARTIFACTS, 'extension-desktop.png'), fullPage: true });
  });

  it('highlights exactly the words the engine found', async () => {
    const state = await waitSettled(control, page, 11);
    const text = (id) => page.evaluate((cid) => {
      const el = document.querySelector(`[data-fixture-body="${cid}"]`);
      return el.textContent;
    }, id);
    for (const id of ['c2', 'c3', 'c5']) {
      const t = await text(id);
      const [verdict] = (await control.evaluate((x) => chrome.runtime.sendMessage({ kind: 'check', texts: [x] }), t)).verdicts;
      const highlighted = await page.evaluate((cid) => {
        const body = document.querySelector(`[data-fixture-body="${cid}"]`);
        const out = [];
        for (const [name, h] of CSS.highlights) {
          if (!name.startsWith('huisregels-')) continue;
          for (const r of h) if (body.contains(r.commonAncestorContainer)) out.push(`${name.slice(11)}:${r.toString()}`);
        }
        return out.sort();
      }, id);
      const expected = verdict.findings.filter((f) => f.action !== 'allow' && f.end > f.start)
        .map((f) => `${f.action}:${t.slice(f.start, f.end)}`).sort();
      assert.deepEqual(highlighted, expected, `${id}: highlights`);
      assert.ok(expected.length > 0, `${id}: at least one highlighted word`);
    }
    assert.ok(state.flagged.length >= 8);
    // Read as a person sees it: the emoji <img> by its alt.
    assert.equal(state.flagged.find((f) => f.time === '2 u').excerpt, 'Kankerflikken zijn het \u{1F621}');
  });

  it('opens a card with the rule, the house rule, the explanation, the action and an evidence record', async () => {
    const { rules } = await control.evaluate(() => chrome.runtime.sendMessage({ kind: 'rules' }));
    const info = Object.fromEntries(rules.map((r) => [r.id, r]));
    await page.locator('[data-fixture-id="c5"] > huisregels-marker').locator('button').click();
    const card = page.locator('huisregels-card .card');
    await card.waitFor();
    const finding = card.locator('section.finding').first();
    const rule = await finding.getAttribute('data-rule');
    assert.match(rule, /^threat\//);
    assert.equal(await finding.locator('.house').textContent(), `${msgText('card_house_rule')} ${info[rule].houseRule}`);
    assert.ok((await finding.locator('.message').textContent()).length > 10, 'Dutch explanation');
    assert.equal(await card.getAttribute('data-action'), 'remove');
    assert.ok((await card.locator('.recommend').textContent()).includes(msgText('recommend_remove')));
    // Jan Peeters wrote c1 and c5 (and l1 is Bram): a repeat offender with 2 flagged comments.
    assert.equal(await card.locator('.note.offender').textContent(), msgText('card_offender', 'Jan Peeters', '2'));
    await page.screenshot({ path: join(ARTIFACTS, 'extension-card.png') });

    await card.locator('button[data-copy="evidence"]').click();
    await card.locator('pre.copied').waitFor();
    const record = await card.locator('pre.copied').textContent();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), record, 'the clipboard holds the record');
    for (const part of [
      `Pagina: ${DESKTOP}`, 'comment_id=c5', 'Auteur (zoals getoond): Jan Peeters', 'Tijdstip (zoals getoond): 30 min',
      '<<<\nIk ga die agent kapot slaan\n>>>', rule, 'Vastgelegd op: 20',
    ]) assert.ok(record.includes(part), `evidence record has ${JSON.stringify(part)}:\n${record}`);
    await card.locator('button.close').click();
    await page.locator('huisregels-card').waitFor({ state: 'detached' });
  });

  it('copies the standard reply of a redirect', async () => {
    const { rules } = await control.evaluate(() => chrome.runtime.sendMessage({ kind: 'rules' }));
    const info = Object.fromEntries(rules.map((r) => [r.id, r]));
    await page.locator('[data-fixture-id="c3"] > huisregels-marker button').click();
    const card = page.locator('huisregels-card .card');
    const rule = await card.locator('section.finding').first().getAttribute('data-rule');
    assert.ok(info[rule].reply, `${rule} has a standard reply`);
    assert.equal(await card.locator('button[data-copy="evidence"]').count(), 0, 'no evidence for a complaint');
    await card.locator('button[data-copy="reply"]').click();
    await card.locator('pre.copied').waitFor();
    assert.equal(await card.locator('pre.copied').textContent(), info[rule].reply);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), info[rule].reply);
    await page.keyboard.press('Escape');
    await page.locator('huisregels-card').waitFor({ state: 'detached' });
  });

  it('keeps comment text with HTML as text', async () => {
    assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 0);
    await page.locator('[data-fixture-id="c6"] > huisregels-marker button').click();
    const card = page.locator('huisregels-card .card');
    assert.equal(await card.locator('.who').textContent(), 'Kevin <b>Hacker</b> \u00b7 20 min');
    assert.equal(await card.locator('b').count(), 0);
    await card.locator('button.close').click();
    const state = await contentState(control, page.url());
    const item = state.flagged.find((f) => f.author === 'Kevin <b>Hacker</b>');
    assert.ok(item.excerpt.startsWith('<img src=x onerror="document.title=\'xss\'"> <b>vet</b>'));
    assert.notEqual(await page.title(), 'xss');
    const all = await page.evaluate(() => [...document.querySelectorAll('huisregels-marker, huisregels-card')]
      .map((h) => h.shadowRoot.querySelectorAll('img, b, script').length).reduce((a, b) => a + b, 0));
    assert.equal(all, 0, 'no element from comment text in our shadow roots');
  });

  it('catches "Meer reacties weergeven" and re-reads a comment after "Meer weergeven"', async () => {
    await page.locator('[data-fixture="more-comments"]').click();
    await waitMarker(page, 'm2');
    await page.locator('[data-see-more="c8"]').click();
    await waitMarker(page, 'c8');
    await waitSettled(control, page, 13);
    await assertMarkers(page, data.desktop, ['m1', 'm2', 'c8']);
  });

  it('re-checks edited comments', async () => {
    await page.evaluate(() => window.fixtureEdit('c4', 'Kankerflikken zijn het'));
    await waitMarker(page, 'c4');
    assert.deepEqual((await markers(page)).c4.categories, ['insult']);
    await page.evaluate(() => window.fixtureEditInPlace('c2', 'Dank je wel voor jullie inzet!'));
    await waitMarker(page, 'c2', false);
    await page.evaluate(() => window.fixtureEdit('c4', 'Dank je wel voor jullie inzet!'));
    await waitMarker(page, 'c4', false);
  });

  it('remembers a dismissed comment across reloads', async (t) => {
    // The same author and text is dismissed on every page (Business Suite too): forget it after.
    t.after(async () => {
      const keys = Object.keys(await control.evaluate(() => chrome.storage.local.get(null))).filter((k) => k.startsWith('dismissed:'));
      await control.evaluate((k) => chrome.storage.local.remove(k), keys);
    });
    await page.locator('[data-fixture-id="c3"] > huisregels-marker button').click();
    await page.locator('huisregels-card button[data-dismiss]').click();
    await waitMarker(page, 'c3', false);
    const stored = await control.evaluate(() => chrome.storage.local.get(null));
    assert.equal(Object.keys(stored).filter((k) => k.startsWith('dismissed:')).length, 1);
    assert.ok(!JSON.stringify(stored).includes('klacht'), 'the text itself is not stored');
    await page.reload();
    await waitMarker(page, 'c5');
    await waitSettled(control, page, 10);
    const found = await markers(page);
    assert.equal(found.c3, undefined, 'still dismissed after a reload');
    assert.ok(found.c2, 'the others are marked again');
  });

  it('shows the same counts in the popup as on the page, and scrolls to a flagged comment', async () => {
    await waitMarker(page, 'l1');
    const state = await waitSettled(control, page, 11);
    const tabId = await tabIdOf(control, page.url());
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 384, height: 640 });
    await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    await popup.locator('#flagged li').first().waitFor();
    const onPage = await markers(page);
    const expected = {};
    for (const m of Object.values(onPage)) for (const c of m.categories) expected[c] = (expected[c] ?? 0) + 1;
    const shown = Object.fromEntries(await popup.locator('#counts li').evaluateAll((lis) => lis.map((li) => [li.dataset.category, Number(li.querySelector('b').textContent)])));
    assert.deepEqual(shown, expected);
    assert.equal(await popup.locator('#flagged li').count(), Object.keys(onPage).length);
    assert.equal(await popup.locator('#status').textContent(), msgText('popup_checked', String(state.found), 'Facebook'));
    const offenders = await popup.locator('#offenders li').evaluateAll((lis) => lis.map((li) => [li.querySelector('.author').textContent, li.dataset.count]));
    assert.deepEqual(offenders, [['Jan Peeters', '2']]);
    await popup.screenshot({ path: join(ARTIFACTS, 'extension-popup.png'), fullPage: true });

    await popup.locator('#next').click();
    await popup.locator('#next').click();
    assert.equal(await popup.locator('#position').textContent(), `2 / ${Object.keys(onPage).length}`);
    const second = await popup.locator('#flagged li[aria-current="true"] button').getAttribute('data-id');
    await page.locator('huisregels-card').waitFor();
    assert.equal(await page.locator('huisregels-card').count(), 1);
    assert.equal(await page.evaluate(() => document.querySelector('huisregels-marker[data-focus]').dataset.id), second);
    await popup.close();
    await page.keyboard.press('Escape');
  });

  it('switches off and on from the popup', async () => {
    const tabId = await tabIdOf(control, page.url());
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    await popup.locator('#flagged li').first().waitFor();
    await popup.locator('#enabled').uncheck();
    await page.waitForFunction(() => document.querySelectorAll('huisregels-marker').length === 0);
    assert.equal(await popup.locator('#status').textContent(), msgText('popup_disabled'));
    await popup.locator('#enabled').check();
    await waitMarker(page, 'c5');
    await popup.close();
  });

  it('applies the options: categories, actions, blocked words, engine errors, import and export', async (t) => {
    t.after(() => control.evaluate(() => chrome.storage.sync.clear())); // later tests need the defaults
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.locator('#categories tbody tr').first().waitFor();
    await options.locator('input[type="checkbox"][data-category="personal-data"]').uncheck();
    await options.locator('select[data-category="threat"]').selectOption('review');
    await options.locator('#block').fill('thanks');
    await options.locator('#save').click();
    await options.locator('#status.ok').waitFor();
    await options.screenshot({ path: join(ARTIFACTS, 'extension-options.png'), fullPage: true });

    await page.waitForFunction(() => {
      const m = (id) => document.querySelector(`[data-fixture-id="${id}"] > huisregels-marker`);
      return !m('c2') && !m('l1') && m('c5')?.dataset.action === 'review' && m('c7');
    });
    const found = await markers(page);
    assert.ok(found.c1, 'other categories stay on');
    assert.deepEqual(found.c7.categories, ['insult'], 'a blocked word flags a clean comment');

    // A bad setting is refused with the engine's own message and nothing is stored.
    const before = await control.evaluate(() => chrome.storage.sync.get('settings'));
    await options.locator('#import-file').setInputFiles({
      name: 'bad.json', mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'huisregels-settings', version: 1, actions: { insult: 'delete' } })),
    });
    await options.locator('#status.error').waitFor();
    const error = await options.locator('#status').textContent();
    assert.ok(error.includes('delete'), `engine error names the bad value: ${error}`);
    assert.deepEqual(await control.evaluate(() => chrome.storage.sync.get('settings')), before);

    const [download] = await Promise.all([options.waitForEvent('download'), options.locator('#export').click()]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.format, 'huisregels-settings');
    assert.deepEqual(exported.disable, ['personal-data']);
    assert.deepEqual(exported.block, ['thanks']);
    assert.equal(exported.actions.threat, 'review');

    await options.locator('#reset').click();
    await options.locator('#status.ok').waitFor();
    await waitMarker(page, 'c2');
    await waitMarker(page, 'c7', false);
    await options.locator('#import-file').setInputFiles({ name: 'ok.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await waitMarker(page, 'c2', false);
    await options.locator('#reset').click();
    await waitMarker(page, 'c2');
    await options.close();
  });

  it('falls back to the default rules when stored settings are bad, and says why', async (t) => {
    // As a bad managed policy would: the settings reach storage without the options page's check.
    t.after(() => control.evaluate(() => chrome.storage.sync.clear()));
    await control.evaluate(() => chrome.storage.sync.set({ settings: { actions: { insult: 'delete' } } }));
    const status = await waitFor(async () => {
      const s = await control.evaluate(() => chrome.runtime.sendMessage({ kind: 'status' }));
      return s.error && s;
    }, { message: 'the background to refuse the settings' });
    assert.match(status.error, /delete/);
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${await tabIdOf(control, page.url())}`));
    await popup.locator('#engine-error').waitFor();
    assert.equal(await popup.locator('#engine-error').textContent(), msgText('options_engine_error', status.error));
    await popup.close();
    assert.ok((await markers(page)).c1?.categories.includes('insult'), 'still checked with the default rules');
  });

  it('follows navigation without a reload', async () => {
    await page.locator('[data-fixture="next-post"]').click();
    await waitMarker(page, 'n1');
    const state = await waitSettled(control, page, 2);
    assert.equal(state.found, 2, 'comments of the previous post are forgotten');
    await assertMarkers(page, data.desktop.next, ['n1', 'n2']);
    assert.equal(await page.evaluate(() => document.querySelectorAll('huisregels-marker').length), 1);
  });

  it('marks the mobile page (m.facebook.com)', async () => {
    const mobile = await browser.context.newPage();
    await mobile.setViewportSize({ width: 412, height: 915 });
    await mobile.goto(MOBILE);
    await waitMarker(mobile, 'ml1');
    await mobile.locator('[data-see-more="mc4"]').click();
    await waitMarker(mobile, 'mc4');
    const state = await waitSettled(control, mobile, 5);
    assert.equal(state.surface.id, 'mobile');
    await assertMarkers(mobile, data.mobile, Object.keys(byId(data.mobile)));
    await mobile.screenshot({ path: join(ARTIFACTS, 'extension-mobile.png'), fullPage: true });
    await mobile.close();
  });

  it('marks the Business Suite comment inbox', async () => {
    const inbox = await browser.context.newPage();
    await inbox.goto(BUSINESS);
    await waitMarker(inbox, 'bl1');
    const state = await waitSettled(control, inbox, 5);
    assert.equal(state.surface.id, 'business');
    await assertMarkers(inbox, data.business, Object.keys(byId(data.business)));
    await inbox.screenshot({ path: join(ARTIFACTS, 'extension-business.png'), fullPage: true });
    await inbox.close();
  });

  it('says so in the popup when a page has no comments it recognises', async () => {
    const empty = await browser.context.newPage();
    await empty.goto(EMPTY);
    await waitSettled(control, empty, 0);
    const tabId = await tabIdOf(control, empty.url());
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    await popup.locator('#status.empty').waitFor();
    assert.equal(await popup.locator('#status').textContent(), msgText('popup_none_found'));
    await popup.close();
    await empty.close();
  });

  it('sends no request outside the browser', async () => {
    const outside = browser.requests.filter((url) => {
      const u = new URL(url);
      if (u.protocol === 'chrome-extension:' && u.host === browser.extensionId) return false;
      if (u.protocol === 'data:' || u.protocol === 'blob:') return false;
      return !(u.protocol === 'https:' && FACEBOOK_HOSTS.includes(u.hostname));
    });
    assert.deepEqual(outside, []);
    assert.ok(browser.requests.some((u) => u.includes('/pkg/huisregels_bg.wasm')), 'the engine came from the extension');
    const hosts = new Set(server.requests.map((r) => r.split('/')[0]));
    assert.ok([...hosts].every((h) => FACEBOOK_HOSTS.includes(h)), [...hosts].join(' '));
  });
});

const FRENCH_PAK = '/usr/lib/chromium/locales/fr.pak';

describe('extension UI in French', {
  skip: existsSync(FRENCH_PAK) ? false : `${FRENCH_PAK} is missing: Chromium runs in English only (apt-get install chromium-l10n)`,
}, () => {
  let server;
  let browser;

  before(async () => {
    assert.ok(hasPackage(), 'pkg/ is missing: build the engine first (bash scripts/build.sh)');
    server = await startServer();
    browser = await launchChromium({ port: server.port, ext: buildExtension().chromium, lang: 'fr' });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('speaks French in the marker, the card and the popup', async () => {
    const fr = messages('fr');
    const page = await browser.context.newPage();
    await page.goto(DESKTOP);
    await waitMarker(page, 'c1');
    const button = page.locator('[data-fixture-id="c1"] > huisregels-marker button');
    assert.equal(await button.textContent(), fr('action_remove'));
    await button.click();
    assert.equal(await page.locator('huisregels-card button[data-dismiss]').textContent(), fr('card_dismiss'));
    const control = await controlPage(browser);
    assert.equal(await control.evaluate(() => chrome.i18n.getUILanguage()), 'fr');
    const tabId = await tabIdOf(control, page.url());
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    await popup.locator('#flagged li').first().waitFor();
    assert.equal(await popup.locator('h1').textContent(), fr('popup_title'));
    assert.equal(await popup.evaluate(() => document.documentElement.lang), 'fr');
  });
});
