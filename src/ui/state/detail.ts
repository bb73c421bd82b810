/**
 * The detail pane of the records screen as lines: what the selected key is (count, who and
 * when), what is staged for it (old → new, a line diff for multi-line and JSON values),
 * drift, and the full value, JSON pretty-printed, wrapped to the pane. Only as much text
 * as fits is laid out, so a 1 MB value is as cheap as a short one.
 */
import { countOf, toMillis } from '../../sync/index.js';
import { prettyValue } from '../../util/json-view.js';
import { valueDiff, wantsLineDiff } from '../../util/line-diff.js';
import { formatTime, type DateFormat } from '../../util/format.js';
import { sanitizeMultiline, sanitizeLine } from '../../util/sanitize.js';
import { displayWidth, truncateToWidth } from '../../util/truncate.js';
import type { RecordsState } from './records.js';
import { aroundChange, compactDiff, quoted } from './review.js';

export type DetailStyle = 'title' | 'muted' | 'warning' | 'add' | 'del' | 'plain';

export interface DetailLine {
  readonly text: string;
  readonly style: DetailStyle;
}

/** Wraps `text` (sanitized, with `\n` kept) into lines of `width` columns; at most `max` lines. */
export function wrapText(raw: string, width: number, max: number): { lines: string[]; more: boolean } {
  const cols = Math.max(1, width);
  // Enough of the text to fill `max` lines, whatever the characters' widths.
  const cut = raw.length > cols * max * 2 + 2;
  const text = sanitizeMultiline(cut ? raw.slice(0, cols * max * 2 + 2) : raw);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const ch of paragraph) {
      const w = displayWidth(ch);
      if (used + w > cols && line !== '') {
        lines.push(line);
        if (lines.length > max) return { lines: lines.slice(0, max), more: true };
        line = '';
        used = 0;
      }
      line += ch;
      used += w;
    }
    lines.push(line);
    if (lines.length > max) return { lines: lines.slice(0, max), more: true };
  }
  return { lines, more: cut };
}

function valueBlock(value: string, width: number, room: number, style: DetailStyle = 'plain'): DetailLine[] {
  if (room <= 0) return [];
  const { lines, more } = wrapText(prettyValue(value), width, room);
  const out = lines.map((text): DetailLine => ({ text, style }));
  if (more) out[out.length - 1] = { text: '… (more: E opens the whole value in $EDITOR)', style: 'muted' };
  return out;
}

/** Every line of the pane for `key` (at most `height`); times as preferences.dateFormat says. */
export function detailLines(s: RecordsState, key: string | undefined, width: number, height: number, dateFormat: DateFormat = 'local'): DetailLine[] {
  if (key === undefined) return [{ text: s.status === 'loading' ? 'loading…' : 'no record selected', style: 'muted' }];
  const record = s.dataset.base.records.get(key);
  const entry = s.dataset.staged.get(key);
  const out: DetailLine[] = [];
  const add = (text: string, style: DetailStyle = 'plain') => out.push({ text: truncateToWidth(text, width), style });

  const facts = [`key ${sanitizeLine(key)}`];
  if (record) facts.push(`SyncCount ${record.syncCount}`);
  if (record?.lastModifiedBy) facts.push(`by ${sanitizeLine(record.lastModifiedBy)}`);
  add(facts.join(' · '), 'title');
  if (record?.lastModifiedDate !== undefined) add(`modified ${formatTime(toMillis(record.lastModifiedDate), { format: dateFormat })}`, 'muted');
  if (record && record.value === undefined && !entry) add(`removed on the server (tombstone, SyncCount ${record.syncCount})`, 'muted');
  if (entry && countOf(entry.base) !== countOf(record)) {
    add(`! changed on the server since staged (sc ${countOf(entry.base)} → ${countOf(record)}): the commit will ask`, 'warning');
  }

  if (!entry) {
    // An empty value is a value (the table shows ""); a blank pane would look like no value at all.
    if (record?.value === '') add('"" (empty value)', 'muted');
    else if (record?.value !== undefined) out.push(...valueBlock(record.value, width, height - out.length));
    return out.slice(0, height);
  }
  const before = entry.base?.value;
  const after = entry.op.kind === 'replace' ? entry.op.value : undefined;
  const what = after === undefined ? 'staged: remove' : before === undefined ? (entry.base ? 'staged: add again (over a removed key)' : 'staged: new key') : 'staged: modified';
  add(what, 'warning');
  if (!wantsLineDiff(before, after)) {
    const room = Math.max(4, width - 6);
    const [shownBefore, shownAfter] = aroundChange(before, after, room);
    add(`old ${quoted(shownBefore, room, before === undefined && entry.base ? '(removed)' : '(none)')}`, 'del');
    add(`new ${quoted(shownAfter, room, '(removed)')}`, 'add');
    // A short old → new says it all; a long new value is shown whole below. A value longer than twice the
    // room is long without measuring it: measuring 100 KB of wide characters took ~25 s (Intl.Segmenter is quadratic).
    if (after !== undefined && (after.length > room * 2 + 2 || displayWidth(after) > room)) out.push(...valueBlock(after, width, height - out.length));
    return out.slice(0, height);
  }
  for (const line of compactDiff(valueDiff(before, after), 2)) {
    if (out.length >= height) break;
    const sign = line.kind === 'add' ? '+' : line.kind === 'del' ? '-' : ' ';
    const style: DetailStyle = line.kind === 'add' ? 'add' : line.kind === 'del' ? 'del' : 'muted';
    add(`${sign} ${sanitizeLine(line.text.slice(0, width * 2 + 2))}`, style);
  }
  return out.slice(0, height);
}
