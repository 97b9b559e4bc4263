// @ts-check
// The dashboard's labels, from the server's constants (`#page-data`).
import { pageData } from '../kit/dom.js';

/** @typedef {import('../../ops/admin/adminViews').AdminPageData} AdminPageData */

export const labels = /** @type {AdminPageData} */ (pageData());

/** @param {string} r a handoff reason */
export const reasonLabel = (r) => labels.reasons[/** @type {keyof AdminPageData['reasons']} */ (r)] ?? r;

/** @param {string} o a conversation result */
export const resultLabel = (o) => labels.results[/** @type {keyof AdminPageData['results']} */ (o)] ?? o;
