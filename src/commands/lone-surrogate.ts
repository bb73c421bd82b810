// Text no request can carry: a lone UTF-16 surrogate (a high one not followed by a low one, or a low one not preceded
// by a high one). JSON can spell it ("\ud800") and the local server may hold it (an older import wrote it), but the
// SDK cannot send it. One check and one wording for update-records (params/validate.ts), import and copy
// (transfer/document.ts) and set / rm (edit/set-rm.ts).
import { sanitizeLine } from '../util/sanitize.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** update-records' wording, after the member's name. */
export const LONE_SURROGATE_PROBLEM = 'it holds a lone UTF-16 surrogate, which is not text that can be sent';

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** The field of a record no request can carry, the key first; undefined when both can be sent. */
export function loneSurrogateField(key: string, value: string | undefined): 'Key' | 'Value' | undefined {
  if (hasLoneSurrogate(key)) return 'Key';
  return value !== undefined && hasLoneSurrogate(value) ? 'Value' : undefined;
}

/**
 * One error line for such a record: `cogsync: error: WHERE: MEMBER (dataset NAME, key "KEY"): why`. `where` must
 * already be fit to print; the dataset name and key are shown with control characters (and the surrogate) visible.
 */
export function loneSurrogateLine(where: string, member: string, dataset: string, key: string): string {
  return `cogsync: error: ${where}: ${member} (dataset ${sanitizeLine(dataset)}, key ${shownText(key, '"')}): ${LONE_SURROGATE_PROBLEM}`;
}

/** Untrusted text for a message: quoted, control characters visible, cut so a 1,024-character key stays readable. */
export function shownText(text: string, quote: string): string {
  if (text.length <= 60) return `${quote}${sanitizeLine(text)}${quote}`;
  const cut = /[\ud800-\udbff]/.test(text[59]) ? 59 : 60; // not half a surrogate pair, which would read as a lone one
  return `${quote}${sanitizeLine(text.slice(0, cut))}…${quote}`;
}
