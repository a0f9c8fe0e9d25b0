// The checker on the help page: underlines, listed findings and the overall state, driven by
// typing into the real page with the real engine (www/pkg from scripts/build.sh).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engineSays, expectedMarks, openPage, setDraft, settled, setup, snapshot } from './helpers.mjs';

const CLEAN = 'Ik vind dat jullie te traag reageerden op mijn melding.';
const PHONE = 'Bel me op 0475 12 34 56';
const INSULT = 'Jullie zijn kankerflikken';
const COMPLAINT = 'Ik wil een klacht indienen tegen die agent';
const EMERGENCY = 'Help, er wordt nu ingebroken bij mijn buren!';

let env;
let page;
before(async () => {
  env = await setup();
  page = await openPage(env.browser, env.server.url);
});
after(async () => {
  await env?.close();
});

/** The page shows exactly what the engine says: marks, titles from rules(), message, advice. */
async function assertPageMatchesEngine(text) {
  const shown = await snapshot(page);
  const { verdict, rules } = await engineSays(page, text);
  const titles = new Map(rules.map((r) => [r.id, r.title]));
  assert.deepEqual(shown.marks, expectedMarks(text, verdict.findings), 'underlined texts');
  assert.deepEqual(shown.findings, verdict.findings.map((f) => ({
    rule: f.rule,
    category: f.category,
    action: f.action,
    title: titles.get(f.rule),
    excerpt: f.excerpt,
    message: f.message,
    advice: f.advice,
  })), 'listed findings');
  for (const f of verdict.findings) assert.equal(text.slice(f.start, f.end), f.excerpt, 'UTF-16 offsets');
  return { shown, verdict };
}

