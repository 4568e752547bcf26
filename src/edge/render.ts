import { errorCatalogue } from '../errors.ts';
import { errorStatus, familyErrorCode, REASON } from './error-codes.ts';
import { FAMILY_LANGUAGE, type Family } from './meta.ts';
import type { WireError } from './wire-error.ts';

/** A rendered answer: status, the headers it needs, and the body (null for 204). */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const REALM = 'tracehub';

/** RFC 6750 §3 quoted-string: no quotes or backslashes inside. */
const quoted = (s: string) => `"${s.replace(/["\\]/g, "'")}"`;

/** The challenge of a 401 (RFC 9110 §11.6.1, RFC 6750 §3) or of an insufficient scope 403. */
function challenge(family: Family, e: WireError, status: number): string | undefined {
  if (family === 'oauth') return status === 401 ? 'Basic realm="oauth"' : undefined;
  if (e.code === 'INSUFFICIENT_SCOPE') {
    return `Bearer realm="${REALM}", error="insufficient_scope", error_description=${quoted(e.message.en)}${e.scope ? `, scope=${quoted(e.scope)}` : ''}`;
  }
  if (status !== 401) return undefined;
  if (e.code === 'INVALID_TOKEN') return `Bearer realm="${REALM}", error="invalid_token", error_description=${quoted(e.message.en)}`;
  return `Bearer realm="${REALM}"`;
}

const hasFieldDetails = (e: WireError) => (e.code === 'VALIDATION_FAILED' || e.code === 'MALFORMED_REQUEST') && e.details.length > 0;

/**
 * THE error renderer: an error as its family's body (DESIGN.md's table), status and headers
 * (`WWW-Authenticate`, `Retry-After`, no-store for OAuth). Validation failures list one
 * `details` entry per field in every JSON family; messages are in the family's language.
 */
export function renderError(family: Family, e: WireError, now = Date.now()): Answer {
  const status = errorStatus(family, e.code);
  const lang = FAMILY_LANGUAGE[family];
  const message = e.message[lang];
  const details = e.details.map((d) => ({ field: d.field, message: d.message[lang] }));
  const headers: Record<string, string> = { 'content-type': JSON_TYPE };
  const www = challenge(family, e, errorCatalogue[e.code].httpStatus);
  if (www) headers['www-authenticate'] = www;
  if (e.retryAfterSeconds !== undefined) headers['retry-after'] = String(e.retryAfterSeconds);
  const code = familyErrorCode(family, e.code);
  const withDetails = (body: Record<string, unknown>) => (hasFieldDetails(e) ? { ...body, details } : body);
  let body: unknown;
  switch (family) {
    case 'mini':
      body = withDetails({ success: false, message, code, timestamp: now });
      break;
    case 'admin':
      body = withDetails({ success: false, message, error_code: code });
      break;
    case 'mobile': {
      // the app shows `message` alone: one bad field is named in it (`参数验证失败：用户名不能为空`)
      const shown = hasFieldDetails(e) && details.length === 1 ? `${message}：${details[0]!.message}` : message;
      body = withDetails({ success: false, message: shown, code, timestamp: new Date(now).toISOString() });
      break;
    }
    case 'v1':
      body = { status: 'error', code, message, details };
      break;
    case 'bi':
      body = withDetails({ success: false, error: REASON[errorCatalogue[e.code].httpStatus] ?? 'Error', message });
      break;
    case 'oauth':
      headers['cache-control'] = 'no-store';
      headers.pragma = 'no-cache';
      body = { error: code, error_description: message };
      break;
    case 'page':
      headers['content-type'] = 'text/html; charset=utf-8';
      headers['cache-control'] = 'no-store';
      return { status, headers, body: errorPage(message) };
  }
  return { status, headers, body: JSON.stringify(body) };
}

/** What a success needs besides the output: the declared (or outcome-dependent) message and status. */
export interface SuccessOptions {
  shape: 'wrap' | 'spread' | 'bare';
  message: string;
  status: number;
}

const DEFAULT_MESSAGE: Record<Family, string> = {
  mini: '操作成功',
  admin: '操作成功',
  mobile: '操作成功',
  v1: '',
  bi: '',
  oauth: '',
  page: '',
};

/** The success message of a family when the operation declares none. */
export function defaultMessage(family: Family): string {
  return DEFAULT_MESSAGE[family];
}

/**
 * THE success renderer: wraps `dataJson` (the output already serialised, undefined for void) in
 * its family's envelope, assembling strings so the data is never serialised twice.
 */
export function renderSuccess(family: Family, dataJson: string | undefined, o: SuccessOptions, now = Date.now()): Answer {
  const headers: Record<string, string> = { 'content-type': JSON_TYPE };
  if (o.status === 204) return { status: 204, headers: {}, body: null };
  const data = dataJson ?? 'null';
  const msg = JSON.stringify(o.message);
  const spread = (head: string) => (data.length > 2 && data.startsWith('{') ? `${head},${data.slice(1)}` : `${head}}`);
  let body: string;
  if (o.shape === 'bare' || family === 'oauth' || family === 'page') {
    if (family === 'oauth') Object.assign(headers, { 'cache-control': 'no-store', pragma: 'no-cache' });
    body = data;
  } else {
    switch (family) {
      case 'mini':
        // the health check's 503 keeps the success shape but must not claim success
        body = `{"success":${o.status < 400},"message":${msg},"timestamp":${now},"data":${data}}`;
        break;
      case 'admin':
        body = dataJson === undefined ? `{"success":true,"message":${msg}}` : `{"success":true,"message":${msg},"data":${data}}`;
        break;
      case 'mobile':
        body = o.shape === 'spread' ? spread(`{"success":${o.status < 400}`) : `{"success":true,"message":${msg},"data":${data}}`;
        break;
      case 'v1':
        body =
          o.shape === 'spread'
            ? spread('{"status":"success"')
            : `{"status":"success","data":${data},"meta":{"serverTime":"${new Date(now).toISOString()}"}}`;
        break;
      case 'bi':
        // spread: an output `{data, meta}` gives `{success, data, meta}` (the BI CLI reads `meta`)
        body = o.shape === 'spread' ? spread('{"success":true') : `{"success":true,"data":${data}}`;
        break;
    }
  }
  return { status: o.status, headers, body };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

/** The `page` family's error body: a minimal, self-contained HTML page. */
function errorPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Error · tracehub</title></head><body style="font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem"><h1 style="font-size:1.3rem">Something went wrong</h1><p role="alert" style="color:#b00020">${escapeHtml(message)}</p><p><a href="/device">Start again</a></p></body></html>`;
}
