// Reading comments the way a person sees them, with a map back to the DOM.
//
// The adapter (one per surface, from adapters.json) says where comments are; this file turns a
// comment's DOM into the text the engine checks: text nodes as they are, emoji images by their
// `alt`, line breaks between blocks, without buttons such as "Meer weergeven". Every piece of the
// text remembers the node it came from (`segments`), so a finding's UTF-16 offsets can be turned
// back into a DOM Range for the highlight.

const BLOCK_TAGS = new Set(['div', 'p', 'li', 'blockquote', 'pre', 'ul', 'ol', 'section']);

/** The adapter for this page, or null when no surface claims the host. */
export function pickSurface(adapters, url) {
  const { hostname, pathname } = new URL(url);
  for (const surface of adapters.surfaces) {
    if (!surface.hosts.includes(hostname)) continue;
    if (surface.path && !new RegExp(surface.path).test(pathname)) continue;
    return surface;
  }
  return null;
}

/**
 * Whether `el` is a comment root for `surface`: it matches the comment selector and its label
 * starts with a known prefix. Returns `{ reply, label }` or null.
 */
export function commentKind(el, surface, labels) {
  if (!el.matches(surface.comment)) return null;
  if (!surface.label) return { reply: false, label: '' };
  const label = el.getAttribute(surface.label) ?? '';
  for (const prefix of labels.reply) if (label.startsWith(prefix)) return { reply: true, label: label.slice(prefix.length) };
  for (const prefix of labels.comment) if (label.startsWith(prefix)) return { reply: false, label: label.slice(prefix.length) };
  return null;
}

/** The comment roots at or around `node`: the closest enclosing one and every one inside it. */
export function rootsAround(node, surface, out) {
  const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  if (!el) return;
  const enclosing = el.closest(surface.comment);
  if (enclosing) out.add(enclosing);
  for (const inner of el.querySelectorAll(surface.comment)) out.add(inner);
}

function own(root, el, surface) {
  return el.closest(surface.comment) === root;
}

function firstText(root, selectors, surface) {
  for (const selector of selectors ?? []) {
    for (const el of root.querySelectorAll(selector)) {
      if (!own(root, el, surface)) continue;
      const text = el.textContent.trim();
      if (text) return { el, text };
    }
  }
  return null;
}

/** The blocks of text that belong to this comment (not to a nested reply, the author or a button). */
function textBlocks(root, surface) {
  const blocks = [];
  for (const el of root.querySelectorAll(surface.text)) {
    if (!own(root, el, surface)) continue;
    const last = blocks[blocks.length - 1];
    if (last && last.contains(el)) continue;
    const not = surface.notText ? el.closest(surface.notText) : null;
    if (not && root.contains(not)) continue;
    blocks.push(el);
  }
  return blocks;
}

class TextBuilder {
  constructor(skip) {
    this.skip = skip;
    this.text = '';
    this.segments = []; // { start, end, node } ; node null for separators we add
  }

  push(str, node) {
    if (!str) return;
    this.segments.push({ start: this.text.length, end: this.text.length + str.length, node });
    this.text += str;
  }

  separate(sep) {
    if (!this.text || /\s$/.test(this.text)) return;
    this.push(sep, null);
  }

  walk(parent) {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        const data = child.data;
        if (/^\s*$/.test(data)) {
          if (data) this.separate(' ');
        } else {
          this.push(data, child);
        }
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (this.skip && child.matches(this.skip)) continue;
        const tag = child.localName;
        if (tag === 'img') {
          const alt = child.getAttribute('alt');
          if (alt) this.push(alt, child);
        } else if (tag === 'br') {
          this.push('\n', null);
        } else if (tag.includes('-') && tag.startsWith('huisregels')) {
          continue; // our own marker
        } else if (BLOCK_TAGS.has(tag)) {
          this.separate('\n');
          this.walk(child);
          this.separate('\n');
        } else {
          this.walk(child);
        }
      }
    }
  }

  finish() {
    // Trailing separators (the only segments without a node) are not part of what a person reads.
    while (this.segments.length && this.segments.at(-1).node === null) {
      const seg = this.segments.pop();
      this.text = this.text.slice(0, seg.start);
    }
    return { text: this.text, segments: this.segments };
  }
}

/**
 * Reads one comment. Returns
 * `{ text, segments, author, time, link, media, truncated, reply }`.
 */
export function readComment(root, surface, adapters, kind) {
  const builder = new TextBuilder(surface.skip);
  for (const block of textBlocks(root, surface)) {
    builder.separate('\n');
    builder.walk(block);
  }
  const { text, segments } = builder.finish();
  const author = firstText(root, surface.author, surface)?.text || kind.label.trim();
  const time = firstText(root, surface.time, surface)?.text ?? '';
  const linkEl = (surface.link ?? []).map((s) => root.querySelector(s)).find((el) => el && own(root, el, surface));
  let media = false;
  if (surface.media) {
    for (const el of root.querySelectorAll(surface.media)) {
      if (own(root, el, surface)) { media = true; break; }
    }
  }
  let truncated = false;
  if (surface.seeMore) {
    const words = new Set(adapters.seeMore);
    for (const el of root.querySelectorAll(surface.seeMore)) {
      if (own(root, el, surface) && words.has(el.textContent.trim())) { truncated = true; break; }
    }
  }
  return {
    text,
    segments,
    author,
    time,
    link: linkEl ? linkEl.href : '',
    media,
    truncated,
    reply: kind.reply,
  };
}

function locate(segments, offset, end) {
  // The segment holding the offset; for an end offset, the one it closes.
  for (const seg of segments) {
    const inside = end ? offset > seg.start && offset <= seg.end : offset >= seg.start && offset < seg.end;
    if (inside && seg.node) return { seg, at: offset - seg.start };
  }
  // The offset falls on a separator: move to the nearest real node.
  if (end) {
    for (let i = segments.length - 1; i >= 0; i -= 1) {
      if (segments[i].node && segments[i].end <= offset) return { seg: segments[i], at: segments[i].end - segments[i].start };
    }
  } else {
    for (const seg of segments) if (seg.node && seg.start >= offset) return { seg, at: 0 };
  }
  return null;
}

/** A DOM Range over `text.slice(start, end)` of a read comment, or null. */
export function rangeFor(segments, start, end) {
  if (!(end > start)) return null;
  const a = locate(segments, start, false);
  const b = locate(segments, end, true);
  if (!a || !b || a.seg.start > b.seg.start) return null;
  if (!a.seg.node.isConnected || !b.seg.node.isConnected) return null;
  const range = new Range();
  if (a.seg.node.nodeType === Node.TEXT_NODE) range.setStart(a.seg.node, a.at);
  else range.setStartBefore(a.seg.node);
  if (b.seg.node.nodeType === Node.TEXT_NODE) range.setEnd(b.seg.node, b.at);
  else range.setEndAfter(b.seg.node);
  return range;
}
