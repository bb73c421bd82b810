// Keeps secrets out of everything cogsync shows or writes about AWS calls: request
// parameters, error messages and the request log. Two layers: patterns for the shapes
// AWS puts secrets in (signature errors echo the canonical request, which carries
// x-amz-security-token), and the literal credential strings the client factory has seen.

/** Parameter names whose values are secrets: never shown, not even in part. */
const SECRET_PARAM_NAMES = new Set([
  'secretaccesskey',
  'sessiontoken',
  'accesskeyid',
  'authorization',
  'password',
  'logins', // provider → id token map (GetId, GetOpenIdToken…)
  'token', // RegisterDevice's push token
  'x-amz-security-token',
  'credentials',
]);

/** Parameter names whose values are opaque handles: shown shortened, enough to tell two apart. */
const SHORTENED_PARAM_NAMES = new Set(['syncsessiontoken', 'nexttoken']);

export const MAX_LOGGED_STRING = 200;
const MAX_LOGGED_ARRAY = 50;
const MAX_DEPTH = 6;

const TEXT_PATTERNS: Array<[RegExp, string]> = [
  [/(x-amz-security-token\s*[:=]\s*)[^\s&,;'"]+/gi, '$1***'],
  [/(X-Amz-Signature=)[0-9a-f]+/gi, '$1***'],
  [/(Signature=)[0-9a-f]{16,}/g, '$1***'],
  [/(aws_secret_access_key\s*=\s*)\S+/gi, '$1***'],
  [/(aws_session_token\s*=\s*)\S+/gi, '$1***'],
  [/("?(?:SecretAccessKey|SessionToken)"?\s*[:=]\s*"?)[^"\s,}]+/g, '$1***'],
];

/**
 * The credential strings seen by this process (secret keys and session tokens), so a
 * literal occurrence anywhere can be replaced. Bounded: credentials rotate.
 */
const knownSecrets: string[] = [];
const MAX_KNOWN_SECRETS = 32;

export function rememberSecret(value: string | undefined): void {
  // Very short strings would redact ordinary words; real secrets are long.
  if (!value || value.length < 8 || knownSecrets.includes(value)) return;
  knownSecrets.push(value);
  if (knownSecrets.length > MAX_KNOWN_SECRETS) knownSecrets.shift();
}

/** Removes secrets from free text (error messages, log lines). */
export function redactText(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join('***');
  }
  for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** `abcdefgh…(412 chars)`: recognisable, not reusable. */
export function shortenHandle(value: string): string {
  return value.length <= 12 ? value : `${value.slice(0, 8)}…(${value.length} chars)`;
}

export function cutString(value: string, max = MAX_LOGGED_STRING): string {
  return value.length <= max ? value : `${value.slice(0, max)}…(+${value.length - max} chars)`;
}

/**
 * A copy of an SDK command input that is safe to log: secrets replaced by `***`, opaque
 * tokens shortened, long strings and arrays cut. Never mutates the input.
 */
export function redactParams(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cutString(redactText(value));
  if (value === null || typeof value !== 'object') return value;
  // An Invalid Date (a server sent an impossible timestamp) must not make the call fail here.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_LOGGED_ARRAY).map((item) => redactParams(item, depth + 1));
    if (value.length > MAX_LOGGED_ARRAY) items.push(`…(+${value.length - MAX_LOGGED_ARRAY} more)`);
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined) continue;
    const lower = key.toLowerCase();
    if (SECRET_PARAM_NAMES.has(lower)) out[key] = '***';
    else if (SHORTENED_PARAM_NAMES.has(lower) && typeof item === 'string') out[key] = shortenHandle(item);
    else out[key] = redactParams(item, depth + 1);
  }
  return out;
}
