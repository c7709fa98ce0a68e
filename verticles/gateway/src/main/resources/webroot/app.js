// Cartwheel web app: log in, browse the catalogue, order, and follow orders and notifications live.

import { api, ApiError, loadSession, saveSession, clearSession, newIdempotencyKey } from './api.js';
import { LiveStream } from './stream.js';
import { h, $, money, when, shortId, statusBadge, linesSummary } from './dom.js';

const PAYMENT_TOKEN = 'tok_visa'; // the simulated provider approves it (tok_decline is refused)
const STATUS_RANK = { PENDING: 0, CONFIRMED: 1, CANCELLED: 1 };

const state = {
  session: null,           // {token, user, expiresAt}
  products: new Map(),     // sku → product
  orders: new Map(),       // id → my order
  notifications: new Map(),// id → notification
  newestNotificationId: null, // where the stream resumes from after a (re)load
  allOrders: new Map(),    // id → any order (admins, from the stream)
  stream: null,
};

const isAdmin = () => Boolean(state.session?.user?.roles?.includes('admin'));

// ---------------------------------------------------------------------------------------------
// Messages: problems and confirmations, dismissable

function notify(text, kind = 'error') {
  const box = $('#messages');
  const message = h('div', { class: `message message-${kind}`, role: kind === 'error' ? 'alert' : 'status', dataset: { testid: 'message' } },
    h('span', { dataset: { testid: 'message-text' } }, text),
    h('button', { type: 'button', class: 'message-close', 'aria-label': 'Dismiss', dataset: { testid: 'message-dismiss' }, onclick: () => message.remove() }, '×'));
  box.append(message);
  while (box.children.length > 4) box.firstElementChild.remove();
  if (kind !== 'error') setTimeout(() => message.remove(), 6000);
}

/** An authenticated call; a 401 ends the session. */
async function call(method, path, options = {}) {
  try {
    return await api(method, path, { ...options, token: state.session?.token });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && state.session) {
      error.sessionEnded = true;
      endSession('Your session has expired. Please log in again.');
    }
    throw error;
  }
}

/** Runs an action from a form or button, showing its problem if it fails and disabling the button meanwhile. */
async function act(button, action) {
  if (button) button.disabled = true;
  try {
    await action();
  } catch (error) {
    if (!error.sessionEnded) notify(error.message);
  } finally {
    if (button) button.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Session

function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

function bindAuthForms() {
  $('#login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const { email, password } = formValues(event.target);
    act(event.submitter, async () => startSession(await api('POST', '/sessions', { body: { email, password } })));
  });
  $('#register-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const { email, fullName, password } = formValues(event.target);
    act(event.submitter, async () => startSession(await api('POST', '/users', { body: { email, fullName, password } })));
  });
  $('#logout').addEventListener('click', () => endSession());
}

function startSession(session) {
  saveSession(session);
  state.session = loadSession();
  document.querySelectorAll('#auth-view form').forEach((form) => form.reset());
  enterShop();
}

function endSession(reason) {
  state.stream?.stop();
  state.stream = null;
  clearSession();
  state.session = null;
  state.newestNotificationId = null;
  for (const map of [state.products, state.orders, state.notifications, state.allOrders, earlyStatus]) map.clear();
  for (const id of ['#products', '#orders', '#notifications', '#admin-orders']) $(id).replaceChildren();
  $('#shop-view').hidden = true;
  $('#session-bar').hidden = true;
  $('#auth-view').hidden = false;
  if (reason) notify(reason, 'info');
}

