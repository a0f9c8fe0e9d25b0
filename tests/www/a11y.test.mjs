// Accessibility and languages: labels, keyboard-only use, live regions, visible focus, contrast,
// and the Dutch/French/English switch that is remembered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES, STRINGS } from '../../www/i18n.js';
import { engineReady, engineSays, openPage, setDraft, settled, setup, snapshot } from './helpers.mjs';

const CLEAN = 'Ik vind dat jullie te traag reageerden op mijn melding.';
const PHONE = 'Bel me op 0475 12 34 56';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** Tab through the page and report where focus went (id, or tag + href). */
async function tabStops(page, count) {
  const stops = [];
  for (let i = 0; i < count; i += 1) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(() => {
      const a = document.activeElement;
      return a.id || `${a.tagName.toLowerCase()}${a.getAttribute('href') ? `[${a.getAttribute('href')}]` : ''}`;
    }));
  }
  return stops;
}

describe('keyboard only', () => {
  test('Tab reaches the language switch and the textarea, early and in reading order', async () => {
    const page = await openPage(env.browser, env.server.url);
    try {
      const stops = await tabStops(page, 8);
      const lang = stops.indexOf('lang');
      const draft = stops.indexOf('draft');
      assert.ok(lang >= 0, `language switch not reached: ${stops}`);
      assert.ok(draft > lang, `textarea not reached after the language switch: ${stops}`);
      assert.ok(stops.slice(0, lang).includes('a[tel:101]'), `Bel 101 should come before the rest: ${stops}`);
    } finally {
      await page.closeAll();
    }
  });

  test('the skip link jumps to the textarea', async () => {
    const page = await openPage(env.browser, env.server.url);
    try {
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
      assert.ok(await page.locator('.skip-link').isVisible(), 'skip link becomes visible on focus');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement.id === 'draft');
    } finally {
      await page.closeAll();
    }
  });

  test('type, read the verdict, Tab out of the textarea and switch language with arrows', async () => {
    const page = await openPage(env.browser, env.server.url);
    try {
      await page.focus('#lang');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'draft');
      await page.keyboard.type(PHONE);
      await settled(page);
      assert.equal((await snapshot(page)).state, 'remove');
      // Tab is not trapped in the textarea (no tab characters inserted).
      await page.keyboard.press('Tab');
      assert.notEqual(await page.evaluate(() => document.activeElement.id), 'draft');
      assert.equal(await page.inputValue('#draft'), PHONE);

      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'lang');
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => document.documentElement.lang === 'fr');
      assert.equal(await page.locator('h1').textContent(), STRINGS.fr.heading);
    } finally {
      await page.closeAll();
    }
  });

  test('focus is clearly visible on the textarea, the language switch and links', async () => {
    const page = await openPage(env.browser, env.server.url);
    try {
      await page.keyboard.press('Tab'); // skip link
      for (let i = 0; i < 6; i += 1) {
        const style = await page.evaluate(() => {
          const s = getComputedStyle(document.activeElement);
          return { who: document.activeElement.id || document.activeElement.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
        });
        assert.notEqual(style.style, 'none', `no focus outline on ${style.who}`);
        assert.ok(style.width >= 2, `thin focus outline on ${style.who}`);
        await page.keyboard.press('Tab');
      }
    } finally {
      await page.closeAll();
    }
  });
});

describe('semantics', () => {
  let page;
  before(async () => {
    page = await openPage(env.browser, env.server.url);
  });
  after(async () => {
    await page?.closeAll();
  });

  test('the textarea and the language switch have labels', async () => {
    assert.equal(await page.getByRole('textbox', { name: 'Jouw reactie' }).count(), 1);
    assert.equal(await page.getByRole('combobox', { name: 'Taal' }).count(), 1);
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
    assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  });

  test('the verdict summary is a polite live region; the urgent banner is assertive', async () => {
    assert.equal(await page.getAttribute('#status', 'aria-live'), 'polite');
    assert.equal(await page.getAttribute('#urgent-banner', 'aria-live'), 'assertive');
    // Live regions must exist before they are filled, or screen readers miss the change.
    await setDraft(page, 'Help, er wordt nu ingebroken bij mijn buren!');
    assert.match(await page.locator('#urgent-banner').textContent(), /101/);
    // The mirror with the underlines is hidden from assistive technology (it repeats the draft).
    assert.equal(await page.getAttribute('.backdrop', 'aria-hidden'), 'true');
  });

  test('text has enough contrast (WCAG AA 4.5:1) in every state', async () => {
    const drafts = [CLEAN, PHONE, 'Ik wil een klacht indienen tegen die agent', 'Help, er wordt nu ingebroken bij mijn buren!', ''];
    for (const draft of drafts) {
      await setDraft(page, draft);
      const low = await page.evaluate(lowContrast);
      assert.deepEqual(low, [], `low contrast with draft ${JSON.stringify(draft)}`);
    }
  });
});

