// Small DOM and formatting helpers. Text always goes in through textContent, never as HTML.

/** h('button', {class: 'x', dataset: {testid: 'y'}, onclick}, 'text', child...) */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

const fractionDigits = new Map();

/** 1999 EUR → "€19.99": minor units scaled by the currency's own number of decimals. */
export function money(minor, currency) {
  try {
    if (!fractionDigits.has(currency)) {
      const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
      fractionDigits.set(currency, digits);
    }
    const digits = fractionDigits.get(currency);
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** A timestamp, as the time alone when it is today. */
export function when(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toDateString() === new Date().toDateString() ? timeOnly.format(date) : dateTime.format(date);
}

export const shortId = (uuid) => String(uuid).slice(0, 8);

/** The coloured PENDING / CONFIRMED / CANCELLED pill. */
export function statusBadge(status) {
  return h('span', { class: `badge badge-${String(status).toLowerCase()}`, dataset: { testid: 'order-status' } }, status);
}

/** "2 × Enamel mug, 1 × TEE-02": product names where the catalogue knows them. */
export function linesSummary(lines = [], products = new Map()) {
  return lines.map((line) => `${line.quantity} × ${products.get(line.sku)?.name ?? line.sku}`).join(', ');
}