async function enterShop() {
  $('#auth-view').hidden = true;
  $('#shop-view').hidden = false;
  $('#session-bar').hidden = false;
  $('#user-name').textContent = state.session.user.fullName;
  $('#logout').title = `Log out ${state.session.user.fullName} (${state.session.user.email})`;
  $('#admin-view').hidden = !isAdmin();
  renderOrders();
  renderNotifications();
  renderAllOrders();

  const loads = await Promise.allSettled([loadProducts(), loadOrders(), loadNotifications()]);
  const failed = loads.find((result) => result.status === 'rejected');
  if (!state.session) return; // the session ended meanwhile (401)
  if (failed) notify(failed.reason.message);

  // Resume the feed after the newest notification we hold, so nothing falls between the lists and the stream.
  state.stream = new LiveStream({
    token: () => state.session?.token,
    allOrders: isAdmin(),
    lastEventId: newestNotificationId(),
    onState: showLiveState,
    onReady: ({ fresh }) => { if (fresh) { loadOrders().catch(() => {}); loadNotifications().catch(() => {}); } },
    onMessage: onFeedMessage,
    onAuthError: () => endSession('Your session has expired. Please log in again.'),
  });
  state.stream.start();
}

function showLiveState(liveState, detail) {
  const indicator = $('#live-indicator');
  indicator.dataset.state = liveState;
  indicator.textContent = { live: 'live', connecting: 'connecting…', reconnecting: 'reconnecting…' }[liveState] || 'offline';
  indicator.title = detail ? `Live updates: ${liveState} (${detail})` : `Live updates: ${liveState}`;
}

// ---------------------------------------------------------------------------------------------
// Catalogue

async function loadProducts() {
  const page = await api('GET', '/products?page=0&size=50');
  for (const product of page.items) state.products.set(product.sku, product);
  $('#catalogue-count').textContent = `${page.total} product${page.total === 1 ? '' : 's'}`;
  renderProducts();
}

let refreshTimer = null;
/** Stock moves as orders go through: refresh the catalogue shortly after, once per burst. */
function refreshCatalogueSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => loadProducts().catch(() => {}), 500);
}

function renderProducts() {
  const container = $('#products');
  if (state.products.size === 0) {
    container.replaceChildren(h('p', { class: 'empty' }, 'No products yet.'));
    return;
  }
  $('.empty', container)?.remove();
  for (const product of [...state.products.values()].sort((a, b) => a.sku.localeCompare(b.sku))) {
    let card = container.querySelector(`[data-sku="${CSS.escape(product.sku)}"]`);
    if (!card) container.append(card = productCard(product));
    updateProductCard(card, product);
  }
}

function productCard(product) {
  const { sku } = product;
  const orderForm = h('form', { class: 'order-form', onsubmit: (event) => {
    event.preventDefault();
    act(event.submitter, () => placeOrder(sku, Number(orderForm.elements.quantity.value)));
  } },
  h('label', { class: 'sr-only', for: `qty-${sku}` }, `Quantity of ${product.name}`),
  h('input', { id: `qty-${sku}`, name: 'quantity', type: 'number', min: 1, max: 100, value: 1, required: true, inputmode: 'numeric', dataset: { testid: `qty-${sku}` } }),
  h('button', { type: 'submit', class: 'button', dataset: { testid: `order-${sku}` } }, 'Order'));

  const card = h('article', { class: 'card product', dataset: { sku, testid: `product-${sku}` } },
    h('div', { class: 'product-head' }, h('h3', { class: 'product-name' }), h('span', { class: 'price' })),
    h('p', { class: 'product-desc' }),
    h('div', { class: 'product-meta' }, h('span', { class: 'sku' }, sku), h('span', { class: 'stock' })),
    orderForm);

  if (isAdmin()) {
    const restockForm = h('form', { class: 'restock-form', onsubmit: (event) => {
      event.preventDefault();
      act(event.submitter, () => restock(sku, Number(restockForm.elements.quantity.value)));
    } },
    h('span', { class: 'restock-levels muted' }),
    h('label', { class: 'sr-only', for: `restock-qty-${sku}` }, `Units of ${sku} to add`),
    h('input', { id: `restock-qty-${sku}`, name: 'quantity', type: 'number', min: 1, max: 1000000, value: 10, required: true, dataset: { testid: `restock-qty-${sku}` } }),
    h('button', { type: 'submit', class: 'button button-quiet', dataset: { testid: `restock-${sku}` } }, 'Restock'));
    card.append(restockForm);
  }
  return card;
}

