// The REST client: the session kept in sessionStorage, JSON requests, and problem+json errors.

const BASE = '/api/v1';
const SESSION_KEY = 'cartwheel.session';

/** An error answer of the API, carrying its RFC 9457 problem (title, detail, code, errors...). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
    this.code = problem.code;
  }
}

function describe(status, problem) {
  let text = problem.detail || problem.title || `Request failed (HTTP ${status})`;
  if (Array.isArray(problem.errors) && problem.errors.length > 0) {
    text += ': ' + problem.errors.map((e) => `${e.field} ${e.message}`).join('; ');
  }
  return text;
}

/** The stored session ({token, user, expiresAt}) or null when absent or expired. */
export function loadSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY));
    if (session && session.token && Date.parse(session.expiresAt) > Date.now()) return session;
  } catch {
    // unreadable: treat as logged out
  }
  sessionStorage.removeItem(SESSION_KEY);
  return null;
}

export function saveSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({
    token: session.token, user: session.user, expiresAt: session.expiresAt,
  }));
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** A random key for Idempotency-Key; crypto.randomUUID needs a secure context, so fall back. */
export function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Calls the API and returns the parsed JSON body (null for 204). Throws ApiError for any error answer. */
export async function api(method, path, { body, headers = {}, token } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached. Check your connection and try again.' });
  }
  const type = response.headers.get('Content-Type') || '';
  const data = response.status === 204 || !type.includes('json') ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, data || { title: response.statusText || `HTTP ${response.status}` });
  }
  return data;
}
