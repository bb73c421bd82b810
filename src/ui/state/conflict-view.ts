/**
 * What the conflict dialog shows for one key, as lines: base / mine / theirs, each with its
 * SyncCount and who wrote it when, values JSON pretty-printed and cut to the room there is.
 */
import { toMillis, type ConflictItem, type ConflictKind, type Resolution, type SyncRecord } from '../../sync/index.js';
import { formatTime, type DateFormat } from '../../util/format.js';
import { prettyValue } from '../../util/json-view.js';
import { sanitizeLine, sanitizePreview } from '../../util/sanitize.js';
import { truncateToWidth } from '../../util/truncate.js';
import { wrapText } from './detail.js';

export const KIND_TEXT: Readonly<Record<ConflictKind, string>> = {
  'both-changed': 'changed on both sides',
  'both-added': 'added on both sides',
  'removed-vs-changed': 'you remove it; the server changed it',
  'changed-vs-removed': 'you changed it; the server removed it',
};

export function resolutionText(resolution: Resolution | undefined): string {
  if (!resolution) return 'no pick yet';
  if (resolution.kind === 'custom') return 'edited value';
  return resolution.kind === 'mine' ? 'keep mine' : 'take theirs';
}

function who(record: SyncRecord | undefined, dateFormat: DateFormat): string {
  if (!record) return '';
  const parts = [`sc ${record.syncCount}`];
  if (record.lastModifiedBy) parts.push(`by ${sanitizeLine(record.lastModifiedBy)}`);
  const at = toMillis(record.lastModifiedDate);
  if (at !== undefined) parts.push(formatTime(at, { format: dateFormat }));
  return parts.join(' · ');
}

export interface SideLines {
  readonly label: 'base' | 'mine' | 'theirs' | 'merged';
  /** `sc 6 · by phone · 2026-11-26 06:40`, or '' for mine; for an edited value, the SyncCount it is sent at. */
  readonly facts: string;
  readonly lines: readonly string[];
}

function valueLines(value: string | undefined, absent: string, width: number, room: number): string[] {
  if (value === undefined) return [absent];
  if (value === '') return ['""'];
  // One line: the value as one line (line breaks shown as \n), cut at the width; wrapped, a multi-line or JSON value
  // showed only its first line replaced by '…'.
  if (room <= 1) return [truncateToWidth(sanitizePreview(value, width), width)];
  const { lines, more } = wrapText(prettyValue(value), width, room);
  if (more && lines.length > 0) lines[lines.length - 1] = '…';
  return lines;
}

/**
 * The three sides of a conflict, each at most `room` value lines `width` columns wide, and a
 * fourth, `merged`, once the key's pick is an edited value: the value Enter will send.
 */
export function conflictSides(item: ConflictItem, width: number, room: number, dateFormat: DateFormat = 'local', resolution?: Resolution): SideLines[] {
  const n = Math.max(1, room);
  const sides: SideLines[] = [
    { label: 'base', facts: item.base ? who(item.base, dateFormat) : 'not on the server then', lines: valueLines(item.base?.value, item.base ? '(removed)' : '(none)', width, n) },
    { label: 'mine', facts: item.mine.kind === 'remove' ? 'remove' : '', lines: valueLines(item.mine.kind === 'replace' ? item.mine.value : undefined, '(removed)', width, n) },
    { label: 'theirs', facts: item.theirs ? who(item.theirs, dateFormat) : 'gone from the server', lines: valueLines(item.theirs?.value, '(removed)', width, n) },
  ];
  if (resolution?.kind === 'custom') {
    sides.push({ label: 'merged', facts: `sent at the server's SyncCount ${item.theirs?.syncCount ?? 0}`, lines: valueLines(resolution.value, '(none)', width, n) });
  }
  return sides;
}

/** One line of the sides' block: a side's label (with its facts, or its value when compact) or one of its value lines. */
export interface SideRow {
  readonly label: SideLines['label'];
  readonly text: string;
  readonly kind: 'label' | 'value';
}

/**
 * The sides laid out in `room` lines. With two lines a side or more: each side's label and facts, then its value lines
 * (as many as fit). Fewer (a short terminal: 40×12 leaves two): one line a side, the label then the value's first line,
 * the sides that matter to the pick first (mine and theirs, an edited value before them), in their usual order. Every
 * value line stays under its own label: squeezed into too few lines, the boxes overlapped and the base value showed
 * where mine belonged.
 */
export function sideRows(sides: readonly SideLines[], room: number): SideRow[] {
  const lines = Math.max(1, room);
  if (lines >= sides.length * 2) {
    const valueRoom = Math.max(1, Math.floor((lines - sides.length) / sides.length));
    return sides.flatMap((side): SideRow[] => [
      { label: side.label, text: `${side.label.padEnd(7)}${side.facts}`, kind: 'label' },
      ...side.lines.slice(0, valueRoom).map((line): SideRow => ({ label: side.label, text: `         ${line}`, kind: 'value' })),
    ]);
  }
  const priority: SideLines['label'][] = ['merged', 'mine', 'theirs', 'base'];
  const kept = new Set(
    [...sides]
      .sort((a, b) => priority.indexOf(a.label) - priority.indexOf(b.label))
      .slice(0, lines)
      .map((side) => side.label),
  );
  return sides
    .filter((side) => kept.has(side.label))
    .map((side): SideRow => ({ label: side.label, text: `${side.label.padEnd(7)}${side.lines[0] ?? ''}${side.lines.length > 1 ? ' …' : ''}`, kind: 'label' }));
}
