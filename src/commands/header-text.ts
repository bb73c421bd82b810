// Input members sent in HTTP headers (UpdateRecords' --client-context → x-amz-Client-Context). The AWS CLI sends a
// header's text as its UTF-8 bytes; Node writes a string's characters as Latin-1 bytes (and refuses any above U+00FF).
// So the text stays as typed in the command's input, where the request log (--debug, --log) reads it, and becomes
// the string of its UTF-8 bytes only in the HTTP request, AFTER it is signed: AWS (and botocore, the CLI's signer)
// signs the text, hashing the canonical request as UTF-8 once; signing the byte string would hash the UTF-8 of
// each byte (double encoding), a signature only a server making the same mistake accepts.
import { cutString } from '../aws/redact.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Shape } from './model/service-model.js';

/** The HTTP header names of an input shape's header members (`x-amz-Client-Context`). */
export function headerNames(input: Shape): string[] {
  return Object.entries(input.members ?? {}).flatMap(([member, ref]) => (ref.location === 'header' ? [ref.locationName ?? member] : []));
}

/** Text as the string of its UTF-8 bytes, each one character U+0000-U+00FF: what Node then sends as those bytes. */
export function utf8Bytes(text: string): string {
  return /[^\x00-\x7f]/.test(text) ? Buffer.from(text, 'utf8').toString('latin1') : text;
}

/**
 * A header value for --debug, readable: the text as typed, saying it went out as UTF-8 bytes when it is not ASCII;
 * base64 (the mobile SDKs' client context) with the JSON it encodes. Control characters are made visible, long
 * values cut.
 */
export function describeHeaderValue(text: string): string {
  const shown = sanitizeLine(cutString(text));
  const json = base64Json(text);
  if (json !== undefined) return `${shown} (base64 of ${sanitizeLine(cutString(json))})`;
  return /[^\x00-\x7f]/.test(text) ? `${shown} (sent as its UTF-8 bytes)` : shown;
}

/** The JSON text that `text` is the base64 of (as the local server reads a client context), else undefined. */
function base64Json(text: string): string | undefined {
  const trimmed = text.trim();
  // Buffer's decoder skips junk instead of failing, so base64 text is insisted on first.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, 'base64');
  const decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    const json = decoded.decode(bytes);
    JSON.parse(json);
    return json;
  } catch {
    return undefined;
  }
}

type Next = (args: { request: unknown }) => Promise<unknown>;

/**
 * Where `utf8HeadersMiddleware` goes in the SDK's stack (`stack.addRelativeTo(mw, UTF8_HEADERS_PLACE)`): in the
 * finalizeRequest step right after the signer (`httpSigningMiddleware`, alias `awsAuthMiddleware`), which signs a
 * copy of the request and passes that copy on — so the bytes change only in what is sent, once per attempt.
 */
export const UTF8_HEADERS_PLACE = { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'cogsyncUtf8Headers' } as const;

/**
 * The SDK middleware (after signing: see UTF8_HEADERS_PLACE) that sends `names`' values as UTF-8 bytes, telling
 * `show` each one as it goes (for --debug).
 */
export function utf8HeadersMiddleware(names: readonly string[], show?: (name: string, value: string) => void) {
  // The SDK may write the name in lower case; it is shown as the model (and the AWS CLI's --debug) spells it.
  const wanted = new Map(names.map((n) => [n.toLowerCase(), n]));
  return (next: Next) => async (args: { request: unknown }) => {
    const headers = (args.request as { headers?: Record<string, string> } | undefined)?.headers;
    for (const [name, value] of Object.entries(headers ?? {})) {
      const shownName = wanted.get(name.toLowerCase());
      if (shownName === undefined || typeof value !== 'string') continue;
      show?.(shownName, value);
      headers![name] = utf8Bytes(value);
    }
    return next(args);
  };
}
