/**
 * THE sanitizer for untrusted text (record keys and values, dataset / pool / identity names,
 * error messages from a server) before it reaches a terminal.
 *
 * A value such as "\x1b[2J" or "\x1b]52;c;…\x07" would clear the screen or write the
 * clipboard if printed raw, and a bidi override (U+202E) can make `evil` read as `live`.
 * So every character a terminal may interpret is shown visibly escaped instead:
 *
 * | input                              | shown as            |
 * |------------------------------------|---------------------|
 * | ESC (so every CSI / OSC sequence)  | `\e` (`\e[31m`)     |
 * | \n \r \t                           | `\n` `\r` `\t`      |
 * | other C0, DEL, C1 (0x80–0x9f)      | `\x00` … `\x9f`     |
 * | bidi controls, LRM/RLM, ALM        | `\u202e` …          |
 * | U+2028 / U+2029 (line separators)  | `\u2028` `\u2029`   |
 * | lone surrogates                    | `\ud800` …          |
 *
 * Backslashes are NOT doubled: values are often JSON, where doubling would mislead more than
 * it helps, and a backslash is harmless to a terminal. Escapes are lower-case hex.
 */

// One class holding every unsafe code unit; a lone surrogate is a high surrogate not followed
// by a low one, or a low one not preceded by a high one.
const UNSAFE_SOURCE =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]' +
  '|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const UNSAFE_ANY = new RegExp(UNSAFE_SOURCE);
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'g');

const NAMED: Readonly<Record<string, string>> = {
  '\u001b': '\\e',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** The visible escape for one unsafe code unit. */
function escapeUnit(unit: string): string {
  const named = NAMED[unit];
  if (named) return named;
  const code = unit.charCodeAt(0);
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** True when `text` holds anything the sanitizer would escape (newlines included). */
export function hasUnsafeText(text: string): boolean {
  return UNSAFE_ANY.test(text);
}

/**
 * One-line form, for table cells, names, breadcrumbs, headers: every unsafe character,
 * newlines included, is escaped. The result never contains a control character.
 */
export function sanitizeLine(text: string): string {
  if (!UNSAFE_ANY.test(text)) return text; // fast path: most text is plain
  return text.replace(UNSAFE_ALL, escapeUnit);
}

/**
 * Multi-line form, for a detail pane or an error body: `\n` is kept as a line break; `\r`,
 * tabs and everything else unsafe are escaped (a bare `\r` would overwrite the line).
 */
export function sanitizeMultiline(text: string): string {
  if (!UNSAFE_ANY.test(text)) return text;
  return text.replace(UNSAFE_ALL, (unit) => (unit === '\n' ? '\n' : escapeUnit(unit)));
}

/**
 * A one-line preview of possibly huge text (a value can be 1 MB): only a prefix that can
 * fill `maxColumns` cells is sanitized, so a table of a thousand large values stays cheap.
 * The caller still truncates to the exact width (see truncate.ts).
 */
export function sanitizePreview(text: string, maxColumns: number): string {
  // Each column needs at most 2 code units (a surrogate pair); one extra unit lets a
  // surrogate pair cut at the boundary be kept whole, and the rest is replaced by '…'.
  const limit = Math.max(0, maxColumns) * 2 + 2;
  if (text.length <= limit) return sanitizeLine(text);
  let cut = limit;
  // Do not split a surrogate pair: that would create a lone surrogate that is not in the text.
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return sanitizeLine(text.slice(0, cut)) + '…';
}

// JSON text (from JSON.stringify, which already escapes C0 controls and lone surrogates)
// can still hold DEL, C1 controls, bidi controls and line separators inside its strings.
const JSON_TERMINAL_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text made safe to print or `cat`: those characters become `\uXXXX` escapes, so it
 * still parses to exactly the same values.
 */
export function terminalSafeJson(jsonText: string): string {
  return jsonText.replace(JSON_TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