describe('languages', () => {
  test('every language has every UI string', () => {
    const keys = (o) => Object.keys(o).sort();
    for (const lang of LANGUAGES) {
      assert.deepEqual(keys(STRINGS[lang]), keys(STRINGS.nl), lang);
      assert.deepEqual(keys(STRINGS[lang].categories), keys(STRINGS.nl.categories), `${lang} categories`);
    }
  });

  test('switching to French and English translates the chrome, keeps the draft and the Dutch rule texts', async () => {
    const page = await openPage(env.browser, env.server.url);
    try {
      await setDraft(page, PHONE);
      const { verdict } = await engineSays(page, PHONE);
      await page.selectOption('#lang', 'fr');
      await page.waitForFunction(() => document.documentElement.lang === 'fr');
      assert.equal(await page.title(), STRINGS.fr.documentTitle);
      assert.equal(await page.locator('h1').textContent(), STRINGS.fr.heading);
      assert.equal(await page.locator('label[for="draft"]').textContent(), STRINGS.fr.draftLabel);
      assert.equal(await page.getAttribute('#draft', 'placeholder'), STRINGS.fr.draftPlaceholder);
      assert.equal((await snapshot(page)).title, STRINGS.fr.stateRemove);
      assert.equal(await page.inputValue('#draft'), PHONE);
      const shown = await snapshot(page);
      assert.deepEqual(shown.findings.map((f) => f.message), verdict.findings.map((f) => f.message));
      assert.equal(await page.locator('#findings .message').first().getAttribute('lang'), 'nl');
      assert.ok(await page.locator('#rules-in-dutch').isVisible());
      assert.match(await page.locator('#privacy').textContent(), /reste sur votre appareil/);

      await page.selectOption('#lang', 'en');
      await setDraft(page, CLEAN);
      assert.equal((await snapshot(page)).title, 'Ready to post');
      assert.equal(await page.getByRole('textbox', { name: STRINGS.en.draftLabel }).count(), 1);
    } finally {
      await page.closeAll();
    }
  });

  test('the choice is remembered in localStorage across reloads', async () => {
    const page = await openPage(env.browser, env.server.url);
    try {
      await page.selectOption('#lang', 'fr');
      assert.equal(await page.evaluate(() => localStorage.getItem('huisregels.lang')), 'fr');
      await page.reload();
      await engineReady(page);
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      assert.equal(await page.inputValue('#lang'), 'fr');
      assert.equal(await page.locator('h1').textContent(), STRINGS.fr.heading);
      await page.selectOption('#lang', 'nl');
      await page.reload();
      await engineReady(page);
      assert.equal(await page.locator('h1').textContent(), STRINGS.nl.heading);
    } finally {
      await page.closeAll();
    }
  });
});

/** Runs in the page: visible text elements whose contrast with their background is below AA. */
function lowContrast() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const background = (node) => {
    const layers = [];
    for (let n = node; n; n = n.parentElement) {
      const bg = parse(getComputedStyle(n).backgroundColor);
      if (bg && bg.a > 0) {
        layers.push(bg);
        if (bg.a >= 1) break;
      }
    }
    return layers.reduceRight((acc, layer) => over(layer, acc), { r: 255, g: 255, b: 255, a: 1 });
  };
  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const el = text.parentElement;
    if (!text.textContent.trim() || el.closest('#highlights, noscript, [hidden]')) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const fg = parse(style.color);
    const bg = background(el);
    const l1 = lum(over(fg, bg));
    const l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (ratio < 4.5) failures.push(`${ratio.toFixed(2)} ${el.tagName}.${el.className} "${text.textContent.trim().slice(0, 30)}"`);
  }
  return failures;
}
