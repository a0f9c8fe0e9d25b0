// The same build in Firefox ESR: installed as a temporary add-on over WebDriver BiDi
// (webExtension.install, no geckodriver), then the desktop fixture page must get its markers.
// Firefox resolves every host name to the fixture server (network.dns.forceResolve), so nothing
// leaves the machine here either.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { buildExtension, hasPackage, startServer, ARTIFACTS } from './harness.mjs';
import * as data from './fixtures/data.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

const PREFS = {
  'network.dns.forceResolve': '127.0.0.1',
  'network.proxy.type': 0,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.disabledForTesting': true,
  'extensions.autoDisableScopes': 0,
};

class Bidi {
  constructor(url) {
    this.ws = new WebSocket(url);
    this.id = 0;
    this.pending = new Map();
    this.ws.on('message', (raw) => {
      const msg = JSON.parse(raw);
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.type === 'error') waiter.reject(new Error(`${msg.error}: ${msg.message}`));
      else waiter.resolve(msg.result);
    });
  }

  open() {
    return new Promise((ok, fail) => { this.ws.once('open', ok); this.ws.once('error', fail); });
  }

  send(method, params = {}) {
    this.id += 1;
    const id = this.id;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** Evaluates `expression` (which may return a promise) in the page and returns its JSON value. */
  async evaluate(context, expression) {
    const result = await this.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`, target: { context }, awaitPromise: true,
    });
    if (result.type === 'exception') throw new Error(result.exceptionDetails.text);
    return JSON.parse(result.result.value);
  }
}

function startFirefox(profile) {
  const child = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
  });
  const url = new Promise((ok, fail) => {
    let log = '';
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /WebDriver BiDi listening on (ws:\/\/[^\s]+)/.exec(log);
      if (m) ok(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`firefox exited (${code}):\n${log}`)));
  });
  return { child, url };
}

describe('extension in Firefox ESR', { skip: existsSync(FIREFOX) ? false : `${FIREFOX} is not installed (apt-get install firefox-esr)` }, () => {
  let server;
  let firefox;
  let bidi;
  let profile;

  before(async () => {
    assert.ok(hasPackage(), 'pkg/ is missing: build the engine first (bash scripts/build.sh)');
    server = await startServer();
    profile = mkdtempSync(join(tmpdir(), 'huisregels-firefox-'));
    writeFileSync(join(profile, 'user.js'), Object.entries(PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});\n`).join(''));
    firefox = startFirefox(profile);
    bidi = new Bidi(`${await firefox.url}/session`);
    await bidi.open();
    await bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
  });

  after(async () => {
    await bidi?.send('session.end').catch(() => {});
    bidi?.ws.close();
    if (firefox && firefox.child.exitCode === null) {
      const exited = new Promise((ok) => firefox.child.once('exit', ok));
      firefox.child.kill();
      await exited;
    }
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('installs the Firefox build and marks the comments of the desktop page', async () => {
    const { firefox: dir } = buildExtension();
    const installed = await bidi.send('webExtension.install', { extensionData: { type: 'path', path: dir } });
    assert.equal(installed.extension, 'huisregels@politie-gent');
    const { contexts } = await bidi.send('browsingContext.getTree', {});
    const context = contexts[0].context;
    const url = `https://www.facebook.com:${server.port}/politiegent/posts/pfbid02Gent`;
    await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });

    const expected = Object.fromEntries(data.allComments(data.desktop, { later: true })
      .filter((c) => c.expect && !c.truncated && (c.when ?? 'load') === 'load').map((c) => [c.id, c.expect]));
    // Wait (on the condition, in the page) until every expected comment, the late one too, is marked.
    const found = await bidi.evaluate(context, `new Promise((resolve, reject) => {
      const want = ${JSON.stringify(Object.keys(expected))};
      const read = () => Object.fromEntries([...document.querySelectorAll('huisregels-marker')]
        .map((m) => [m.parentElement.dataset.fixtureId, { action: m.dataset.action, categories: m.dataset.categories.split(' ') }]));
      const done = () => { const f = read(); if (want.every((id) => f[id])) { observer.disconnect(); resolve(f); } };
      const observer = new MutationObserver(done);
      observer.observe(document.documentElement, { childList: true, subtree: true });
      setTimeout(() => { observer.disconnect(); reject(new Error('not all marked after 20 s: ' + JSON.stringify(read()))); }, 20000);
      done();
    })`);
    for (const [id, category] of Object.entries(expected)) {
      assert.ok(found[id], `${id} is marked in Firefox: ${JSON.stringify(found)}`);
      assert.ok(found[id].categories.includes(category), `${id}: ${category} in ${found[id].categories}`);
    }
    for (const clean of ['c4', 'c7']) assert.equal(found[clean], undefined, `${clean} stays unmarked`);

    // The card opens in Firefox too (open shadow root, built with createElement).
    const card = await bidi.evaluate(context, `new Promise((resolve) => {
      document.querySelector('[data-fixture-id="c5"] > huisregels-marker').shadowRoot.querySelector('button').click();
      const host = document.querySelector('huisregels-card');
      resolve({ rule: host.shadowRoot.querySelector('section.finding').dataset.rule, evidence: !!host.shadowRoot.querySelector('[data-copy="evidence"]') });
    })`);
    assert.match(card.rule, /^threat\//);
    assert.equal(card.evidence, true);
    const shot = await bidi.send('browsingContext.captureScreenshot', { context });
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'extension-firefox.png'), Buffer.from(shot.data, 'base64'));
  });
});
