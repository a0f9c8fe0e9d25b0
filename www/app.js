// The citizens' help page: checks a draft comment against the house rules of Politie Gent as it
// is typed, entirely in the browser (the engine is WebAssembly; nothing leaves the device).
//
// Safety rule for this file: text from the user or the engine only ever reaches the DOM through
// text nodes (`textContent`, `createTextNode`, `append(string)`), never as HTML.
import { LANGUAGES, t, initialLanguage, rememberLanguage } from './i18n.js';

/** Most pressing first, as in the engine. */
const ACTIONS = ['urgent', 'remove', 'review', 'redirect', 'allow'];
/** Order of the rule groups on the page (DESIGN.md's table). */
const CATEGORIES = [
  'insult', 'discrimination', 'threat', 'defamation', 'personal-data', 'advertising',
  'trolling', 'media', 'complaint', 'report', 'private-message', 'emergency',
];
/** Which verdict action shows which overall state. */
const STATE_OF_ACTION = {
  allow: 'allow', remove: 'remove', review: 'remove', redirect: 'redirect', urgent: 'urgent',
};

const $ = (id) => document.getElementById(id);
const ui = {
  root: document.documentElement,
  lang: $('lang'),
  banner: $('urgent-banner'),
  strip: $('emergency-strip'),
  draft: $('draft'),
  editor: $('editor'),
  highlights: $('highlights'),
  status: $('status'),
  chip: $('state-chip'),
  statusTitle: $('status-title'),
  statusDetail: $('status-detail'),
  nextSteps: $('next-steps'),
  findingsBlock: $('findings-block'),
  findings: $('findings'),
  rules: $('rules'),
  rulesInDutch: $('rules-in-dutch'),
  rulesToggle: $('rules-toggle'),
  contacts: $('contacts'),
  version: $('version'),
};

const state = {
  lang: initialLanguage(safeStorage()),
  engine: null,
  /** 'loading' | 'ready' | 'error' */
  engineState: 'loading',
  rulesById: new Map(),
  rules: [],
  contacts: null,
  version: '',
  text: '',
  verdict: null,
  renderQueued: false,
  findingsKey: null,
};

// ---------------------------------------------------------------- small DOM helpers

/** createElement with a class and children (strings become text nodes). */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/**
 * Fills `target` with a translated template: `{name}` placeholders become `values[name]`, which
 * is a Node (a link) or plain text. Everything else becomes text nodes.
 */
function fillTemplate(target, template, values = {}) {
  const parts = template.split(/\{(\w+)\}/);
  const nodes = parts.map((part, i) => {
    if (i % 2 === 0) return part;
    const value = typeof values[part] === 'function' ? values[part]() : values[part];
    return value ?? `{${part}}`;
  });
  target.replaceChildren(...nodes.filter((n) => n !== ''));
  return target;
}

function tr(key, values) {
  const text = t(state.lang, key);
  return values ? text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m)) : text;
}

/** A bold label before a value: "Waarom: ", "Pourquoi : ". */
function label(key) {
  return el('span', { class: 'label' }, `${tr(key)}${tr('labelSuffix')}`);
}

function trNodes(tag, key, values, props = {}) {
  return fillTemplate(el(tag, props), t(state.lang, key), values);
}

/** A tel: link for a Belgian number as written in the pack ("101", "09/266.61.11"). */
function telLink(number, props = {}) {
  const digits = String(number).replace(/[^\d+]/g, '');
  const href = /^0\d{8,9}$/.test(digits) ? `tel:+32${digits.slice(1)}` : `tel:${digits}`;
  return el('a', { href, ...props }, String(number));
}

/** Only http(s) URLs from the pack become links; anything else stays text. */
function webLink(url, text, props = {}) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') {
      return el('a', { href: parsed.href, rel: 'noopener noreferrer', ...props }, text ?? url);
    }
  } catch {
    // not a URL
  }
  return el('span', {}, text ?? String(url));
}

