// The content script: finds comments as they appear, sends their text to the background engine
// in batches, and draws the verdicts.
//
// One MutationObserver whose callback only queues nodes; the work is done once per animation
// frame (or idle period when the tab is hidden) within a time budget, so a page with thousands of
// comments never blocks the main thread for long. Each distinct text is checked once (cache by
// text, per engine key); a comment is read again when its DOM changes ("Meer weergeven", edits).

import ADAPTERS from './adapters.json';
import { KINDS, msg, ask, isKind, errorReply } from '../protocol.js';
import { ext, t } from '../i18n.js';
import { ENABLED_KEY, DISMISSED_PREFIX, dismissKey } from '../settings.js';
import { pickSurface, commentKind, rootsAround, readComment, rangeFor } from './read.js';
import {
  Highlighter, renderMarker, removeMarker, openCard, closeCard, cardState,
} from './overlay.js';
import {
  mostPressing, mediaFinding, repliesFor, needsEvidence, evidenceRecord,
} from './records.js';

const BUDGET_MS = 8; // per frame, well under the 50 ms of a long task
const BATCH_MAX = 400; // texts per message to the background
const DRAW_CHUNK = 10; // markers drawn between two looks at the clock
const CACHE_MAX = 20_000; // verdicts kept by text: hours of scrolling stay bounded
const ALLOW = Object.freeze({ action: 'allow', findings: [] });

let adapters = ADAPTERS;
let surface = null;
let enabled = true;
let engineKey = null;
let engineBuiltAt = 0;
let lastError = null;
let info = { ready: false, rulesById: new Map(), version: '' }; // from the engine's rules()

const verdicts = new Map(); // text -> Verdict, for engineKey (oldest first, at most CACHE_MAX)
const states = new Map(); // id -> state of a comment we read
let byRoot = new WeakMap(); // comment root -> state
const dismissed = new Set(); // dismiss keys
let nextId = 1;

const added = new Set(); // nodes added: look at their comment and every comment inside
const changed = new Set(); // nodes changed: look at their comment only
const rootQueue = new Set(); // comment roots to read
const waiting = new Map(); // text -> Set(state) waiting for a verdict
const inFlight = new Set(); // texts sent, not answered yet
const renderQueue = new Set(); // states whose verdict is known, to draw
let scheduled = false;
const highlighter = new Highlighter();
// Figures for the benchmark (tests/extension/bench.mjs), shown in get-state.
const stats = { flushes: 0, longestFlushMs: 0, texts: 0, batches: 0, startedAt: 0, readyAt: 0, lastFlushAt: 0 };

function isOurs(node) {
  return node.nodeType === Node.ELEMENT_NODE && node.localName.startsWith('huisregels-');
}

const observer = new MutationObserver((records) => {
  for (const r of records) {
    if (r.type === 'characterData') {
      changed.add(r.target);
      continue;
    }
    let foreign = r.removedNodes.length > 0;
    for (const node of r.addedNodes) {
      if (isOurs(node)) continue;
      added.add(node);
      foreign = true;
    }
    if (foreign && !isOurs(r.target)) changed.add(r.target);
  }
  schedule();
});

function schedule() {
  if (scheduled) return;
  scheduled = true;
  if (document.hidden && typeof requestIdleCallback === 'function') requestIdleCallback(flush, { timeout: 500 });
  else requestAnimationFrame(flush);
}

function pendingCount() {
  return added.size + changed.size + rootQueue.size + waiting.size + renderQueue.size;
}

function flush() {
  scheduled = false;
  if (!enabled || !surface) return;
  const started = performance.now();
  work(started + BUDGET_MS);
  stats.flushes += 1;
  stats.lastFlushAt = Math.round(performance.now());
  stats.longestFlushMs = Math.max(stats.longestFlushMs, stats.lastFlushAt - started);
}

