// @ts-check
// The page kit's DOM helpers. Every text goes in with textContent: nothing the server or a
// person typed ever becomes markup.

/**
 * The element with this id, checked to be of `type` (default any HTMLElement); throws when
 * the page lacks it, so a template and its script cannot drift apart silently.
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @param {{ new (): T }} [type]
 * @returns {T}
 */
export function $(id, type) {
  const e = document.getElementById(id);
  const want = type ?? HTMLElement;
  if (!(e instanceof want)) throw new Error(`The page has no ${want.name} #${id}.`);
  return /** @type {T} */ (e);
}

/**
 * @typedef {object} ElOptions
 * @property {string} [className]
 * @property {string | number | null} [text] set as textContent
 * @property {string} [title]
 * @property {Record<string, string>} [attrs]
 */

/** @typedef {Node | string | null | undefined | false} Child */

/**
 * Creates an element: `el('li', { className: 'item', text: 'Hello' }, [child, 'more text'])`.
 * Strings among the children become text nodes; null, undefined and false are skipped.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {ElOptions} [opts]
 * @param {Child[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, opts = {}, children = []) {
  const e = document.createElement(tag);
  if (opts.className) e.className = opts.className;
  if (opts.text !== undefined && opts.text !== null) e.textContent = String(opts.text);
  if (opts.title) e.title = opts.title;
  for (const [k, v] of Object.entries(opts.attrs ?? {})) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/**
 * Replaces a select's options with `[value, label]` pairs, keeping its first option when asked
 * (an "any" entry) and the chosen value when it is still there.
 * @param {HTMLSelectElement} select
 * @param {readonly (readonly [string, string])[]} pairs
 * @param {boolean} [keepFirst]
 */
export function fillSelect(select, pairs, keepFirst = false) {
  const chosen = select.value;
  const first = keepFirst ? select.options[0] : undefined;
  select.replaceChildren(...(first ? [first] : []), ...pairs.map(([value, label]) => new Option(label, value)));
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
}

/**
 * The JSON the server rendered into the page's `<script type="application/json" id="page-data">`
 * (labels and settings from the server's own constants: no hand copies in scripts).
 * @returns {unknown}
 */
export function pageData() {
  return JSON.parse($('page-data').textContent ?? 'null');
}
