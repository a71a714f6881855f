// The LMS HTTP client: one request, retried with exponential backoff on 429 and 5xx (honouring Retry-After), redacted when shown.

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
  retryAfter?: string | null;
}

export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

/** Node's fetch; a response body is read whole (LMS answers are small), and no redirect carries the token elsewhere. */
export const fetchTransport: Transport = async (req) => {
  const res = await fetch(req.url, {
    method: req.method,
    headers: req.headers,
    body: req.body,
    redirect: 'error',
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, body: await res.text(), retryAfter: res.headers.get('retry-after') };
};

export interface RetryOptions {
  transport?: Transport;
  /** Attempts in all, the first included. */
  attempts?: number;
  /** The first wait; each next one doubles, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told before each wait: what failed and how long until the next attempt. */
  onRetry?: (why: string, waitMs: number, attempt: number) => void;
}

const RETRYABLE = (status: number): boolean => status === 429 || status >= 500;

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export class HttpError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
    readonly body?: string,
  ) {
    super(message);
  }
}

/**
 * Sends `req`, again after a 429, a 5xx or a network error, waiting baseDelayMs·2^k (or what Retry-After asks, capped
 * at maxDelayMs). Any other status is the answer. The last failure throws HttpError.
 */
export async function sendWithRetry(req: HttpRequest, opts: RetryOptions = {}): Promise<HttpResponse> {
  const { transport = fetchTransport, attempts = 5, baseDelayMs = 1000, maxDelayMs = 60_000 } = opts;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    let why: string;
    let wait = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    try {
      const res = await transport(req);
      if (!RETRYABLE(res.status)) return res;
      why = `HTTP ${res.status}`;
      const asked = retryAfterMs(res.retryAfter);
      if (asked !== undefined) wait = Math.min(maxDelayMs, asked);
      if (attempt >= attempts)
        throw new HttpError(
          res.status,
          `${req.method} ${redactUrl(req.url)}: ${why} after ${attempts} attempts`,
          res.body.slice(0, 500),
        );
    } catch (e) {
      if (e instanceof HttpError) throw e;
      why = `network error (${(e as Error).message})`;
      if (attempt >= attempts)
        throw new HttpError(undefined, `${req.method} ${redactUrl(req.url)}: ${why} after ${attempts} attempts`);
    }
    opts.onRetry?.(why, wait, attempt);
    await sleep(wait);
  }
}

/** A URL with any access_token query parameter hidden. */
export const redactUrl = (url: string): string => url.replace(/([?&](?:access_token|token)=)[^&]*/gi, '$1<redacted>');

/** How --dry-run and logs show a request: the Authorization header and a client assertion redacted, never a secret. */
export function describeRequest(req: HttpRequest): string {
  const headers = Object.entries(req.headers).map(
    ([k, v]) => `  ${k}: ${/^authorization$/i.test(k) ? v.replace(/^(\w+)\s+.*$/, '$1 <redacted>') : v}`,
  );
  const body = (req.body ?? '').replace(/(client_assertion=)[^&]*/g, '$1<redacted>');
  return [`${req.method} ${redactUrl(req.url)}`, ...headers, ...(body ? [`  ${body}`] : [])].join('\n');
}
