// Layout: the underline mirror sits exactly under the textarea's text, the page fits a 360 px
// phone, and screenshots (1280 px and 375 px, clean and offending draft) land in artifacts/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, openPage, setDraft, setup, snapshot } from './helpers.mjs';

const CLEAN = 'Ik vind dat jullie te traag reageerden op mijn melding. Ik wacht al drie weken op een antwoord over mijn fiets.';
const OFFENDING = 'Jullie zijn kankerflikken, bel me op 0475 12 34 56. Ik wil een klacht indienen tegen die agent.';
const EMERGENCY = 'Help, er wordt nu ingebroken bij mijn buren!';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** The metrics that decide where a character lands must be identical in textarea and mirror. */
async function mirrorGeometry(page) {
  return page.evaluate(() => {
    const draft = document.getElementById('draft');
    const mirror = document.getElementById('highlights');
    const a = getComputedStyle(draft);
    const b = getComputedStyle(mirror);
    const props = ['fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'lineHeight', 'letterSpacing',
      'wordSpacing', 'paddingTop', 'paddingLeft', 'paddingRight', 'whiteSpace', 'overflowWrap',
      'wordBreak', 'tabSize', 'textTransform', 'textIndent', 'fontKerning', 'fontVariantLigatures'];
    const draftBox = draft.getBoundingClientRect();
    const mirrorBox = mirror.getBoundingClientRect();
    return {
      differences: props.filter((p) => a[p] !== b[p]).map((p) => `${p}: ${a[p]} vs ${b[p]}`),
      width: { mirror: mirror.offsetWidth, textarea: draft.clientWidth },
      // Same wrapping gives the same content height.
      height: { mirror: mirror.offsetHeight, textarea: draft.scrollHeight },
      // Content origin: textarea's padding box vs the mirror's box, before scrolling.
      origin: {
        dx: mirrorBox.left + draft.scrollLeft - (draftBox.left + draft.clientLeft),
        dy: mirrorBox.top + draft.scrollTop - (draftBox.top + draft.clientTop),
      },
    };
  });
}

for (const width of [1280, 375]) {
  describe(`at ${width} px`, () => {
    let page;
    before(async () => {
      page = await openPage(env.browser, env.server.url, { viewport: { width, height: 900 } });
    });
    after(async () => {
      await page?.closeAll();
    });

    test('screenshot with a clean draft', async () => {
      await setDraft(page, CLEAN);
      assert.equal((await snapshot(page)).state, 'allow');
      await page.screenshot({ path: artifactPath(`www-${width}-clean.png`), fullPage: false });
      await page.screenshot({ path: artifactPath(`www-${width}-full.png`), fullPage: true });
    });

    test('screenshot with an offending draft', async () => {
      await setDraft(page, OFFENDING);
      assert.notEqual((await snapshot(page)).state, 'allow');
      await page.locator('#draft').scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollTo(0, document.querySelector('.checker').offsetTop - 8));
      await page.screenshot({ path: artifactPath(`www-${width}-offending.png`) });
    });

    test('screenshot with an emergency', async () => {
      await setDraft(page, EMERGENCY);
      assert.equal((await snapshot(page)).state, 'urgent');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: artifactPath(`www-${width}-urgent.png`) });
    });

    test('the mirror has the textarea metrics, width and wrapping', async () => {
      const long = Array.from({ length: 6 }, () => OFFENDING).join(' ');
      await setDraft(page, long);
      const g = await mirrorGeometry(page);
      assert.deepEqual(g.differences, []);
      assert.equal(g.width.mirror, g.width.textarea);
      assert.equal(g.height.mirror, g.height.textarea, 'same number of wrapped lines');
      assert.ok(Math.abs(g.origin.dx) < 0.5 && Math.abs(g.origin.dy) < 0.5, JSON.stringify(g.origin));
    });

    test('the mirror follows the textarea when it scrolls', async () => {
      const lines = Array.from({ length: 40 }, (_, i) => `Regel ${i + 1}: een gewone zin.`);
      lines.push('En toen zei hij kankerflikken tegen de agent.');
      await setDraft(page, lines.join('\n'));
      await page.evaluate(() => {
        const draft = document.getElementById('draft');
        draft.scrollTop = draft.scrollHeight;
      });
      // The scroll event moves the mirror; wait for it, then the mark must be inside the visible textarea.
      await page.waitForFunction(() => {
        const draft = document.getElementById('draft');
        const mark = document.querySelector('#highlights mark');
        const mirror = document.getElementById('highlights');
        const d = draft.getBoundingClientRect();
        const m = mark.getBoundingClientRect();
        const aligned = Math.abs(mirror.getBoundingClientRect().top + draft.scrollTop - (d.top + draft.clientTop)) < 0.5;
        return draft.scrollTop > 0 && aligned && m.top >= d.top && m.bottom <= d.bottom;
      });
      await page.screenshot({ path: artifactPath(`www-${width}-scrolled.png`), clip: await page.locator('#editor').boundingBox() });
    });

    test('the mirror follows the textarea when it is resized', async () => {
      await setDraft(page, Array.from({ length: 3 }, () => OFFENDING).join('\n'));
      await page.evaluate(() => {
        const draft = document.getElementById('draft');
        draft.style.height = '420px';
      });
      await page.waitForFunction(() => {
        const draft = document.getElementById('draft');
        return document.getElementById('highlights').offsetWidth === draft.clientWidth
          && document.querySelector('.backdrop').offsetHeight === draft.offsetHeight;
      });
      await page.evaluate(() => { document.getElementById('draft').style.height = ''; });
    });
  });
}

test('the page fits a 360 px phone without sideways scrolling', async () => {
  const page = await openPage(env.browser, env.server.url, { viewport: { width: 360, height: 740 } });
  try {
    await setDraft(page, `${OFFENDING} ${EMERGENCY} https://www.heel-lange-link-zonder-spaties.example/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`);
    await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
    const overflow = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((n) => n.getBoundingClientRect().right > window.innerWidth + 0.5 && n.closest('#highlights') === null)
        .slice(0, 5)
        .map((n) => `${n.tagName}.${n.className}#${n.id}`),
    }));
    assert.deepEqual(overflow.wide, []);
    assert.ok(overflow.scrollWidth <= overflow.innerWidth, JSON.stringify(overflow));
    const draft = await page.locator('#draft').boundingBox();
    assert.ok(draft.width >= 300, `textarea is ${draft.width}px wide`);
  } finally {
    await page.closeAll();
  }
});