function updateProductCard(card, product) {
  $('.product-name', card).textContent = product.name;
  $('.price', card).textContent = money(product.priceMinor, product.currency);
  $('.product-desc', card).textContent = product.description || '';
  const stock = $('.stock', card);
  stock.textContent = product.available > 0 ? `${product.available} available` : 'Out of stock';
  stock.classList.toggle('stock-out', product.available <= 0);
  $('.order-form button', card).disabled = product.available <= 0;
  const levels = $('.restock-levels', card);
  if (levels) levels.textContent = `${product.stockOnHand} on hand · ${product.reserved} reserved`;
}

async function placeOrder(sku, quantity) {
  // 201: already final; 202: PENDING, and the stream brings the outcome.
  const order = await call('POST', '/orders', {
    headers: { 'Idempotency-Key': newIdempotencyKey() },
    body: { lines: [{ sku, quantity }], paymentToken: PAYMENT_TOKEN },
  });
  addOrder(order);
  renderOrders();
  refreshCatalogueSoon();
  if (order.status === 'CANCELLED') notify(`Order #${shortId(order.id)} was cancelled: ${order.cancelReason || 'no reason given'}.`);
  else notify(`Order #${shortId(order.id)} placed.`, 'info');
}

async function restock(sku, quantity) {
  const product = await call('POST', `/products/${encodeURIComponent(sku)}/restock`, {
    headers: { 'Idempotency-Key': newIdempotencyKey() },
    body: { quantity },
  });
  state.products.set(product.sku, product);
  renderProducts();
  notify(`${product.sku} restocked: ${product.available} available.`, 'info');
}

// ---------------------------------------------------------------------------------------------
// Orders

async function loadOrders() {
  const page = await call('GET', '/orders?page=0&size=50');
  for (const order of page.items) addOrder(order);
  renderOrders();
}

/** Keeps the newest state of an order: a late PENDING never overwrites CONFIRMED or CANCELLED. */
function mergeOrder(map, incoming) {
  const current = map.get(incoming.id);
  if (current) {
    if (STATUS_RANK[incoming.status] < STATUS_RANK[current.status]) return;
    if (incoming.updatedAt && current.updatedAt && incoming.updatedAt < current.updatedAt) return;
  }
  map.set(incoming.id, { ...current, ...incoming });
}

const fetching = new Set();
const earlyStatus = new Map(); // orderId → status change from the feed that came before the order itself

/** An order from the API: merged, with any status change the feed brought before it. */
function addOrder(order) {
  mergeOrder(state.orders, order);
  if (earlyStatus.has(order.id)) mergeOrder(state.orders, earlyStatus.get(order.id));
  earlyStatus.delete(order.id);
}

/** An order.status message: update the row, or fetch the order if it is new to us (another tab). */
function applyOrderStatus(notification) {
  const id = notification.orderId;
  const change = { id, status: notification.orderStatus };
  if (notification.cancelReason) change.cancelReason = notification.cancelReason;
  if (state.orders.has(id)) {
    mergeOrder(state.orders, change);
    renderOrders();
    return;
  }
  const seen = earlyStatus.get(id);
  if (!seen || STATUS_RANK[change.status] >= STATUS_RANK[seen.status]) earlyStatus.set(id, change);
  if (fetching.has(id)) return;
  fetching.add(id);
  call('GET', `/orders/${encodeURIComponent(id)}`)
    .then((order) => { addOrder(order); renderOrders(); })
    .catch(() => {})
    .finally(() => fetching.delete(id));
}

const newestFirst = (a, b) => (b.createdAt || '').localeCompare(a.createdAt || '');

function renderOrders() {
  const orders = [...state.orders.values()].sort(newestFirst);
  $('#orders').replaceChildren(...(orders.length === 0
    ? [h('li', { class: 'empty' }, 'No orders yet. Pick something from the catalogue.')]
    : orders.map((order) => h('li', { class: 'order', dataset: { testid: `order-row-${order.id}`, orderId: order.id } },
      h('div', { class: 'order-main' },
        h('span', { class: 'order-id', title: order.id }, `#${shortId(order.id)}`),
        h('span', { class: 'order-lines' }, linesSummary(order.lines, state.products)),
        h('span', { class: 'muted small' }, when(order.createdAt),
          order.status === 'CANCELLED' && order.cancelReason ? ` · ${order.cancelReason}` : '')),
      h('div', { class: 'order-side' },
        statusBadge(order.status),
        h('span', { class: 'order-total' }, money(order.totalMinor, order.currency)))))));
}

