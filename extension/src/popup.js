// The popup: what huisregels found on this tab, the flagged comments (click one to scroll to
// it), next/previous, and the on/off switch. It asks the tab's content script; it never sees the
// engine. `popup.html?tab=ID` shows another tab (tests, and opening the popup in a window).

import { ext, t, localize } from './i18n.js';
import { KINDS, msg, ask } from './protocol.js';
import { ENABLED_KEY, CATEGORIES } from './settings.js';
import { el } from './dom.js';

const $ = (id) => document.getElementById(id);
let tabId = null;
let flagged = [];
let index = -1;

async function findTab() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param) return Number(param);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function setStatus(text, kind = '') {
  $('status').textContent = text;
  $('status').className = kind;
}

function showSections(on) {
  for (const id of ['counts-section', 'flagged-section', 'offenders-section']) $(id).hidden = !on;
}

function render(state) {
  $('enabled').checked = state.enabled;
  $('help').hidden = true;
  if (!state.enabled) {
    setStatus(t('popup_disabled'));
    showSections(false);
    return;
  }
  if (state.error) {
    setStatus(t('popup_error', [state.error]), 'error');
  } else if (state.found === 0 && state.pending === 0) {
    setStatus(t('popup_none_found'), 'empty');
    $('help').textContent = t('popup_none_found_help');
    $('help').hidden = false;
    showSections(false);
    return;
  } else {
    const line = t('popup_checked', [String(state.found), state.surface?.name ?? '']);
    setStatus(state.pending ? `${line} \u2014 ${t('popup_pending')}` : line);
  }

  const counts = $('counts');
  counts.replaceChildren();
  for (const category of CATEGORIES) {
    const n = state.counts[category];
    if (!n) continue;
    counts.append(el('li', { 'data-category': category },
      el('span', { text: t(`category_${category}`) }), el('b', { text: String(n) })));
  }
  $('counts-section').hidden = counts.childElementCount === 0;

  flagged = state.flagged;
  const list = $('flagged');
  list.replaceChildren();
  flagged.forEach((item, i) => {
    const button = el('button', { type: 'button', 'data-id': String(item.id), 'data-action': item.action },
      el('span', { class: 'badge', 'data-action': item.action, text: t(`action_${item.action}`) }),
      el('span', { class: 'author', text: item.author || '?' }),
      el('span', { class: 'excerpt', text: item.excerpt }));
    button.title = item.rules.join(', ');
    button.addEventListener('click', () => go(i));
    list.append(el('li', { 'aria-current': String(i === index) }, button));
  });
  $('flagged-section').hidden = flagged.length === 0;
  if (!flagged.length && !state.error && !state.pending) setStatus(`${$('status').textContent}. ${t('popup_no_flags')}`);
  updatePosition();

  const offenders = $('offenders');
  offenders.replaceChildren();
  for (const { author, count } of state.offenders) {
    offenders.append(el('li', { 'data-count': String(count) },
      el('span', { class: 'author', text: author }), el('span', { text: t('popup_offender_count', [String(count)]) })));
  }
  $('offenders-section').hidden = state.offenders.length === 0;
}

function updatePosition() {
  $('position').textContent = flagged.length ? `${index >= 0 ? index + 1 : '\u2013'} / ${flagged.length}` : '';
  $('prev').disabled = flagged.length === 0;
  $('next').disabled = flagged.length === 0;
  [...$('flagged').children].forEach((li, i) => li.setAttribute('aria-current', String(i === index)));
}

async function go(i) {
  if (!flagged.length) return;
  index = (i + flagged.length) % flagged.length;
  updatePosition();
  await ext.tabs.sendMessage(tabId, msg(KINDS.reveal, { id: flagged[index].id }));
}

async function refresh() {
  let state;
  try {
    state = await ask((m) => ext.tabs.sendMessage(tabId, m), msg(KINDS.getState), KINDS.state);
  } catch {
    setStatus(t('popup_not_facebook'));
    showSections(false);
    return;
  }
  render(state);
  // While the page is still being checked, look again shortly (only while the popup is open).
  if (state.pending && state.enabled) setTimeout(refresh, 300);
}

/** Settings the engine refused (it then runs on the default rules): say so here too. */
async function showEngineError() {
  try {
    const status = await ask((m) => ext.runtime.sendMessage(m), msg(KINDS.status), KINDS.status);
    if (!status.error) return;
    $('engine-error').textContent = t('options_engine_error', [status.error]);
    $('engine-error').hidden = false;
  } catch {
    // the content script's own error shows in the status line
  }
}

async function checkPermission() {
  const origins = ext.runtime.getManifest().host_permissions;
  if (await ext.permissions.contains({ origins })) return true;
  $('permission').hidden = false;
  $('grant').addEventListener('click', async () => {
    if (await ext.permissions.request({ origins })) location.reload();
  });
  return false;
}

async function main() {
  localize();
  $('version').textContent = `v${ext.runtime.getManifest().version}`;
  $('enabled').addEventListener('change', async (event) => {
    await ext.storage.local.set({ [ENABLED_KEY]: event.target.checked });
    refresh();
  });
  $('prev').addEventListener('click', () => go(index < 0 ? flagged.length - 1 : index - 1));
  $('next').addEventListener('click', () => go(index + 1));
  $('options').addEventListener('click', (event) => {
    event.preventDefault();
    ext.runtime.openOptionsPage();
  });
  const stored = await ext.storage.local.get(ENABLED_KEY);
  $('enabled').checked = stored[ENABLED_KEY] !== false;
  tabId = await findTab();
  if (!(await checkPermission())) return;
  if (tabId === null) {
    setStatus(t('popup_not_facebook'));
    return;
  }
  showEngineError();
  await refresh();
}

main();
