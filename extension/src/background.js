// The background: the only place the WebAssembly engine runs (module service worker in
// Chromium, module event page in Firefox). Pages cannot stop it there: their CSP does not apply
// to extension pages, and the manifest allows 'wasm-unsafe-eval' for them.
//
// It loads the engine on the first message (the service worker is stopped when idle and starts
// again on the next message), builds it from the settings in force, and rebuilds it when they
// change. It makes no network request: the .wasm comes from the extension's own files.

import init, { Engine } from './pkg/huisregels.js';
import { KINDS, msg, errorReply } from './protocol.js';
import { SETTINGS_KEY, mergeManaged, engineOptions, optionsKey, emptySettings } from './settings.js';
import { ext } from './i18n.js';
const FACEBOOK = ext.runtime.getManifest().host_permissions;

let wasm = null;
let current = null; // Promise of { engine, key, builtAt, error, rules }

function loadWasm() {
  wasm ??= init({ module_or_path: ext.runtime.getURL('pkg/huisregels_bg.wasm') });
  return wasm;
}

async function readManaged() {
  try {
    return (await ext.storage.managed.get(null)) ?? {};
  } catch {
    return {}; // no policy installed (Firefox throws when there is no managed manifest)
  }
}

async function buildEngine() {
  await loadWasm();
  const managed = await readManaged();
  const stored = await ext.storage.sync.get(SETTINGS_KEY);
  let error = null;
  let settings = emptySettings();
  try {
    ({ settings } = mergeManaged(stored[SETTINGS_KEY], managed));
  } catch (e) {
    error = e.message;
  }
  let options = engineOptions(settings);
  let engine;
  try {
    engine = new Engine(options);
  } catch (e) {
    // A bad setting must not leave the moderators without checks: fall back to the default
    // pack and say why in the popup and the options page.
    error = e instanceof Error ? e.message : String(e);
    options = engineOptions(emptySettings());
    engine = new Engine(options);
  }
  // builtAt orders engines: a reply from an engine older than the one a tab knows is stale.
  return { engine, key: optionsKey(options), builtAt: Date.now(), error, rules: null };
}

function engineState() {
  current ??= buildEngine();
  return current;
}

async function rebuild() {
  const previous = current;
  current = buildEngine();
  const state = await current;
  if (previous) {
    previous.then((old) => old.engine.free?.()).catch(() => {});
  }
  const tabs = await ext.tabs.query({ url: FACEBOOK });
  for (const tab of tabs) {
    ext.tabs.sendMessage(tab.id, msg(KINDS.engineChanged, { key: state.key, builtAt: state.builtAt }))
      .catch(() => {});
  }
}

async function handle(message) {
  switch (message?.kind) {
    case KINDS.check: {
      const { engine, key, builtAt } = await engineState();
      if (!Array.isArray(message.texts)) throw new Error('check: texts must be an array');
      return msg(KINDS.verdicts, { key, builtAt, verdicts: engine.checkMany(message.texts) });
    }
    case KINDS.rules: {
      const state = await engineState();
      state.rules ??= state.engine.rules();
      return msg(KINDS.rules, {
        key: state.key,
        builtAt: state.builtAt,
        version: state.engine.version(),
        rules: state.rules,
        contacts: state.engine.contacts(),
      });
    }
    case KINDS.status: {
      const state = await engineState();
      return msg(KINDS.status, { key: state.key, version: state.engine.version(), error: state.error });
    }
    default:
      throw new Error(`background: unexpected message ${message?.kind}`);
  }
}

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== ext.runtime.id) return false;
  handle(message).then(sendResponse, (e) => sendResponse(errorReply(e)));
  return true; // answer asynchronously
});

ext.storage.onChanged.addListener((changes, area) => {
  if ((area === 'sync' && SETTINGS_KEY in changes) || area === 'managed') {
    rebuild().catch((e) => console.error('huisregels: rebuilding the engine failed', e));
  }
});