function work(deadline) {
  const overBudget = () => performance.now() > deadline;

  for (const node of changed) {
    changed.delete(node);
    const elmt = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const root = elmt?.closest(surface.comment);
    if (root) rootQueue.add(root);
  }
  for (const node of added) {
    if (overBudget()) break;
    added.delete(node);
    rootsAround(node, surface, rootQueue);
  }

  const toSend = [];
  for (const root of rootQueue) {
    if (overBudget()) break;
    rootQueue.delete(root);
    read(root, toSend);
  }
  send(toSend);

  // Draw in small chunks, looking at the clock in between. Not before the rules are here (the card and the photo finding need them).
  while (info.ready && renderQueue.size && !overBudget()) {
    const chunk = [];
    for (const state of renderQueue) {
      renderQueue.delete(state);
      chunk.push(state);
      if (chunk.length === DRAW_CHUNK) break;
    }
    draw(chunk);
  }

  if (added.size || changed.size || rootQueue.size || (renderQueue.size && info.ready)) schedule();
}

function read(root, toSend) {
  if (!root.isConnected) return;
  const kind = commentKind(root, surface, adapters.labels);
  if (!kind) return;
  const seen = readComment(root, surface, adapters, kind);
  let state = byRoot.get(root);
  if (state && state.text === seen.text && state.media === seen.media
      && state.truncated === seen.truncated && state.key === engineKey) {
    return; // nothing a person would see has changed
  }
  if (!state) {
    state = { id: nextId, root, marker: null, action: 'allow', findings: [] };
    nextId += 1;
    byRoot.set(root, state);
    states.set(state.id, state);
  }
  Object.assign(state, seen, { key: engineKey });
  if (!seen.text) {
    renderQueue.add(state);
  } else if (verdicts.has(seen.text)) {
    renderQueue.add(state);
  } else {
    let set = waiting.get(seen.text);
    if (!set) waiting.set(seen.text, (set = new Set()));
    set.add(state);
    if (!inFlight.has(seen.text)) {
      inFlight.add(seen.text);
      toSend.push(seen.text);
    }
  }
}

function send(texts) {
  for (let i = 0; i < texts.length; i += BATCH_MAX) {
    const batch = texts.slice(i, i + BATCH_MAX);
    stats.texts += batch.length;
    stats.batches += 1;
    ask((m) => ext.runtime.sendMessage(m), msg(KINDS.check, { texts: batch }), KINDS.verdicts)
      .then((reply) => {
        lastError = null;
        if (!acceptEngine(reply)) {
          for (const text of batch) inFlight.delete(text); // from a replaced engine: rescan re-sends
          return;
        }
        batch.forEach((text, j) => {
          inFlight.delete(text);
          remember(text, reply.verdicts[j]);
          for (const state of waiting.get(text) ?? []) if (state.text === text) renderQueue.add(state);
          waiting.delete(text);
        });
        schedule();
      })
      .catch((e) => {
        // Shown in the popup; these texts are sent again on the next engine change or edit.
        lastError = e.message;
        for (const text of batch) {
          inFlight.delete(text);
          waiting.delete(text);
        }
      });
  }
}

function remember(text, verdict) {
  verdicts.set(text, verdict);
  if (verdicts.size > CACHE_MAX) verdicts.delete(verdicts.keys().next().value);
}

