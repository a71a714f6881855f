// LTI 1.3 service access: a JWT client assertion signed with the tool's private key (RS256), exchanged for a token.
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { TfgradeError } from '../util/errors.js';
import { sendWithRetry, type HttpRequest, type RetryOptions } from './http.js';

export const AGS_SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

export interface LtiTool {
  /** The tool's client id at the platform: iss and sub of the assertion. */
  clientId: string;
  /** The platform's OAuth 2 token endpoint: the assertion's aud. */
  tokenUrl: string;
  /** The tool's private key (PEM), from a file or the environment: never a command-line argument. */
  privateKeyPem: string;
  /** The kid of the tool's public key in its JWKS, when the platform needs it to pick the key. */
  keyId?: string;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** The client assertion (IMS Security Framework §4.1): iss = sub = client id, aud = token endpoint, 5 minutes, a fresh jti. */
export function clientAssertion(tool: LtiTool, nowS = Math.floor(Date.now() / 1000)): string {
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(tool.privateKeyPem);
  } catch (e) {
    throw new TfgradeError(
      'USAGE',
      `the LTI private key is not a PEM private key (${(e as Error).message.split('\n')[0]})`,
      "set TFGRADE_LTI_KEY_FILE to the tool's RSA private key file (PEM)",
    );
  }
  const header = { alg: 'RS256', typ: 'JWT', ...(tool.keyId ? { kid: tool.keyId } : {}) };
  const claims = {
    iss: tool.clientId,
    sub: tool.clientId,
    aud: tool.tokenUrl,
    iat: nowS,
    exp: nowS + 300,
    jti: randomUUID(),
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), key))}`;
}

export function tokenRequest(tool: LtiTool, scope = AGS_SCORE_SCOPE): HttpRequest {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: clientAssertion(tool),
    scope,
  }).toString();
  return {
    method: 'POST',
    url: tool.tokenUrl,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body,
  };
}

/** A bearer token for the score scope, fetched once per run (a run lasts far less than its expiry). */
export async function fetchAccessToken(tool: LtiTool, retry: RetryOptions): Promise<string> {
  const res = await sendWithRetry(tokenRequest(tool), retry);
  let data: { access_token?: unknown } = {};
  try {
    data = JSON.parse(res.body) as typeof data;
  } catch {
    // reported below
  }
  if (res.status !== 200 || typeof data.access_token !== 'string') {
    throw new TfgradeError(
      'USAGE',
      `the platform's token endpoint refused the tool (HTTP ${res.status})`,
      "check --client-id, --token-url, and that the platform has the tool's public key (its JWKS or the PEM)",
    );
  }
  return data.access_token;
}