describe('overall state', () => {
  test('a fair complaint about slowness is ready to post', async () => {
    await setDraft(page, CLEAN);
    const shown = await snapshot(page);
    assert.equal(shown.state, 'allow');
    assert.equal(shown.title, 'Klaar om te posten');
    assert.deepEqual(shown.marks, []);
    assert.equal(shown.findingsHidden, true);
    assert.equal(shown.banner, '');
  });

  test('a phone number is underlined and would be removed', async () => {
    await setDraft(page, PHONE);
    const { shown } = await assertPageMatchesEngine(PHONE);
    assert.equal(shown.state, 'remove');
    assert.deepEqual(shown.marks, ['0475 12 34 56']);
    assert.ok(shown.findings.some((f) => f.category === 'personal-data' && f.excerpt === '0475 12 34 56'));
    assert.match(shown.title, /verwijderd/);
  });

  test('an insult glued into a compound is underlined and would be removed', async () => {
    await setDraft(page, INSULT);
    const { shown } = await assertPageMatchesEngine(INSULT);
    assert.equal(shown.state, 'remove');
    assert.deepEqual(shown.marks, ['kankerflikken']);
    assert.ok(shown.findings.some((f) => f.category === 'insult'));
    assert.equal(shown.banner, '');
  });

  test('a complaint belongs elsewhere and points to the complaint form and commissariaat', async () => {
    await setDraft(page, COMPLAINT);
    const { shown } = await assertPageMatchesEngine(COMPLAINT);
    assert.equal(shown.state, 'redirect');
    assert.equal(shown.action, 'redirect');
    assert.ok(shown.findings.some((f) => f.category === 'complaint'));
    const { contacts } = await engineSays(page, '');
    const step = page.locator('#next-steps [data-step="complaint"]');
    await step.waitFor();
    const hrefs = await step.locator('a').evaluateAll((links) => links.map((a) => a.href));
    assert.deepEqual(hrefs.sort(), [new URL(contacts.complaintForm).href, new URL(contacts.commissariaat).href].sort());
  });

  test('an emergency puts "Bel 101" above everything, assertively', async () => {
    await setDraft(page, EMERGENCY);
    const shown = await snapshot(page);
    assert.equal(shown.state, 'urgent');
    assert.match(shown.title, /Bel 101/);
    const banner = page.locator('#urgent-banner');
    assert.equal(await banner.getAttribute('aria-live'), 'assertive');
    assert.match(shown.banner, /Bel nu 101/);
    const call = banner.locator('a[href="tel:101"]');
    assert.equal(await call.textContent(), '101');
    assert.ok(await call.isVisible());
    // Above everything: the first thing in the body, at the very top, also when scrolled down.
    assert.equal(await page.evaluate(() => document.body.firstElementChild.id), 'urgent-banner');
    const box = await banner.boundingBox();
    assert.equal(box.y, 0);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => document.getElementById('urgent-banner').getBoundingClientRect().top === 0
      && window.scrollY > 0);
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  test('clearing the draft clears underlines, list and banner', async () => {
    await setDraft(page, EMERGENCY);
    await setDraft(page, '');
    const shown = await snapshot(page);
    assert.equal(shown.state, 'empty');
    assert.deepEqual(shown.marks, []);
    assert.equal(shown.findingsHidden, true);
    assert.equal(shown.banner, '');
  });
});

describe('typing', () => {
  test('every keystroke is checked, without a button', async () => {
    await setDraft(page, '');
    await page.focus('#draft');
    await page.keyboard.type('Ik vind jullie ');
    await settled(page);
    assert.equal((await snapshot(page)).state, 'allow');
    await page.keyboard.type('kankerflikken');
    await page.waitForFunction(() => [...document.querySelectorAll('#highlights mark')].some((m) => m.textContent === 'kankerflikken'));
    assert.equal((await snapshot(page)).state, 'remove');
    // Editing the word away removes the underline again.
    for (let i = 0; i < 'kankerflikken'.length; i += 1) await page.keyboard.press('Backspace');
    await page.keyboard.type('traag');
    await settled(page);
    const shown = await snapshot(page);
    assert.deepEqual(shown.marks, []);
    assert.equal(shown.state, 'allow');
  });

  test('marks stay exact around emoji, skin tones and combining accents', async () => {
    const text = '👍🏽 Café, cafe\u0301 😀 jullie zijn kankerflikken 🚓 en bel me op 0475 12 34 56 🙂';
    await setDraft(page, text);
    const { shown } = await assertPageMatchesEngine(text);
    assert.ok(shown.marks.includes('kankerflikken'), `marks: ${JSON.stringify(shown.marks)}`);
    assert.ok(shown.marks.includes('0475 12 34 56'), `marks: ${JSON.stringify(shown.marks)}`);
  });

  test('several findings across lines are all underlined and listed', async () => {
    const text = `${INSULT}\n\n${PHONE}\n${COMPLAINT}\n`;
    await setDraft(page, text);
    const { shown, verdict } = await assertPageMatchesEngine(text);
    assert.ok(verdict.findings.length >= 3);
    assert.ok(shown.marks.includes('kankerflikken'));
    assert.ok(shown.marks.includes('0475 12 34 56'));
    assert.notEqual(shown.state, 'allow');
  });
});

describe('comment text is never HTML', () => {
  test('markup in a draft stays text: no element, no script, no dialog', async () => {
    const text = '<img src=x onerror=alert(1)> <script>alert(2)</script> kankerflikken <b>vet</b> <img src=x onerror=alert(3)>';
    await setDraft(page, text);
    const shown = await snapshot(page);
    assert.ok(shown.marks.includes('kankerflikken'));
    const dom = await page.evaluate(() => ({
      imgs: document.querySelectorAll('img[src="x"]').length,
      scripts: [...document.scripts].filter((s) => s.textContent.includes('alert')).length,
      bold: document.querySelectorAll('#highlights b, #findings b').length,
      mirrorElements: [...document.querySelectorAll('#highlights *')].map((n) => n.tagName),
      mirrorText: document.getElementById('highlights').textContent,
    }));
    assert.equal(dom.imgs, 0);
    assert.equal(dom.scripts, 0);
    assert.equal(dom.bold, 0);
    assert.ok(dom.mirrorElements.every((tag) => tag === 'MARK'), dom.mirrorElements.join());
    assert.equal(dom.mirrorText, text);
    assert.deepEqual(page.dialogs, []);
    assert.deepEqual(page.errors, []);
  });

  test('markup inside an underlined excerpt is shown literally in the list', async () => {
    const text = 'bel <b>0475 12 34 56</b> of <img src=x onerror=alert(1)>@voorbeeld.be';
    await setDraft(page, text);
    const { shown } = await assertPageMatchesEngine(text);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"], #findings b').length), 0);
    assert.ok(shown.findings.length > 0);
    assert.deepEqual(page.dialogs, []);
  });
});

test('no script errors on the page', () => {
  assert.deepEqual(page.errors.map(String), []);
});
