// Shared set-up for the extension's browser tests and benchmark: build the extension, serve the
// fixture pages as the real Facebook hosts over HTTPS (self-signed certificate made here with
// openssl) with a Facebook-style CSP, and start Debian's Chromium with the extension loaded.

import { createServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from '../../extension/build.mjs';
import { desktopPage, mobilePage, businessPage, benchFixture } from './fixtures/facebook.mjs';
import * as data from './fixtures/data.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '..', '..');
export const ARTIFACTS = join(ROOT, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const FACEBOOK_HOSTS = ['www.facebook.com', 'web.facebook.com', 'm.facebook.com', 'business.facebook.com'];

/**
 * Facebook's CSP in spirit: scripts only from its own hosts, no 'unsafe-eval', no
 * 'wasm-unsafe-eval' (so no WebAssembly in the page or in a content script), Trusted Types.
 */
export const PAGE_CSP = [
  "default-src 'self' data: blob:",
  "script-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' wss://*.facebook.com",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
  "require-trusted-types-for 'script'",
].join('; ');

let built = null;

/** Builds dist/ from extension/ and pkg/ once per process; returns the Chromium and Firefox folders. */
export function buildExtension() {
  if (!built) {
    const results = build();
    built = Object.fromEntries(results.map((r) => [r.target, r.dir]));
  }
  return built;
}

/** True when the engine's wasm-pack output is there (tests need the real engine). */
export function hasPackage() {
  const pkg = resolve(process.env.HUISREGELS_PKG ?? join(ROOT, 'pkg'));
  return existsSync(join(pkg, 'huisregels.js')) && existsSync(join(pkg, 'huisregels_bg.wasm'));
}

function certificate(dir) {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-subj', '/CN=www.facebook.com',
    '-addext', 'subjectAltName=DNS:facebook.com,DNS:*.facebook.com',
  ], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.html': 'text/html; charset=utf-8' };

function route(host, url) {
  const { pathname, searchParams } = url;
  if ((host === 'www.facebook.com' || host === 'web.facebook.com') && pathname.startsWith('/politiegent/posts/')) {
    return desktopPage(data.desktop, host);
  }
  if (host === 'www.facebook.com' && pathname === '/bench') {
    return desktopPage(benchFixture(Number(searchParams.get('n') ?? 2000)), host, { head: 'longtasks.js' });
  }
  if (host === 'www.facebook.com' && pathname === '/politiegent/empty') {
    return desktopPage({ post: 'pfbid02Empty', text: 'Een bericht zonder reacties.', comments: [] }, host);
  }
  if (host === 'm.facebook.com' && pathname === '/story.php') return mobilePage(data.mobile);
  if (host === 'business.facebook.com' && pathname.startsWith('/latest/inbox')) return businessPage(data.business);
  return null;
}

/**
 * Serves the fixtures on 127.0.0.1 (an ephemeral port) as the Facebook hosts. `requests` lists
 * every request that reached it, as host + path.
 */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'huisregels-cert-'));
  const requests = [];
  const server = createServer(certificate(dir), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url, `https://${host}`);
    requests.push(`${host}${url.pathname}`);
    if (!FACEBOOK_HOSTS.includes(host)) {
      res.writeHead(421).end();
      return;
    }
    if (url.pathname.startsWith('/static/')) {
      const file = join(HERE, 'fixtures', 'static', url.pathname.slice('/static/'.length).replace(/[^\w.-]/g, ''));
      if (existsSync(file)) {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(readFileSync(file));
        return;
      }
    }
    const html = route(host, url);
    if (html === null) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Deze pagina is niet beschikbaar');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'x-frame-options': 'DENY',
      'cache-control': 'private, no-cache, no-store, must-revalidate',
    });
    res.end(html);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    port,
    requests,
    close: () => {
      server.closeAllConnections?.();
      rmSync(dir, { recursive: true, force: true });
      return new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * Chromium with the extension, every *.facebook.com name resolved to the fixture server and every
 * other name to nothing (so a stray request fails here as well as being seen by the test).
 * Returns { context, extensionId, extensionUrl(path), requests, close }. Without `ext`: the same
 * browser without the extension (the benchmark's baseline).
 */
export async function launchChromium({ port, ext, lang = 'nl' }) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'huisregels-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    locale: lang,
    viewport: { width: 1000, height: 900 },
    env: { ...process.env, LANGUAGE: lang },
    args: [
      '--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-default-apps', `--lang=${lang}`,
      ...(ext ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : []),
      `--host-resolver-rules=MAP *.facebook.com 127.0.0.1:${port}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
    ],
  });
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  let extensionId = null;
  if (ext) {
    let [sw] = context.serviceWorkers();
    if (!sw) sw = await context.waitForEvent('serviceworker');
    extensionId = new URL(sw.url()).host;
  }
  return {
    context,
    extensionId,
    requests,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `fn` until it returns a truthy value (a condition, not a fixed sleep). */
export async function waitFor(fn, { timeout = 15_000, interval = 50, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${message}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((ok) => setTimeout(ok, interval));
  }
}

/**
 * A page of the extension (chrome-extension://ID/popup.html) used to talk to a tab's content
 * script the way the popup does, even while the service worker sleeps.
 */
export async function controlPage(browser) {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('popup.html?tab=-1'));
  return page;
}

/** The id of the tab showing `url`. */
export function tabIdOf(control, url) {
  return control.evaluate(async (target) => (await chrome.tabs.query({})).find((t) => t.url === target)?.id ?? null, url);
}

/** The content script's state for the tab showing `url` (the popup's get-state). */
export async function contentState(control, url) {
  return control.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === target);
    if (!tab) return null;
    try {
      return await chrome.tabs.sendMessage(tab.id, { kind: 'get-state' });
    } catch (e) {
      return { kind: 'error', message: e.message };
    }
  }, url);
}

/** Waits until the content script on `page` has read `found` comments and has nothing pending. */
export async function waitSettled(control, page, found) {
  return waitFor(async () => {
    const s = await contentState(control, page.url());
    return s && s.kind === 'state' && s.pending === 0 && s.found >= found && s;
  }, { message: `content script on ${page.url()} to settle with ${found} comments` });
}

/** The marker hosts on the page as { id, action, rules, categories } by fixture comment id. */
export async function markers(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('huisregels-marker')].map((m) => {
    const article = m.parentElement;
    return [article.dataset.fixtureId, {
      action: m.dataset.action, rules: m.dataset.rules.split(' '), categories: m.dataset.categories.split(' '),
    }];
  })));
}
