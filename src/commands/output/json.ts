// `--output json`: the AWS CLI's `json.dumps(indent=4, ensure_ascii=False)`. Values from
// the server are untrusted: JSON.stringify already escapes C0 controls (ESC included) and
// lone surrogates; DEL, C1 controls, bidi overrides and line separators are escaped too,
// so the text is safe on a terminal and still parses to exactly the same values. Numbers
// as Python writes them: a float keeps its `.0` and takes Python's exponent form (py-float.ts).
import type { PlainValue } from './plain-data.js';
import { PyFloat, pyJsonNumber } from './py-float.js';

const TERMINAL_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function formatJson(data: PlainValue): string {
  // The CLI prints nothing for an empty response (`{}`), e.g. SubscribeToDataset.
  if (isEmptyObject(data)) return '';
  const text = dumps(data, '').replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${text}\n`;
}

/** JSON.stringify(data, null, 4), but for numbers, written as Python's json module writes them. */
function dumps(value: PlainValue, indent: string): string {
  if (typeof value === 'number' || value instanceof PyFloat) return pyJsonNumber(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + dumps(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${dumps(item, inner)}`).join(',\n')}\n${indent}}`;
}

function isEmptyObject(data: PlainValue): boolean {
  return data !== null && typeof data === 'object' && !Array.isArray(data) && !(data instanceof PyFloat) && Object.keys(data).length === 0;
}
