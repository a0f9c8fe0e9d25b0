// The options page: categories on or off, an action per category, words to block or allow,
// import/export as JSON. Settings are checked by the engine itself (loaded here, as in the
// background) before they are saved, so a bad setting shows the engine's own error message and
// is never stored. Fields an organisation set through managed storage are shown read-only.

import init, { Engine } from './pkg/huisregels.js';
import { ext, t, localize } from './i18n.js';
import { KINDS, msg, ask } from './protocol.js';
import {
  SETTINGS_KEY, DISMISSED_PREFIX, ACTIONS, CATEGORIES, normaliseSettings, mergeManaged,
  engineOptions, exportDocument, importDocument, emptySettings,
} from './settings.js';
import { el } from './dom.js';

const $ = (id) => document.getElementById(id);
let user = emptySettings(); // what this moderator stored (storage.sync)
let locked = []; // fields set by the organisation
let managed = {};

function setStatus(text, ok) {
  $('status').textContent = text;
  $('status').className = ok ? 'ok' : 'error';
}

/** The default action of each category, as the engine's default pack has it. */
function defaultActions(rules) {
  const out = {};
  for (const r of rules) out[r.category] ??= r.action;
  return out;
}

function buildTable(rules) {
  const defaults = defaultActions(rules);
  const body = $('categories').tBodies[0];
  body.replaceChildren();
  for (const category of CATEGORIES) {
    const on = el('input', { type: 'checkbox', 'data-category': category, 'aria-label': t(`category_${category}`) });
    const select = el('select', { 'data-category': category, 'aria-label': `${t('options_action')}: ${t(`category_${category}`)}` });
    select.append(el('option', { value: '', text: t('options_default', [t(`action_${defaults[category] ?? 'remove'}`)]) }));
    for (const action of ACTIONS) select.append(el('option', { value: action, text: t(`action_${action}`) }));
    const own = rules.filter((r) => r.category === category);
    const details = el('details', {}, el('summary', { text: String(own.length) }),
      el('ul', {}, ...own.map((r) => el('li', {}, el('code', { text: r.id }), document.createTextNode(` \u2014 ${r.title}`)))));
    body.append(el('tr', { 'data-category': category },
      el('th', { scope: 'row', text: t(`category_${category}`) }), el('td', {}, on), el('td', {}, select), el('td', {}, details)));
  }
}

function fill(settings) {
  for (const box of document.querySelectorAll('#categories input[type="checkbox"]')) {
    box.checked = !settings.disable.includes(box.dataset.category);
    box.disabled = locked.includes('disable');
  }
  for (const select of document.querySelectorAll('#categories select')) {
    select.value = settings.actions[select.dataset.category] ?? '';
    select.disabled = locked.includes('actions');
  }
  $('block').value = settings.block.join('\n');
  $('allow').value = settings.allow.join('\n');
  $('block').disabled = locked.includes('block');
  $('allow').disabled = locked.includes('allow');
  for (const note of document.querySelectorAll('.managed')) {
    const field = note.dataset.field;
    note.hidden = field === 'categories' ? !locked.some((f) => f === 'disable' || f === 'actions') : !locked.includes(field);
  }
}

/** The form's settings; entries the form does not show (rule ids) are kept from `base`. */
function read(base) {
  const disable = base.disable.filter((id) => !CATEGORIES.includes(id));
  for (const box of document.querySelectorAll('#categories input[type="checkbox"]')) {
    if (!box.checked) disable.push(box.dataset.category);
  }
  const actions = Object.fromEntries(Object.entries(base.actions).filter(([id]) => !CATEGORIES.includes(id)));
  for (const select of document.querySelectorAll('#categories select')) {
    if (select.value) actions[select.dataset.category] = select.value;
  }
  const lines = (id) => $(id).value.split('\n').map((s) => s.trim()).filter(Boolean);
  return normaliseSettings({ disable, actions, block: lines('block'), allow: lines('allow') });
}

/** Throws the engine's own error when these settings (with the managed ones) are not valid. */
function validate(settings) {
  const { settings: effective } = mergeManaged(settings, managed);
  const engine = new Engine(engineOptions(effective));
  engine.free?.();
}

async function save(settings, done) {
  try {
    const clean = normaliseSettings(settings);
    validate(clean);
    await ext.storage.sync.set({ [SETTINGS_KEY]: clean });
    user = clean;
    fill(mergeManaged(user, managed).settings);
    setStatus(done, true);
    $('engine-error').hidden = true;
  } catch (e) {
    setStatus(t('options_error', [e instanceof Error ? e.message : String(e)]), false);
  }
}

function exportFile() {
  const json = `${JSON.stringify(exportDocument(user), null, 2)}\n`;
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = el('a', { href: url, download: 'huisregels-instellingen.json' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function importFile(file) {
  try {
    const settings = importDocument(await file.text());
    await save(settings, t('options_imported'));
  } catch (e) {
    setStatus(t('options_error', [e.message]), false);
  }
}

async function showDismissed() {
  const all = await ext.storage.local.get(null);
  const keys = Object.keys(all).filter((k) => k.startsWith(DISMISSED_PREFIX));
  $('dismissed-count').textContent = t('options_dismissed_count', [String(keys.length)]);
  $('clear-dismissed').disabled = keys.length === 0;
  return keys;
}

async function showEngineStatus() {
  try {
    const status = await ask((m) => ext.runtime.sendMessage(m), msg(KINDS.status), KINDS.status);
    $('version').textContent = t('options_version', [status.version]);
    if (status.error) {
      $('engine-error').textContent = t('options_engine_error', [status.error]);
      $('engine-error').hidden = false;
    }
  } catch (e) {
    $('engine-error').textContent = e.message;
    $('engine-error').hidden = false;
  }
}

async function main() {
  localize();
  setStatus(t('options_loading'), true);
  await init({ module_or_path: ext.runtime.getURL('pkg/huisregels_bg.wasm') });
  try {
    managed = (await ext.storage.managed.get(null)) ?? {};
  } catch {
    managed = {};
  }
  const stored = await ext.storage.sync.get(SETTINGS_KEY);
  try {
    user = normaliseSettings(stored[SETTINGS_KEY]);
  } catch (e) {
    user = emptySettings();
    setStatus(t('options_error', [e.message]), false);
  }
  const merged = mergeManaged(user, managed);
  locked = merged.locked;
  buildTable(new Engine({}).rules());
  fill(merged.settings);
  setStatus('', true);

  $('form').addEventListener('submit', (event) => {
    event.preventDefault();
    save(read(user), t('options_saved'));
  });
  $('reset').addEventListener('click', () => save(emptySettings(), t('options_saved')));
  $('export').addEventListener('click', exportFile);
  $('import-file').addEventListener('change', (event) => {
    const [file] = event.target.files;
    if (file) importFile(file);
    event.target.value = '';
  });
  $('clear-dismissed').addEventListener('click', async () => {
    await ext.storage.local.remove(await showDismissed());
    showDismissed();
  });
  showDismissed();
  showEngineStatus();
}

main().catch((e) => setStatus(e.message, false));