function draw(list) {
  const marked = [];
  for (const state of list) {
    if (!state.root.isConnected) {
      forget(state);
      continue;
    }
    // A comment keeps its verdict, so one whose text left the cache is still drawn right.
    const kept = state.verdictText === state.text && state.verdictKey === engineKey ? state.verdict : null;
    const verdict = (state.text && (verdicts.get(state.text) ?? kept)) || ALLOW;
    Object.assign(state, { verdict, verdictText: state.text, verdictKey: engineKey });
    const findings = verdict.findings.filter((f) => f.action !== 'allow');
    if (state.media) {
      const media = mediaFinding(info.rulesById);
      if (media) findings.push(media);
    }
    state.findings = findings;
    state.action = mostPressing(findings.map((f) => f.action));
    state.dismissKey = dismissKey(state.author, state.text);
    if (state.action === 'allow' || dismissed.has(state.dismissKey)) {
      unmark(state);
    } else {
      marked.push(state);
    }
  }
  for (const state of marked) {
    renderMarker(state, t, showCard);
    const entries = [];
    for (const f of state.findings) {
      const range = rangeFor(state.segments, f.start, f.end);
      if (range) entries.push({ action: f.action, range });
    }
    highlighter.set(state, entries);
  }
}

function unmark(state) {
  if (cardState() === state) closeCard();
  removeMarker(state);
  highlighter.clear(state);
}

function forget(state) {
  unmark(state);
  states.delete(state.id);
}

function flaggedStates() {
  const out = [];
  for (const state of states.values()) {
    if (!state.root.isConnected) {
      forget(state);
    } else if (state.action !== 'allow' && !dismissed.has(state.dismissKey)) {
      out.push(state);
    }
  }
  return out.sort((a, b) => (a.root.compareDocumentPosition(b.root) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

function offenders() {
  const counts = new Map();
  for (const state of flaggedStates()) {
    if (state.author) counts.set(state.author, (counts.get(state.author) ?? 0) + 1);
  }
  return counts;
}

async function copyText(text, shadow) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The page's permissions policy may deny the async clipboard: copy through a selection.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.setProperty('position', 'fixed');
    area.style.setProperty('opacity', '0');
    shadow.append(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch { ok = false; }
    area.remove();
    return ok;
  }
}

const cardContext = {
  t,
  get rulesById() { return info.rulesById; },
  offenders: (author) => offenders().get(author) ?? 0,
  replies: (state) => repliesFor(state.findings, info.rulesById),
  needsEvidence: (state) => needsEvidence(state.findings, info.rulesById),
  evidence: (state) => evidenceRecord({
    pageUrl: location.href, comment: state, findings: state.findings, rulesById: info.rulesById, version: info.version,
  }),
  copy: copyText,
  dismiss: (state) => {
    dismissed.add(state.dismissKey);
    unmark(state);
    ext.storage.local.set({ [state.dismissKey]: Date.now() }).catch(() => {});
  },
};

function showCard(state) {
  if (cardState() === state) closeCard();
  else openCard(state, cardContext);
}

async function loadRules() {
  const reply = await ask((m) => ext.runtime.sendMessage(m), msg(KINDS.rules), KINDS.rules);
  info = { ready: true, rulesById: new Map(reply.rules.map((r) => [r.id, r])), version: reply.version };
  schedule();
  return reply;
}

/**
 * Takes note of the engine that answered. A newer engine with other settings makes every verdict
 * stale: forget them and read every comment again. Returns false for a reply from an engine older
 * than the one we know (sent before a settings change, answered after it).
 */
function acceptEngine({ key, builtAt }) {
  if (key === engineKey) {
    engineBuiltAt = Math.max(engineBuiltAt, builtAt); // same settings, maybe a restarted worker
    return true;
  }
  if (builtAt < engineBuiltAt) return false;
  const first = engineKey === null;
  engineKey = key;
  engineBuiltAt = builtAt;
  if (!first) {
    verdicts.clear();
    waiting.clear();
    inFlight.clear();
    // New rules too (actions, media wording): draw again once they are here.
    loadRules().catch((e) => { lastError = e.message; }).finally(rescan);
  }
  return true;
}

function rescan() {
  for (const state of states.values()) rootQueue.add(state.root);
  if (document.body) added.add(document.body);
  schedule();
}

function clearAll() {
  closeCard();
  for (const state of states.values()) removeMarker(state);
  highlighter.clearAll();
  states.clear();
  byRoot = new WeakMap();
  verdicts.clear();
  waiting.clear();
  inFlight.clear();
  added.clear();
  changed.clear();
  rootQueue.clear();
  renderQueue.clear();
}

function setEnabled(on) {
  if (on === enabled) return;
  enabled = on;
  if (!surface) return;
  if (on) {
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    rescan();
    if (!info.ready) loadRules().then(acceptEngine, (e) => { lastError = e.message; });
  } else {
    observer.disconnect();
    clearAll();
  }
}

function stateReply() {
  const flagged = flaggedStates();
  const counts = {};
  const actions = {};
  for (const state of flagged) {
    for (const c of new Set(state.findings.map((f) => f.category))) counts[c] = (counts[c] ?? 0) + 1;
    actions[state.action] = (actions[state.action] ?? 0) + 1;
  }
  const offenderList = [...offenders()].filter(([, n]) => n >= 2)
    .map(([author, count]) => ({ author, count })).sort((a, b) => b.count - a.count);
  return msg(KINDS.state, {
    surface: surface ? { id: surface.id, name: surface.name } : null,
    enabled,
    found: states.size,
    candidates: surface ? document.querySelectorAll(surface.comment).length : 0,
    pending: pendingCount() + inFlight.size,
    flagged: flagged.map((s) => ({
      id: s.id,
      author: s.author,
      time: s.time,
      action: s.action,
      categories: [...new Set(s.findings.map((f) => f.category))],
      rules: [...new Set(s.findings.map((f) => f.rule))],
      excerpt: s.text.length > 120 ? `${s.text.slice(0, 117)}...` : s.text,
    })),
    counts,
    actions,
    offenders: offenderList,
    error: lastError,
    stats,
  });
}

function reveal(id) {
  const state = states.get(Number(id));
  if (!state || !state.root.isConnected || !state.marker) return false;
  state.root.scrollIntoView({ block: 'center', behavior: 'instant' });
  for (const s of states.values()) delete s.marker?.dataset.focus;
  state.marker.dataset.focus = '';
  openCard(state, cardContext);
  return true;
}

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== ext.runtime.id) return false;
  try {
    if (isKind(message, KINDS.getState)) sendResponse(stateReply());
    else if (isKind(message, KINDS.reveal)) sendResponse(msg(KINDS.revealed, { ok: reveal(message.id) }));
    else if (isKind(message, KINDS.engineChanged)) acceptEngine(message);
    else return false;
  } catch (e) {
    sendResponse(errorReply(e));
  }
  return false;
});