// ---------------------------------------------------------------------------------------------
// Notifications

async function loadNotifications() {
  const page = await call('GET', '/notifications?page=0&size=20');
  for (const notification of page.items) addNotification(notification);
  // the server's order (newest first) is the feed's order; timestamps may tie or mislead
  state.newestNotificationId = page.items[0]?.id ?? null;
  renderNotifications();
}

function addNotification(notification) {
  const known = state.notifications.get(notification.id);
  state.notifications.set(notification.id, { ...notification, readAt: notification.readAt || known?.readAt || null });
}

function newestNotificationId() {
  return state.newestNotificationId ?? null;
}

async function markRead(id) {
  await call('POST', `/notifications/${encodeURIComponent(id)}/read`);
  const notification = state.notifications.get(id);
  if (notification) notification.readAt = new Date().toISOString();
  renderNotifications();
}

function renderNotifications() {
  const items = [...state.notifications.values()].sort(newestFirst);
  const unread = items.filter((n) => !n.readAt).length;
  const counter = $('#unread-count');
  counter.hidden = unread === 0;
  counter.textContent = `${unread} unread`;
  $('#notifications').replaceChildren(...(items.length === 0
    ? [h('li', { class: 'empty' }, 'Nothing yet.')]
    : items.map((n) => h('li', { class: `notification${n.readAt ? '' : ' unread'}`, dataset: { testid: `notification-${n.id}`, kind: n.kind } },
      h('div', { class: 'notification-head' },
        h('strong', {}, n.title),
        h('time', { class: 'muted small', datetime: n.createdAt }, when(n.createdAt))),
      n.body ? h('p', {}, n.body) : null,
      n.readAt ? null : h('button', { type: 'button', class: 'link', dataset: { testid: `mark-read-${n.id}` },
        onclick: (event) => act(event.currentTarget, () => markRead(n.id)) }, 'Mark read')))));
}

// ---------------------------------------------------------------------------------------------
// The live feed

function onFeedMessage(message) {
  switch (message.type) {
    case 'order.status':
      addNotification(message.notification);
      renderNotifications();
      if (message.notification.orderId) applyOrderStatus(message.notification);
      refreshCatalogueSoon();
      break;
    case 'notification':
      addNotification(message.notification);
      renderNotifications();
      break;
    case 'order':
      mergeOrder(state.allOrders, message.order);
      renderAllOrders();
      refreshCatalogueSoon();
      break;
    default:
      break; // newer message types are ignored
  }
}

function renderAllOrders() {
  const orders = [...state.allOrders.values()].sort(newestFirst);
  $('#admin-orders').replaceChildren(...(orders.length === 0
    ? [h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'Waiting for order activity…'))]
    : orders.map((order) => h('tr', { dataset: { testid: `admin-order-row-${order.id}` } },
      h('td', { class: 'mono', title: order.id }, shortId(order.id)),
      h('td', { class: 'mono', title: order.userId }, shortId(order.userId)),
      h('td', {}, linesSummary(order.lines, state.products)),
      h('td', { class: 'num' }, money(order.totalMinor, order.currency)),
      h('td', {}, statusBadge(order.status)),
      h('td', { class: 'muted small' }, when(order.updatedAt))))));
}

// ---------------------------------------------------------------------------------------------

async function main() {
  bindAuthForms();
  state.session = loadSession();
  if (!state.session) {
    endSession();
    return;
  }
  try {
    state.session.user = await call('GET', '/users/me'); // roles may have changed since
    saveSession(state.session);
  } catch (error) {
    if (!state.session) return;
    notify(error.message);
  }
  enterShop();
}

main();
