// What the moderator sees on the page: a marker on each flagged comment, its words highlighted,
// and a card with the rule, the house rule, the explanation and the buttons.
//
// Nothing here touches Facebook's own nodes except to add our host element to a comment (content.css
// makes a static comment `position: relative`, so the marker sits in its corner and nothing moves). Marker and card live in open shadow roots on custom elements,
// so neither stylesheet leaks; every piece of DOM is built with createElement/textContent:
// comment text is never parsed as HTML.

import { ACTION_ORDER } from './records.js';
import { el } from '../dom.js';

const SHADOW_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
button { font: inherit; }
.marker {
  display: inline-flex; align-items: center; gap: 4px; margin: 0; border: 0; cursor: pointer;
  font: 600 12px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  padding: 2px 8px 2px 6px; border-radius: 999px; color: #fff; white-space: nowrap;
  box-shadow: 0 1px 3px rgba(0, 0, 0, .35);
}
.marker::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: currentColor; opacity: .85; }
.marker:focus-visible, :host([data-focus]) .marker { outline: 3px solid #111; outline-offset: 2px; }
[data-action="urgent"] { --c: #8e0000; --fg: #fff; }
[data-action="remove"] { --c: #c62828; --fg: #fff; }
[data-action="review"] { --c: #f9a825; --fg: #1b1b1b; }
[data-action="redirect"] { --c: #1565c0; --fg: #fff; }
.marker { background: var(--c); color: var(--fg); }
.card {
  width: 380px; max-height: min(70vh, 560px); overflow: auto; background: #fff; color: #1c1e21;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  border-radius: 10px; box-shadow: 0 8px 28px rgba(0, 0, 0, .28); border-top: 6px solid var(--c);
}
.head { display: flex; align-items: center; gap: 8px; padding: 10px 12px 6px; }
.badge { background: var(--c); color: var(--fg); border-radius: 4px; padding: 1px 6px; font-weight: 700; font-size: 12px; }
.head .who { flex: 1; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.close { border: 0; background: transparent; font-size: 20px; line-height: 1; cursor: pointer; color: #555; padding: 0 4px; }
.note { margin: 4px 12px; padding: 6px 8px; border-radius: 6px; background: #fff4e5; font-size: 13px; }
.finding { margin: 8px 12px; padding: 8px 0 0; border-top: 1px solid #e4e6eb; }
.rule { font: 600 12px/1.3 ui-monospace, SFMono-Regular, Menlo, monospace; color: #444; }
.excerpt { font-weight: 600; }
.excerpt::before { content: "\\201C"; } .excerpt::after { content: "\\201D"; }
.house { margin: 6px 0; padding: 4px 8px; border-left: 3px solid var(--c); color: #333; font-style: italic; }
.label { font-weight: 600; }
.recommend { margin: 8px 12px; font-weight: 600; }
.buttons { display: flex; flex-wrap: wrap; gap: 6px; padding: 4px 12px 12px; }
.buttons button { border: 1px solid #ccd0d5; background: #f0f2f5; border-radius: 6px; padding: 5px 10px; cursor: pointer; }
.buttons button:hover { background: #e4e6eb; }
.status { margin: 0 12px 10px; font-size: 12px; color: #1b5e20; }
pre.copied { margin: 0 12px 12px; max-height: 160px; overflow: auto; white-space: pre-wrap; font-size: 11px; background: #f7f7f7; padding: 6px; border-radius: 6px; }
`;

let sharedSheet;

function adoptStyles(shadow) {
  // One constructed sheet for every marker (2,000 comments must stay cheap). Firefox content
  // scripts cannot always hand their sheet to the page's shadow root: fall back to <style>.
  try {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(SHADOW_CSS);
    }
    shadow.adoptedStyleSheets = [sharedSheet];
    return;
  } catch {
    // fall through
  }
  const style = document.createElement('style');
  style.textContent = SHADOW_CSS;
  shadow.append(style);
}

// --- Highlights -----------------------------------------------------------------------------

/**
 * The offending words, underlined through the CSS Custom Highlight API: the page's text nodes
 * stay as they are (React would overwrite changes anyway). One highlight per action; the names
 * carry our prefix because the registry is shared with the page.
 */
export class Highlighter {
  constructor() {
    this.supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
    this.byAction = new Map();
    this.rangesOf = new WeakMap();
  }

  highlight(action) {
    let h = this.byAction.get(action);
    if (!h) {
      h = new Highlight();
      h.priority = ACTION_ORDER.length - ACTION_ORDER.indexOf(action);
      CSS.highlights.set(`huisregels-${action}`, h);
      this.byAction.set(action, h);
    }
    return h;
  }

  set(state, entries) {
    if (!this.supported) return;
    this.clear(state);
    const mine = [];
    for (const { action, range } of entries) {
      this.highlight(action).add(range);
      mine.push({ action, range });
    }
    this.rangesOf.set(state, mine);
  }

  clear(state) {
    if (!this.supported) return;
    for (const { action, range } of this.rangesOf.get(state) ?? []) this.byAction.get(action)?.delete(range);
    this.rangesOf.delete(state);
  }

  clearAll() {
    if (!this.supported) return;
    for (const [action, h] of this.byAction) {
      h.clear();
      CSS.highlights.delete(`huisregels-${action}`);
    }
    this.byAction.clear();
  }
}

// --- Markers --------------------------------------------------------------------------------

/** Draws or updates the marker of a flagged comment. */
export function renderMarker(state, t, onOpen) {
  let host = state.marker;
  if (!host || host.parentNode !== state.root) {
    host?.remove();
    host = document.createElement('huisregels-marker');
    const shadow = host.attachShadow({ mode: 'open' });
    adoptStyles(shadow);
    const button = el('button', { class: 'marker', type: 'button', part: 'marker' });
    button.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation(); // Facebook's handlers on the comment must not see our click
      onOpen(state);
    });
    shadow.append(button);
    state.root.append(host);
    state.marker = host;
  }
  const rules = [...new Set(state.findings.map((f) => f.rule))];
  const categories = [...new Set(state.findings.map((f) => f.category))];
  host.dataset.action = state.action;
  host.dataset.rules = rules.join(' ');
  host.dataset.categories = categories.join(' ');
  host.dataset.id = String(state.id);
  const button = host.shadowRoot.querySelector('button');
  button.dataset.action = state.action;
  button.textContent = t(`action_${state.action}`);
  const first = state.findings[0];
  button.title = `${t(`category_${first.category}`)}: ${first.message}`;
  button.setAttribute('aria-label', `${t('marker_label')}: ${t(`action_${state.action}`)} (${rules.join(', ')})`);
  button.setAttribute('aria-haspopup', 'dialog');
}

export function removeMarker(state) {
  state.marker?.remove();
  state.marker = null;
}

// --- Card -----------------------------------------------------------------------------------

let card = null; // { host, state, reposition }

export function closeCard() {
  if (!card) return;
  window.removeEventListener('scroll', card.reposition, true);
  window.removeEventListener('resize', card.reposition);
  document.removeEventListener('keydown', card.onKey, true);
  card.host.remove();
  card.state.marker?.shadowRoot?.querySelector('button')?.setAttribute('aria-expanded', 'false');
  card = null;
}

export function cardState() {
  return card?.state ?? null;
}

function place(host, anchor) {
  const r = anchor.getBoundingClientRect();
  const width = Math.min(380, window.innerWidth - 16);
  const left = Math.max(8, Math.min(r.right - width, window.innerWidth - width - 8));
  const height = host.shadowRoot.firstElementChild?.offsetHeight ?? 300;
  // Below the marker, else above it, else as low as the whole card still fits.
  let top = r.bottom + 6;
  if (top + height > window.innerHeight - 8) {
    top = r.top - height - 6 >= 8 ? r.top - height - 6 : window.innerHeight - height - 8;
  }
  // 'important': content.css resets our hosts with `all: initial !important`.
  host.style.setProperty('left', `${left}px`, 'important');
  host.style.setProperty('top', `${Math.max(8, top)}px`, 'important');
}

/**
 * Opens the card of a flagged comment. `ctx`: { t, rulesById, offenders(author) -> count,
 * replies(state) -> [{ category, reply }], needsEvidence(state), evidence(state) -> text,
 * copy(text, shadowRoot) -> Promise<boolean>, dismiss(state) }.
 */
export function openCard(state, ctx) {
  closeCard();
  const { t, rulesById } = ctx;
  const host = document.createElement('huisregels-card');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);
  const status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const preview = el('pre', { class: 'copied', hidden: true });

  const copy = async (text, done) => {
    const ok = await ctx.copy(text, shadow);
    status.textContent = ok ? done : t('card_copy_failed');
    preview.hidden = false;
    preview.textContent = text;
  };

  const box = el('div', { class: 'card', role: 'dialog', 'aria-label': t('card_title'), 'data-action': state.action, tabindex: '-1' });
  box.append(el('div', { class: 'head' },
    el('span', { class: 'badge', text: t(`action_${state.action}`) }),
    el('span', { class: 'who', text: [state.author, state.time].filter(Boolean).join(' \u00b7 ') }),
    el('button', { class: 'close', type: 'button', 'aria-label': t('card_close'), text: '\u00d7', onclick: () => closeCard() })));

  const count = ctx.offenders(state.author);
  if (count >= 2) box.append(el('div', { class: 'note offender', text: t('card_offender', [state.author, String(count)]) }));
  if (state.truncated) box.append(el('div', { class: 'note', text: t('card_truncated') }));

  for (const f of state.findings) {
    const info = rulesById.get(f.rule) ?? rulesById.get(f.infoRule);
    const section = el('section', { class: 'finding', 'data-rule': f.rule, 'data-category': f.category });
    section.append(el('div', { class: 'rule', text: `${f.rule} \u00b7 ${t(`category_${f.category}`)} \u00b7 ${t(`action_${f.action}`)}` }));
    if (f.end > f.start) section.append(el('div', { class: 'excerpt', text: f.excerpt }));
    else if (f.rule.startsWith('media/')) section.append(el('div', { class: 'excerpt', text: t('card_media') }));
    section.append(el('p', { class: 'message', text: f.message }));
    const house = info?.houseRule ?? f.houseRule;
    if (house) section.append(el('blockquote', { class: 'house' }, el('span', { class: 'label', text: `${t('card_house_rule')} ` }), document.createTextNode(house)));
    if (f.advice) section.append(el('p', { class: 'advice' }, el('span', { class: 'label', text: `${t('card_advice')} ` }), document.createTextNode(f.advice)));
    box.append(section);
  }

  box.append(el('p', { class: 'recommend', text: `${t('card_recommended')} ${t(`recommend_${state.action}`)}` }));

  const buttons = el('div', { class: 'buttons' });
  for (const { category, reply } of ctx.replies(state)) {
    buttons.append(el('button', {
      type: 'button', 'data-copy': 'reply', 'data-category': category,
      text: t('card_copy_reply', [t(`category_${category}`)]),
      onclick: () => copy(reply, t('card_copied_reply')),
    }));
  }
  if (ctx.needsEvidence(state)) {
    buttons.append(el('button', {
      type: 'button', 'data-copy': 'evidence', text: t('card_copy_evidence'),
      onclick: () => copy(ctx.evidence(state), t('card_copied_evidence')),
    }));
  }
  buttons.append(el('button', {
    type: 'button', 'data-dismiss': '', text: t('card_dismiss'),
    onclick: () => { closeCard(); ctx.dismiss(state); },
  }));
  box.append(buttons, status, preview);
  shadow.append(box);
  document.documentElement.append(host);

  const reposition = () => {
    if (!state.root.isConnected || !state.marker) { closeCard(); return; }
    place(host, state.marker);
  };
  const onKey = (event) => { if (event.key === 'Escape') closeCard(); };
  card = { host, state, reposition, onKey };
  window.addEventListener('scroll', reposition, { capture: true, passive: true });
  window.addEventListener('resize', reposition, { passive: true });
  document.addEventListener('keydown', onKey, true);
  state.marker?.shadowRoot?.querySelector('button')?.setAttribute('aria-expanded', 'true');
  place(host, state.marker ?? state.root);
  box.focus({ preventScroll: true });
  return host;
}