ext.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (ENABLED_KEY in changes) setEnabled(changes[ENABLED_KEY].newValue !== false);
  let touched = false;
  for (const [key, change] of Object.entries(changes)) {
    if (!key.startsWith(DISMISSED_PREFIX)) continue;
    touched = true;
    if (change.newValue === undefined) dismissed.delete(key);
    else dismissed.add(key);
  }
  if (touched) {
    for (const state of states.values()) renderQueue.add(state);
    schedule();
  }
});

async function start() {
  stats.startedAt = Math.round(performance.now());
  try {
    const managed = await ext.storage.managed.get('adapters');
    if (managed?.adapters?.surfaces) adapters = managed.adapters; // an organisation's updated selectors
  } catch {
    // no policy
  }
  surface = pickSurface(adapters, location.href);
  if (!surface) return;
  const local = await ext.storage.local.get(null);
  enabled = local[ENABLED_KEY] !== false;
  for (const key of Object.keys(local)) if (key.startsWith(DISMISSED_PREFIX)) dismissed.add(key);
  if (!enabled) return;
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  rescan();
  // Comments are read and sent while the background starts the engine (its first start is the
  // slow part); they are drawn once the rules are here.
  try {
    acceptEngine(await loadRules());
  } catch (e) {
    lastError = e.message;
  }
  stats.readyAt = Math.round(performance.now());
}

start().catch((e) => { lastError = e.message; });
