/**
 * How record values read best: JSON objects and arrays pretty-printed, a hint while typing
 * whether the text is (still) valid JSON. Values are untrusted text; callers sanitize what
 * they print.
 */

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** True for text that parses to an object or an array (numbers and strings stay as they are). */
export function isJsonDocument(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  const parsed = parseJson(text);
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null;
}

/** The value pretty-printed (2 spaces) when it is a JSON object or array; otherwise the text itself. */
export function prettyValue(text: string): string {
  if (!/^\s*[[{]/.test(text)) return text;
  const parsed = parseJson(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return text;
  return JSON.stringify(parsed.value, null, 2);
}

export interface JsonHint {
  /** `none`: the text does not look like JSON and the old value was not JSON either. */
  readonly kind: 'valid' | 'invalid' | 'none';
  readonly message: string;
}

/**
 * While typing: `✓ valid JSON` / `✗ not valid JSON: …` when the text looks like a JSON
 * document or the value being edited was one; nothing for plain text.
 */
export function jsonHint(text: string, original?: string): JsonHint {
  const looksJson = /^\s*[[{]/.test(text) || (original !== undefined && isJsonDocument(original));
  if (!looksJson) return { kind: 'none', message: '' };
  const parsed = parseJson(text);
  return parsed.ok ? { kind: 'valid', message: '✓ valid JSON' } : { kind: 'invalid', message: `✗ not valid JSON: ${parsed.error}` };
}
