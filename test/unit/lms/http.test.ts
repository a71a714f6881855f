// Retries: 429 and 5xx again with exponential backoff or Retry-After, anything else is the answer; secrets never shown.
import { describe, expect, it } from 'vitest';
import {
  HttpError,
  describeRequest,
  retryAfterMs,
  sendWithRetry,
  type HttpResponse,
  type Transport,
} from '../../../grader/lms/http.js';

const req = {
  method: 'POST' as const,
  url: 'https://lms.test/x?access_token=abc&y=1',
  headers: { Authorization: 'Bearer s3cr3t', 'Content-Type': 'application/json' },
  body: '{}',
};

function scripted(answers: (HttpResponse | Error)[]): { transport: Transport; calls: () => number } {
  let n = 0;
  return {
    transport: async () => {
      const a = answers[Math.min(n++, answers.length - 1)];
      if (a instanceof Error) throw a;
      return a;
    },
    calls: () => n,
  };
}

describe('sendWithRetry', () => {
  it.each([
    [
      '429 then 200, waiting what Retry-After asks',
      [
        { status: 429, body: '', retryAfter: '3' },
        { status: 200, body: 'ok' },
      ],
      [3000],
      200,
    ],
    [
      '503, 502 then 201: 1 s, 2 s',
      [
        { status: 503, body: '' },
        { status: 502, body: '' },
        { status: 201, body: '' },
      ],
      [1000, 2000],
      201,
    ],
    ['a network error then 200', [new Error('ECONNRESET'), { status: 200, body: '' }], [1000], 200],
    ['400: no retry', [{ status: 400, body: 'bad' }], [], 400],
    ['409: no retry', [{ status: 409, body: '' }], [], 409],
  ] as const)('%s', async (_l, answers, waits, status) => {
    const s = scripted([...answers]);
    const slept: number[] = [];
    const res = await sendWithRetry(req, {
      transport: s.transport,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    expect(res.status).toBe(status);
    expect(slept).toEqual(waits);
  });

  it('gives up after the attempts, with the status, and caps the wait', async () => {
    const s = scripted([{ status: 500, body: 'down' }]);
    const slept: number[] = [];
    const e = await sendWithRetry(req, {
      transport: s.transport,
      attempts: 4,
      baseDelayMs: 1000,
      maxDelayMs: 3000,
      sleep: async (ms) => {
        slept.push(ms);
      },
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).status).toBe(500);
    expect(slept).toEqual([1000, 2000, 3000]);
    expect(s.calls()).toBe(4);
    expect((e as Error).message).not.toContain('abc');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs(new Date(10_000 + 5000).toUTCString(), 10_000)).toBe(5000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('describeRequest', () => {
  it('redacts the bearer token, an access_token in the URL and a client assertion', () => {
    const shown = describeRequest({
      ...req,
      body: 'grant_type=client_credentials&client_assertion=eyJhbGciOi.x.y&scope=s',
    });
    expect(shown).toContain('Authorization: Bearer <redacted>');
    expect(shown).toContain('access_token=<redacted>');
    expect(shown).toContain('client_assertion=<redacted>&scope=s');
    for (const secret of ['s3cr3t', 'abc&', 'eyJhbGciOi']) expect(shown).not.toContain(secret);
  });
});
