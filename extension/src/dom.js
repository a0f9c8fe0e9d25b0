// Building DOM without HTML: every piece of text goes in through textContent.

/**
 * `el('button', { type: 'button', text: 'Opslaan', onclick: save }, child…)`: `text` sets
 * textContent, `class` the class name, `on…` adds a listener, `true` an empty attribute; null,
 * undefined and false are left out.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c) node.append(c);
  return node;
}
