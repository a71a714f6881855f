// A local stand-in for an LMS (127.0.0.1, random port) that enforces the rules the real ones document: Canvas's
// update_grades and an LTI 1.3 platform's token endpoint and AGS scores. No live LMS is used by any test.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  status: number;
}

export interface LmsServerOptions {
  canvasToken?: string;
  courseId?: string;
  /** Canvas assignment ids that exist. */
  assignments?: string[];
  /** LMS user ids that exist (Canvas user ids / LTI user ids). */
  users: string[];
  clientId?: string;
  /** The tool's public key, to check client assertions. */
  toolPublicKey?: KeyObject;
  /** Line item ids (the last path segment) that exist. */
  lineItems?: string[];
  /** Answer the first score or grade request with 429 (Retry-After: 0), to exercise the retry. */
  throttleOnce?: boolean;
  /** More requests than this are refused with 503 and flagged: a runaway client fails its test. */
  maxRequests?: number;
}

export interface LmsServer {
  url: string;
  seen: Seen[];
  /** Canvas: assignment → user → posted grade. */
  grades: Map<string, Map<string, string>>;
  /** LTI: line item → user → the last accepted score. */
  scores: Map<string, Map<string, Record<string, unknown>>>;
  overflow: boolean;
  close(): Promise<void>;
}

export function toolKeys(): { privatePem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })),
  };
}

const json = (res: ServerResponse, status: number, data: unknown, extra: Record<string, string> = {}): number => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...extra });
  res.end(JSON.stringify(data));
  return status;
};

function checkAssertion(jwt: string, key: KeyObject, clientId: string, aud: string): string | undefined {
  const [h, p, sig] = jwt.split('.');
  if (!h || !p || !sig) return 'not a JWT';
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
  if (header.alg !== 'RS256') return 'alg must be RS256';
  if (!verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(sig, 'base64url'))) return 'bad signature';
  const c = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
  const now = Date.now() / 1000;
  if (c.iss !== clientId || c.sub !== clientId) return 'iss/sub must be the client id';
  if (c.aud !== aud && !(Array.isArray(c.aud) && c.aud.includes(aud))) return 'aud must be the token endpoint';
  if (typeof c.exp !== 'number' || c.exp < now || typeof c.iat !== 'number' || c.iat > now + 60)
    return 'expired or future';
  if (typeof c.jti !== 'string' || !c.jti) return 'jti required';
  return undefined;
}

