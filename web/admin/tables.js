// @ts-check
// The dashboard's tables: rows of text cells, with "Nothing in this period." when empty.
import { $, el } from '../kit/dom.js';

/** A cell: its text, or `[text, class]`. @typedef {string | number | [string | number | null, string]} Cell */

/**
 * Fills the body of table `#id`. Rows with a `pick` open what is behind them (click, or Enter
 * on the focused row).
 * @template T
 * @param {string} id
 * @param {readonly T[]} items
 * @param {(item: T) => Cell[]} cells
 * @param {(item: T) => void} [pick]
 * @returns {HTMLTableRowElement[]} the rows, in the order of `items`
 */
export function rows(id, items, cells, pick) {
  const table = $(id, HTMLTableElement);
  const body = table.tBodies[0];
  if (!body) throw new Error(`#${id} has no tbody.`);
  if (!items.length) {
    const empty = el('td', { className: 'empty', text: 'Nothing in this period.' });
    empty.colSpan = table.querySelectorAll('thead th').length;
    body.replaceChildren(el('tr', {}, [empty]));
    return [];
  }
  const trs = items.map((item) => {
    const tr = el(
      'tr',
      {},
      cells(item).map((c) => {
        const [text, className] = Array.isArray(c) ? c : [c, ''];
        return el('td', { className, text });
      }),
    );
    if (pick) {
      tr.className = 'drill';
      tr.tabIndex = 0;
      tr.addEventListener('click', () => pick(item));
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') pick(item);
      });
    }
    return tr;
  });
  body.replaceChildren(...trs);
  return trs;
}

/** Fills datalist `#id` with `names`. @param {string} id @param {string[]} names */
export function fillList(id, names) {
  $(id).replaceChildren(...names.map((n) => el('option', { attrs: { value: n } })));
}
