// The live feed: a WebSocket on /api/v1/stream, authenticated by a one-time ticket, that reconnects
// with backoff and resumes after the last feed message it saw (lastEventId).

import { api } from './api.js';

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 15000;

export class LiveStream {
  /**
   * @param {object} options
   * @param {() => string} options.token      the current bearer token
   * @param {boolean} options.allOrders       open with scope=orders (admins): adds `order` messages
   * @param {string|null} options.lastEventId resume after this notification id
   * @param {(message: object) => void} options.onMessage  every feed message (not `ready`)
   * @param {(info: {resumed: number, fresh: boolean}) => void} options.onReady  `fresh`: opened without
   *        lastEventId, so whatever happened before this connection was not replayed
   * @param {(state: string, detail?: string) => void} options.onState  connecting | live | reconnecting | offline
   * @param {(error: Error) => void} options.onAuthError  the ticket was refused: the session is over
   */
  constructor(options) {
    this.options = options;
    this.lastEventId = options.lastEventId || null;
    this.socket = null;
    this.timer = null;
    this.attempt = 0;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close(1000, 'logout');
    this.socket = null;
    this.options.onState('offline');
  }

  async connect() {
    this.options.onState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let ticket;
    try {
      ({ ticket } = await api('POST', '/stream/tickets', { token: this.options.token() }));
    } catch (error) {
      if (error.status === 401) return this.options.onAuthError(error);
      return this.scheduleReconnect(error.message);
    }
    if (this.stopped) return;

    const url = new URL('/api/v1/stream', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('ticket', ticket);
    this.resumedFrom = this.lastEventId;
    if (this.lastEventId) url.searchParams.set('lastEventId', this.lastEventId);
    if (this.options.allOrders) url.searchParams.set('scope', 'orders');

    const socket = new WebSocket(url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => { opened = true; };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      // A refused upgrade (bad lastEventId, limits...) only shows as a close before open. If that keeps
      // happening while resuming, resume from nothing: the app reloads its lists on the next `ready`.
      if (!opened && this.lastEventId && this.attempt >= 2) this.lastEventId = null;
      this.scheduleReconnect(closeReason(event));
    };
  }

  receive(raw) {
    let message;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (message.type === 'ready') {
      this.attempt = 0;
      this.options.onState('live');
      this.options.onReady({ resumed: message.resumed || 0, fresh: !this.resumedFrom });
      return;
    }
    if ((message.type === 'order.status' || message.type === 'notification') && message.id) {
      this.lastEventId = message.id;
    }
    this.options.onMessage(message);
  }

  scheduleReconnect(reason) {
    if (this.stopped) return;
    this.attempt += 1;
    const ceiling = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** (this.attempt - 1));
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.options.onState('reconnecting', reason);
    this.timer = setTimeout(() => this.connect(), delay);
  }
}

function closeReason(event) {
  switch (event.code) {
    case 1001: return 'server restarting';
    case 4000: return 'heartbeat lost';
    case 4008: return 'connection too slow';
    case 4009: return 'catching up';
    case 1011: return 'server error';
    default: return event.reason || 'connection lost';
  }
}
