// Opaque, tamper-proof tokens: sync session tokens (SERVICE.md §3.4) and pagination
// next tokens. Both are base64url(JSON payload) + "." + base64url(HMAC-SHA256) under the
// server secret, so the server keeps no token table and a restart keeps them valid.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { invalidNextToken, invalidParameter } from './errors.js';

/** Tokens verified lately, kept so a client's next call skips the HMAC (~0.1 ms each). */
const VERIFIED_CACHE_SIZE = 256;

export class TokenSigner {
  /** Token → payload, oldest first; a token's payload never changes, so a hit needs no check. */
  private readonly verified = new Map<string, Readonly<Record<string, unknown>>>();

  constructor(private readonly secret: Buffer) {}

  sign(payload: object): string {
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The payload when the token is well-formed and signed by this server, else undefined. */
  verify(token: string): Readonly<Record<string, unknown>> | undefined {
    const known = this.verified.get(token);
    if (known) return known;
    const payload = this.check(token);
    if (payload) {
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, Object.freeze(payload));
    }
    return payload;
  }

  private check(token: string): Record<string, unknown> | undefined {
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/** Which dataset a token belongs to. */
export interface DatasetRef {
  poolId: string;
  identityId: string;
  datasetName: string;
}

export interface SyncSession {
  sessionId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export const SYNC_TOKEN_INVALID = 'SyncSessionToken not valid for these inputs';
export const SYNC_TOKEN_EXPIRED = 'SyncSessionToken has expired';

export function newSyncSession(nowMs: number, ttlSeconds: number): SyncSession {
  return { sessionId: randomUUID(), expiresAt: nowMs + ttlSeconds * 1000 };
}

/** The token string of a session; the same session always gives the same string. */
export function syncSessionToken(signer: TokenSigner, ref: DatasetRef, session: SyncSession): string {
  return signer.sign({ p: ref.poolId, i: ref.identityId, d: ref.datasetName, s: session.sessionId, e: session.expiresAt });
}

/** Checks a client's token against the request's dataset; throws the two §3.4 messages. */
export function checkSyncSessionToken(signer: TokenSigner, token: string, ref: DatasetRef, nowMs: number): SyncSession {
  const payload = signer.verify(token);
  if (
    !payload ||
    payload.p !== ref.poolId ||
    payload.i !== ref.identityId ||
    payload.d !== ref.datasetName ||
    typeof payload.s !== 'string' ||
    typeof payload.e !== 'number'
  ) {
    throw invalidParameter(SYNC_TOKEN_INVALID);
  }
  if (nowMs >= payload.e) throw invalidParameter(SYNC_TOKEN_EXPIRED);
  return { sessionId: payload.s, expiresAt: payload.e };
}

/**
 * A next token binds the operation, its inputs (`bind`, compared exactly) and the position
 * after which the next page starts (`at`, opaque to this module).
 */
export function encodeNextToken(signer: TokenSigner, operation: string, bind: unknown[], at: unknown): string {
  return signer.sign({ o: operation, b: bind, a: at });
}

/** The position stored in a next token issued for this operation and these inputs; else `Invalid NextToken`. */
export function decodeNextToken(signer: TokenSigner, token: string, operation: string, bind: unknown[]): unknown {
  const payload = signer.verify(token);
  if (!payload || payload.o !== operation || JSON.stringify(payload.b) !== JSON.stringify(bind) || payload.a === undefined) {
    throw invalidNextToken();
  }
  return payload.a;
}