function mailLink(address) {
  return /^[^\s@<>"]+@[^\s@<>"]+$/.test(address)
    ? el('a', { href: `mailto:${address}` }, address)
    : el('span', {}, String(address));
}

function safeStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const rank = (action) => {
  const i = ACTIONS.indexOf(action);
  return i === -1 ? ACTIONS.length : i;
};

// Contacts shown before the engine is loaded (or if it fails): only the two numbers the page
// itself carries in its HTML for safety. Everything else comes from engine.contacts().
const contactOr = (key, fallback) => state.contacts?.[key] ?? fallback;

// ---------------------------------------------------------------- the highlight mirror

/**
 * Merges findings into non-overlapping spans (UTF-16 offsets). Overlapping findings become one
 * span that carries the most pressing action; findings that merely touch stay separate.
 */
function mergeSpans(findings, length) {
  const spans = findings
    .filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end)
      && f.start >= 0 && f.end <= length && f.start < f.end)
    .map((f) => ({ start: f.start, end: f.end, action: f.action, category: f.category }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      if (rank(span.action) < rank(last.action)) {
        last.action = span.action;
        last.category = span.category;
      }
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

function renderMirror(text, findings) {
  const fragment = document.createDocumentFragment();
  let pos = 0;
  for (const span of mergeSpans(findings, text.length)) {
    if (span.start > pos) fragment.append(document.createTextNode(text.slice(pos, span.start)));
    const mark = document.createElement('mark');
    mark.dataset.action = span.action;
    mark.dataset.category = span.category;
    mark.textContent = text.slice(span.start, span.end);
    fragment.append(mark);
    pos = span.end;
  }
  // A textarea shows an empty last line after a trailing newline; a div needs a character there.
  fragment.append(document.createTextNode(text.slice(pos) + (text.endsWith('\n') ? ' ' : '')));
  ui.highlights.replaceChildren(fragment);
  syncGeometry();
}

/** Keeps the mirror exactly under the textarea's text: same width (minus scrollbar), same scroll. */
function syncGeometry() {
  const { draft, highlights } = ui;
  highlights.style.width = `${draft.clientWidth}px`;
  highlights.style.transform = `translate(${-draft.scrollLeft}px, ${-draft.scrollTop}px)`;
}

// ---------------------------------------------------------------- verdict rendering

function currentState() {
  if (state.engineState === 'error') return 'error';
  if (state.engineState === 'loading') return 'loading';
  if (state.text.trim() === '' || !state.verdict) return 'empty';
  return STATE_OF_ACTION[state.verdict.action] ?? 'remove';
}

function setText(node, text) {
  // Live regions re-announce on every change: only touch them when the words change.
  if (node.textContent !== text) node.textContent = text;
}

function renderStatus() {
  const overall = currentState();
  const verdict = state.verdict;
  const findings = overall === 'empty' || !verdict ? [] : verdict.findings;
  const count = findings.length;
  const countText = count === 1 ? tr('countOne') : tr('countMany', { count });
  const urgent = contactOr('urgent', '101');

  let title;
  let detail;
  switch (overall) {
    case 'loading': title = tr('statusLoading'); detail = ''; break;
    case 'error': title = tr('statusError'); detail = ''; break;
    case 'empty': title = tr('stateEmpty'); detail = tr('stateEmptyDetail'); break;
    case 'allow': title = tr('stateAllow'); detail = tr('stateAllowDetail'); break;
    case 'urgent': title = tr('stateUrgent', { urgent }); detail = `${tr('stateUrgentDetail')} ${countText}`; break;
    case 'redirect': title = tr('stateRedirect'); detail = `${countText} ${tr('stateRedirectDetail')}`; break;
    default:
      if (verdict.action === 'review') {
        title = tr('stateReview'); detail = `${countText} ${tr('stateReviewDetail')}`;
      } else {
        title = tr('stateRemove'); detail = `${countText} ${tr('stateRemoveDetail')}`;
      }
  }
  const chip = {
    allow: tr('stateAllow'),
    remove: title,
    redirect: tr('stateRedirect'),
    urgent: title,
  }[overall];
  ui.chip.hidden = !chip;
  setText(ui.chip, chip ?? '');
  ui.chip.dataset.state = overall;
  ui.chip.dataset.action = ui.editor.dataset.action = verdict && overall !== 'empty' ? verdict.action : '';
  ui.editor.dataset.state = overall;
  ui.status.dataset.state = overall;
  ui.status.dataset.action = verdict && overall !== 'empty' ? verdict.action : '';
  ui.root.dataset.verdict = overall;
  setText(ui.statusTitle, title);
  setText(ui.statusDetail, detail);

  renderBanner(overall === 'urgent');
  renderNextSteps(findings);
}

function renderBanner(show) {
  const banner = ui.banner;
  const wanted = show ? state.lang : '';
  if (banner.dataset.shown === wanted) return;
  banner.dataset.shown = wanted;
  if (!show) {
    banner.replaceChildren();
    return;
  }
  const urgent = contactOr('urgent', '101');
  const emergency = contactOr('emergency', '112');
  banner.replaceChildren(el('div', { class: 'wrap urgent-inner' },
    el('p', { class: 'urgent-title' },
      fillTemplate(el('span'), t(state.lang, 'bannerTitle'), {
        urgent: () => telLink(urgent, { class: 'call-link', id: 'call-101' }),
      })),
    trNodes('p', 'bannerText', { emergency: () => telLink(emergency) }, { class: 'urgent-text' })));
}

function renderNextSteps(findings) {
  const categories = new Set(findings.map((f) => f.category));
  const steps = [];
  const c = state.contacts;
  if (c && categories.has('complaint')) {
    steps.push(trNodes('li', 'stepComplaint', {
      complaintForm: () => webLink(c.complaintForm, tr('complaintFormLink')),
      commissariaat: () => webLink(c.commissariaat, tr('commissariaatLink')),
    }, { dataset: { step: 'complaint' } }));
  }
  if (c && categories.has('report')) {
    steps.push(trNodes('li', 'stepReport', { phone: () => telLink(c.phone) }, { dataset: { step: 'report' } }));
  }
  if (c && categories.has('private-message')) {
    steps.push(trNodes('li', 'stepPrivate', { email: () => mailLink(c.email) }, { dataset: { step: 'private-message' } }));
  }
  ui.nextSteps.replaceChildren(...steps);
  ui.nextSteps.hidden = steps.length === 0;
}

function actionLabel(action) {
  const key = `action${action.charAt(0).toUpperCase()}${action.slice(1)}`;
  try {
    return tr(key);
  } catch {
    return action;
  }
}

function renderFindings(findings) {
  const key = `${state.lang}\u0000${JSON.stringify(findings)}`;
  if (key === state.findingsKey) return;
  state.findingsKey = key;

  const items = findings.map((f) => {
    const rule = state.rulesById.get(f.rule);
    return el('li', { class: 'finding', dataset: { action: f.action, category: f.category, rule: f.rule } },
      el('p', { class: 'finding-head' },
        el('span', { class: 'badge', dataset: { action: f.action } }, actionLabel(f.action)),
        ' ',
        el('strong', { class: 'finding-title', lang: 'nl' }, rule?.title ?? f.rule)),
      el('p', { class: 'finding-excerpt' },
        label('findingExcerpt'),
        el('q', { class: 'excerpt' }, f.excerpt)),
      el('p', { class: 'finding-message' },
        label('findingWhy'),
        el('span', { lang: 'nl', class: 'message' }, f.message)),
      el('p', { class: 'finding-advice' },
        label('findingAdvice'),
        el('span', { lang: 'nl', class: 'advice' }, f.advice)),
      rule ? el('p', { class: 'finding-rule' }, el('a', { href: `#${ruleAnchor(f.rule)}` }, tr('findingReadRule'))) : null);
  });
  ui.findings.replaceChildren(...items);
  ui.findingsBlock.hidden = items.length === 0;
}

function render() {
  state.renderQueued = false;
  const findings = currentState() === 'empty' || !state.verdict ? [] : state.verdict.findings;
  renderMirror(state.text, findings);
  renderStatus();
  renderFindings(findings);
}

function scheduleRender() {
  if (state.renderQueued) return;
  state.renderQueued = true;
  requestAnimationFrame(render);
}

function check() {
  state.text = ui.draft.value;
  if (!state.engine) return;
  try {
    const first = !state.checkedOnce && state.text.trim() !== '';
    if (first) performance.mark('huisregels:first-check-start');
    state.verdict = state.engine.check(state.text);
    if (first) {
      state.checkedOnce = true;
      performance.measure('huisregels:first-check', 'huisregels:first-check-start');
    }
  } catch (error) {
    console.error('huisregels: check failed', error);
    state.verdict = null;
  }
}

// ---------------------------------------------------------------- rules and contacts

function groupRules(rules) {
  const groups = new Map();
  for (const category of CATEGORIES) groups.set(category, []);
  for (const rule of rules) {
    if (!groups.has(rule.category)) groups.set(rule.category, []);
    groups.get(rule.category).push(rule);
  }
  return [...groups].filter(([, list]) => list.length > 0);
}

function categoryLabel(category) {
  return t(state.lang, 'categories')[category] ?? category;
}

function exampleList(kind, examples) {
  if (!examples?.length) return null;
  return el('div', { class: `examples-${kind}` },
    el('p', { class: 'examples-label' }, tr(kind === 'flags' ? 'examplesFlags' : 'examplesAllows')),
    el('ul', { lang: 'nl' }, examples.map((x) => el('li', {}, x))));
}

const ruleAnchor = (id) => `regel-${id.replace(/[^\w-]/g, '-')}`;

function renderRule(rule) {
  const examples = rule.examples ?? { flags: [], allows: [] };
  const hasExamples = (examples.flags?.length ?? 0) + (examples.allows?.length ?? 0) > 0;
  return el('article', { class: 'rule', id: ruleAnchor(rule.id), dataset: { rule: rule.id, action: rule.action } },
    el('h4', { class: 'rule-title' },
      el('span', { lang: 'nl' }, rule.title),
      ' ',
      el('span', { class: 'badge', dataset: { action: rule.action } }, actionLabel(rule.action)),
      rule.enabled === false ? el('span', { class: 'badge', dataset: { action: 'off' } }, tr('ruleDisabled')) : null),
    el('p', { class: 'rule-message' }, label('findingWhy'), el('span', { lang: 'nl' }, rule.message)),
    el('p', { class: 'rule-advice' }, label('findingAdvice'), el('span', { lang: 'nl' }, rule.advice)),
    hasExamples
      ? el('details', { class: 'examples' },
        el('summary', {}, tr('examplesLabel')),
        el('div', { class: 'examples-body' }, exampleList('flags', examples.flags), exampleList('allows', examples.allows)))
      : null);
}

function houseRuleQuote(text) {
  return el('figure', { class: 'house-rule' },
    el('figcaption', {}, tr('houseRuleLabel')),
    el('blockquote', { lang: 'nl' }, el('p', {}, text)));
}

function renderRules() {
  if (state.engineState === 'loading') return;
  if (state.engineState === 'error') {
    ui.rules.replaceChildren(el('p', { class: 'note' }, tr('rulesError')));
    ui.rulesToggle.hidden = true;
    return;
  }
  // Keep what the reader opened when the language changes.
  const open = new Set([...ui.rules.querySelectorAll('details[open]')].map((d) => d.id));
  ui.rules.replaceChildren(...groupRules(state.rules).map(([category, list]) => {
    // Rules that cite the same passage of the house rules sit under one quote.
    const byQuote = new Map();
    for (const rule of list) {
      const quote = rule.houseRule ?? '';
      if (!byQuote.has(quote)) byQuote.set(quote, []);
      byQuote.get(quote).push(rule);
    }
    const count = list.length === 1 ? tr('ruleCountOne') : tr('ruleCountMany', { count: list.length });
    return el('details', { class: 'rule-group', id: `cat-${category}`, dataset: { category }, open: open.has(`cat-${category}`) },
      el('summary', {},
        el('h3', { class: 'rule-group-title' }, categoryLabel(category), ' ', el('span', { class: 'count' }, `(${count})`))),
      [...byQuote].map(([quote, rules]) => el('div', { class: 'quote-group' },
        quote ? houseRuleQuote(quote) : null,
        rules.map((rule) => renderRule(rule)))));
  }));
  ui.rulesToggle.hidden = state.rules.length === 0;
  updateRulesToggle();
}

function allRulesOpen() {
  const groups = [...ui.rules.querySelectorAll('details.rule-group')];
  return groups.length > 0 && groups.every((d) => d.open);
}

function updateRulesToggle() {
  const open = allRulesOpen();
  ui.rulesToggle.textContent = tr(open ? 'rulesCloseAll' : 'rulesOpenAll');
  ui.rulesToggle.setAttribute('aria-expanded', String(open));
}

/** Links to a rule or category open the collapsed group they point into. */
function openTarget(hash) {
  if (!hash.startsWith('#') || hash.length < 2) return;
  const target = document.getElementById(decodeURIComponent(hash.slice(1)));
  for (let d = target?.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
}

function renderContacts() {
  const c = state.contacts;
  if (!c) {
    ui.contacts.replaceChildren();
    return;
  }
  const row = (key, ...value) => [el('dt', {}, tr(key)), el('dd', { dataset: { contact: key } }, ...value)];
  ui.contacts.replaceChildren(
    ...row('contactUrgent', telLink(c.urgent)),
    ...row('contactEmergency', telLink(c.emergency)),
    ...row('contactPhone', telLink(c.phone)),
    ...row('contactEmail', mailLink(c.email), ' ', tr('contactPrivate'), ' ', el('span', { class: 'note' }, tr('contactEmailNote'))),
    ...row('contactComplaint', webLink(c.complaintForm, tr('complaintFormLink')), ' · ', webLink(c.commissariaat, tr('commissariaatLink'))),
    ...row('contactUnia', webLink(c.unia, 'Unia')),
    ...row('contactWebsite', webLink(c.website, displayUrl(c.website))),
    ...row('contactHours', el('strong', { lang: 'nl' }, c.hours), '. ', trNodes('span', 'contactHoursNote', { urgent: () => telLink(c.urgent) })),
  );
}

function displayUrl(url) {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return String(url);
  }
}

function renderStrip() {
  fillTemplate(ui.strip, t(state.lang, 'emergencyStrip'), {
    urgent: () => telLink(contactOr('urgent', '101')),
    emergency: () => telLink(contactOr('emergency', '112')),
  });
}

// ---------------------------------------------------------------- language

function applyLanguage(lang) {
  state.lang = LANGUAGES.includes(lang) ? lang : 'nl';
  ui.root.lang = state.lang;
  ui.lang.value = state.lang;
  document.title = tr('documentTitle');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = tr(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.setAttribute('placeholder', tr(node.dataset.i18nPlaceholder));
  }
  ui.rulesInDutch.hidden = tr('rulesInDutch') === '';
  ui.version.textContent = state.version ? tr('versionLabel', { version: state.version }) : '';
  renderStrip();
  renderRules();
  renderContacts();
  state.findingsKey = null;
  render();
}

// ---------------------------------------------------------------- start

// Resolves after the next frame is painted; in a hidden tab (no frames) after 100 ms at most.
const nextPaint = () => new Promise((resolve) => {
  requestAnimationFrame(() => setTimeout(resolve, 0));
  setTimeout(resolve, 100);
});

// The first check that wakes a pattern or a detector compiles it, and in a fresh page the first
// one also compiles the regex engine's own code: tens of milliseconds, once. Do that while the
// page is idle, with one bad example per category of the rules themselves, so that a citizen's
// first keystrokes are checked at full speed. Nothing is shown and nothing leaves the page.
function warmUp(engine, rules) {
  const seen = new Set();
  const texts = [];
  for (const rule of rules) {
    const example = rule.examples?.flags?.[0];
    if (example && !seen.has(rule.category)) {
      seen.add(rule.category);
      texts.push(example);
    }
  }
  const idle = window.requestIdleCallback
    ?? ((fn) => setTimeout(() => fn({ timeRemaining: () => 10 }), 50));
  const step = (deadline) => {
    while (texts.length > 0 && deadline.timeRemaining() > 5) {
      try {
        engine.check(texts.shift());
      } catch {
        // A warm-up check has no result to lose.
      }
    }
    if (texts.length > 0) idle(step);
  };
  idle(step);
}

// The default pack's examples are not in the WebAssembly module (they would make it 4.5 kB
// larger gzipped): scripts/build.sh writes them next to it as { ruleId: { flags, allows } }.
// Without them the rules are shown without examples.
async function loadExamples() {
  try {
    const response = await fetch('./pkg/examples.json');
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}

const strings = (list) => (Array.isArray(list) ? list.filter((x) => typeof x === 'string') : []);

// A rule with the examples of `examples` when the engine gave it none (a default rule).
function withExamples(rule, examples) {
  const own = rule.examples ?? { flags: [], allows: [] };
  const extra = Object.hasOwn(examples, rule.id) ? examples[rule.id] : null;
  if (own.flags.length + own.allows.length > 0 || !extra) return rule;
  return { ...rule, examples: { flags: strings(extra.flags), allows: strings(extra.allows) } };
}

async function loadEngine() {
  performance.mark('huisregels:engine-start');
  const examples = loadExamples();
  try {
    const wasm = await import('./pkg/huisregels.js');
    await wasm.default();
    // Building the engine compiles every rule and blocks the main thread for a moment: let the
    // page paint (with its "loading" state) first.
    await nextPaint();
    const engine = new wasm.Engine();
    performance.measure('huisregels:engine-ready', 'huisregels:engine-start');
    state.engine = engine;
    const byRule = await examples;
    state.rules = engine.rules().map((rule) => withExamples(rule, byRule ?? {}));
    state.rulesById = new Map(state.rules.map((r) => [r.id, r]));
    state.contacts = engine.contacts();
    state.version = engine.version();
    state.engineState = 'ready';
    warmUp(engine, state.rules);
  } catch (error) {
    console.error('huisregels: the engine could not start', error);
    state.engineState = 'error';
  }
  ui.root.dataset.engine = state.engineState;
  check();
  applyLanguage(state.lang);
}

function start() {
  ui.lang.addEventListener('change', () => {
    rememberLanguage(safeStorage(), ui.lang.value);
    applyLanguage(ui.lang.value);
  });
  ui.draft.addEventListener('input', () => {
    check();
    scheduleRender();
  });
  ui.draft.addEventListener('scroll', syncGeometry, { passive: true });
  ui.rulesToggle.addEventListener('click', () => {
    const open = !allRulesOpen();
    for (const d of ui.rules.querySelectorAll('details.rule-group')) d.open = open;
    updateRulesToggle();
  });
  // `toggle` does not bubble: listen in the capture phase.
  ui.rules.addEventListener('toggle', updateRulesToggle, true);
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[href^="#"]');
    if (link) openTarget(link.getAttribute('href'));
  });
  window.addEventListener('hashchange', () => openTarget(window.location.hash));
  new ResizeObserver(syncGeometry).observe(ui.draft);
  window.addEventListener('resize', syncGeometry, { passive: true });

  applyLanguage(state.lang);
  // Text typed while the engine loads is checked as soon as it is ready.
  loadEngine().then(() => openTarget(window.location.hash));
}

start();
