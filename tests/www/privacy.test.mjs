// Privacy and hosting: the draft never leaves the device (no request after load), nothing comes
// from another origin, the page works from a sub-path and under a strict CSP with Trusted Types.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { LAUNCH, engineReady, openPage, setDraft, snapshot } from './helpers.mjs';
import { startServer } from './server.mjs';

const DRAFTS = [
  'Ik vind dat jullie te traag reageerden op mijn melding.',
  'Bel me op 0475 12 34 56',
  'Jullie zijn kankerflikken',
  'Ik wil een klacht indienen tegen die agent',
  'Help, er wordt nu ingebroken bij mijn buren!',
  'mail me: jan.peeters@example.com of kijk op https://www.example.com/actie',
];

let browser;
before(async () => {
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  await browser?.close();
});

function serve(options = {}) {
  const root = process.env.HUISREGELS_WWW;
  return startServer({ ...options, ...(root ? { root } : {}) });
}

test('no network request after the page has loaded, whatever is typed or clicked', async () => {
  const server = await serve();
  const loadRequests = [];
  const page = await openPage(browser, server.url, {
    waitForEngine: false,
    beforeGoto: (p) => p.on('request', (r) => loadRequests.push(r.url())),
  });
  try {
    await engineReady(page);
    await page.waitForLoadState('networkidle');

    const late = [];
    page.on('request', (r) => late.push(`${r.method()} ${r.url()}`));
    page.on('websocket', (ws) => late.push(`websocket ${ws.url()}`));
    await page.evaluate(() => navigator.serviceWorker?.getRegistrations?.()).then((regs) => {
      assert.equal(regs?.length ?? 0, 0, 'no service worker');
    });

    await page.focus('#draft');
    for (const draft of DRAFTS) {
      await page.keyboard.type(draft);
      await page.keyboard.press('Enter');
      await setDraft(page, draft);
    }
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.selectOption('#lang', 'fr');
    await page.selectOption('#lang', 'en');
    await page.selectOption('#lang', 'nl');
    await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
    await setDraft(page, DRAFTS[4]);
    assert.equal((await snapshot(page)).state, 'urgent');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    // Let any straggler (beacon, prefetch, favicon) surface before judging.
    await page.waitForLoadState('networkidle');

    assert.deepEqual(late, []);
    // And while loading: only our own origin, under the page's own directory.
    assert.ok(loadRequests.length > 0);
    for (const url of loadRequests) assert.ok(url.startsWith(server.url), `unexpected request ${url}`);
  } finally {
    await page.closeAll();
    await server.close();
  }
});

test('the page says that the text stays on the device', async () => {
  const server = await serve();
  const page = await openPage(browser, server.url);
  try {
    const text = await page.locator('#privacy').textContent();
    assert.match(text, /blijft op je toestel/);
    assert.match(text, /niets verstuurd/);
    // Screen readers hear it with the textarea.
    const describedBy = await page.getAttribute('#draft', 'aria-describedby');
    assert.ok(describedBy.split(' ').includes('privacy'));
  } finally {
    await page.closeAll();
    await server.close();
  }
});

test('works from a sub-path: every URL is relative', async () => {
  const server = await serve({ base: '/sites/politie/gent/huisregels/' });
  const requests = [];
  const page = await openPage(browser, server.url, {
    waitForEngine: false,
    beforeGoto: (p) => p.on('request', (r) => requests.push(new URL(r.url()))),
  });
  try {
    await engineReady(page);
    await setDraft(page, 'Jullie zijn kankerflikken');
    assert.deepEqual((await snapshot(page)).marks, ['kankerflikken']);
    assert.ok(requests.some((url) => url.pathname.endsWith('.wasm')), 'the module request was seen');
    for (const url of requests) {
      assert.ok(url.pathname.startsWith('/sites/politie/gent/huisregels/'), `request outside the sub-path: ${url}`);
    }
    // Same-page links (table of contents, skip link) stay on the page.
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
    for (const href of hrefs) {
      assert.ok(/^(#|\.\/|tel:|mailto:|https?:\/\/(?!127\.0\.0\.1))/.test(href), `odd link ${href}`);
    }
    const resources = await page.$$eval('link[href], script[src], img[src]', (nodes) => nodes.map((n) => n.getAttribute('href') ?? n.getAttribute('src')));
    for (const src of resources) assert.ok(src.startsWith('./'), `resource not relative: ${src}`);
  } finally {
    await page.closeAll();
    await server.close();
  }
});

test('works under a strict Content-Security-Policy with Trusted Types', async () => {
  const csp = [
    "default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'",
    "img-src 'self'", "connect-src 'self'", "base-uri 'none'", "form-action 'none'",
    "frame-ancestors 'none'", "require-trusted-types-for 'script'", 'trusted-types',
  ].join('; ');
  const server = await serve({ headers: { 'Content-Security-Policy': csp } });
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Trusted Type/i.test(m.text())) violations.push(m.text());
  });
  try {
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window.__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await page.goto(server.url);
    await engineReady(page);
    await setDraft(page, 'Bel me op 0475 12 34 56 <img src=x onerror=alert(1)>');
    assert.deepEqual((await snapshot(page)).marks, ['0475 12 34 56']);
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.deepEqual(await page.evaluate(() => window.__violations ?? []), []);
    assert.deepEqual(violations, []);
  } finally {
    await context.close();
    await server.close();
  }
});