export async function startLmsServer(o: LmsServerOptions): Promise<LmsServer> {
  const state: LmsServer = {
    url: '',
    seen: [],
    grades: new Map(),
    scores: new Map(),
    overflow: false,
    close: async () => {},
  };
  const issued = new Set<string>();
  const jtis = new Set<string>();
  let throttle = !!o.throttleOnce;
  const handle = (req: IncomingMessage, body: string, res: ServerResponse): number => {
    const url = new URL(req.url ?? '/', state.url);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (state.seen.length > (o.maxRequests ?? 100)) {
      state.overflow = true;
      return json(res, 503, { error: 'too many requests in one test' });
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      if (type !== 'application/x-www-form-urlencoded') return json(res, 415, { error: 'invalid_request' });
      const f = new URLSearchParams(body);
      if (
        f.get('grant_type') !== 'client_credentials' ||
        f.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
      )
        return json(res, 400, { error: 'unsupported_grant_type' });
      const bad = checkAssertion(f.get('client_assertion') ?? '', o.toolPublicKey!, o.clientId!, `${state.url}/token`);
      const jti = JSON.parse(
        Buffer.from((f.get('client_assertion') ?? '..').split('.')[1] ?? '', 'base64url').toString() || '{}',
      ).jti as string;
      if (bad || jtis.has(jti))
        return json(res, 401, { error: 'invalid_client', error_description: bad ?? 'jti reused' });
      jtis.add(jti);
      if (!(f.get('scope') ?? '').split(' ').includes('https://purl.imsglobal.org/spec/lti-ags/scope/score'))
        return json(res, 400, { error: 'invalid_scope' });
      const token = `lti-token-${issued.size + 1}-${Math.random().toString(36).slice(2)}`;
      issued.add(token);
      return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: f.get('scope') });
    }
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const lti = /^\/lineitems\/([^/]+)\/scores$/.exec(url.pathname);
    if (req.method === 'POST' && lti) {
      if (!auth || !issued.has(auth)) return json(res, 401, { error: 'unauthorized' });
      if (type !== 'application/vnd.ims.lis.v1.score+json')
        return json(res, 415, { error: 'content type must be application/vnd.ims.lis.v1.score+json' });
      if (!o.lineItems?.includes(lti[1])) return json(res, 404, { error: 'no such line item' });
      if (throttle) {
        throttle = false;
        return json(res, 429, { error: 'slow down' }, { 'Retry-After': '0' });
      }
      const s = JSON.parse(body) as Record<string, unknown>;
      if (typeof s.userId !== 'string' || !o.users.includes(s.userId))
        return json(res, 422, { error: `unknown user ${String(s.userId)}` });
      if (typeof s.timestamp !== 'string' || !/\.\d+(Z|[+-]\d\d:\d\d)$/.test(s.timestamp))
        return json(res, 400, { error: 'timestamp must be ISO 8601 with sub-second precision' });
      const per = state.scores.get(lti[1]) ?? new Map();
      const last = per.get(s.userId);
      // AGS: a score whose timestamp is not after the stored one's is refused (Moodle answers 409).
      if (last && Date.parse(s.timestamp) <= Date.parse(last.timestamp as string))
        return json(res, 409, { error: 'timestamp not after the current score' });
      if (s.scoreGiven !== undefined && !(typeof s.scoreMaximum === 'number' && s.scoreMaximum > 0))
        return json(res, 400, { error: 'scoreMaximum required' });
      per.set(s.userId, s);
      state.scores.set(lti[1], per);
      res.writeHead(204).end();
      return 204;
    }
    const canvas = /^\/api\/v1\/courses\/([^/]+)\/assignments\/([^/]+)\/submissions\/update_grades$/.exec(url.pathname);
    if (req.method === 'POST' && canvas) {
      if (auth !== o.canvasToken) return json(res, 401, { errors: [{ message: 'Invalid access token.' }] });
      if (type !== 'application/x-www-form-urlencoded' && type !== 'application/json')
        return json(res, 415, { errors: [{ message: 'unsupported content type' }] });
      if (canvas[1] !== o.courseId || !o.assignments?.includes(canvas[2]))
        return json(res, 404, { errors: [{ message: 'The specified resource does not exist.' }] });
      if (throttle) {
        throttle = false;
        return json(res, 429, { errors: [{ message: '403 Forbidden (Rate Limit Exceeded)' }] }, { 'Retry-After': '0' });
      }
      const grades = new Map<string, string>();
      for (const [k, v] of new URLSearchParams(body)) {
        const m = /^grade_data\[([^\]]+)\]\[posted_grade\]$/.exec(k);
        if (!m) return json(res, 400, { errors: [{ message: `unexpected field ${k}` }] });
        if (!o.users.includes(m[1])) return json(res, 400, { errors: [{ message: `unknown user ${m[1]}` }] });
        grades.set(m[1], v);
      }
      const per = state.grades.get(canvas[2]) ?? new Map();
      for (const [u, g] of grades) per.set(u, g);
      state.grades.set(canvas[2], per);
      return json(res, 200, { id: 1, workflow_state: 'queued', url: `${state.url}/api/v1/progress/1` });
    }
    return json(res, 404, { error: 'not found' });
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (b: Buffer) => {
      size += b.length;
      if (size <= 1 << 20) chunks.push(b);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = size > 1 << 20 ? json(res, 413, { error: 'too large' }) : handle(req, body, res);
      state.seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, status });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((r) => server.close(() => r()));
  return state;
}
