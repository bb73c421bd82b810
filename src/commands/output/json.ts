// `--output json`: the AWS CLI's `json.dumps(indent=4, ensure_ascii=False)`. Values from
// the server are untrusted: JSON.stringify already escapes C0 controls (ESC included) and
// lone surrogates; DEL, C1 controls, bidi overrides and line separators are escaped too,
// so the text is safe on a terminal and still parses to exactly the same values.
import type { PlainValue } from './plain-data.js';

const TERMINAL_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function formatJson(data: PlainValue): string {
  // The CLI prints nothing for an empty response (`{}`), e.g. SubscribeToDataset.
  if (isEmptyObject(data)) return '';
  const text = JSON.stringify(data, null, 4).replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${text}\n`;
}

function isEmptyObject(data: PlainValue): boolean {
  return data !== null && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0;
}
