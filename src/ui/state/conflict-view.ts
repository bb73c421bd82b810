/**
 * What the conflict dialog shows for one key, as lines: base / mine / theirs, each with its
 * SyncCount and who wrote it when, values JSON pretty-printed and cut to the room there is.
 */
import { toMillis, type ConflictItem, type ConflictKind, type Resolution, type SyncRecord } from '../../sync/index.js';
import { formatTime, type DateFormat } from '../../util/format.js';
import { prettyValue } from '../../util/json-view.js';
import { sanitizeLine, sanitizePreview } from '../../util/sanitize.js';
import { narrowWidth } from '../../util/narrow-width.js';
import { displayWidth, truncateToWidth } from '../../util/truncate.js';
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

/** How much of a value the one-line view compares and shows (columns). */
const SCAN_COLUMNS = 4000;

/**
 * The values as the sides show them: each side's wrapped lines (one line, line breaks as `\n`, when `room` is 1),
 * every side from the same place on: just above where the values start to differ, when that is past what `room`
 * shows from their start. Two 3 KB values that differ near their end looked the same, cut after their first lines.
 * The difference is found on the text, and only the window is wrapped: a 40,000-character value is never measured
 * character by character.
 */
function valueWindows(values: ReadonlyArray<string | undefined>, absents: readonly string[], width: number, room: number): string[][] {
  if (room <= 1) return oneLineWindows(values, absents, width);
  const texts = values.map((v) => (v === undefined || v === '' ? undefined : prettyValue(v)));
  const from = windowStart(texts, width, room);
  return values.map((value, i) => {
    const text = texts[i];
    if (text === undefined) return [value === '' ? '""' : absents[i]];
    if (from === 0) {
      const { lines, more } = wrapText(text, width, room);
      if (more) lines[room - 1] = '…';
      return lines;
    }
    const rest = wrapText(text.slice(from), width, room - 1);
    const shown = [skippedText(text.slice(0, from), width), ...(rest.lines.join('') === '' ? ['(nothing more)'] : rest.lines)];
    if (rest.more && room - 1 >= 3) shown[shown.length - 1] = '…';
    return shown;
  });
}

/**
 * Where every side's window starts (a code unit offset; 0: at the start): 0 while the first difference is in sight in
 * the first `room - 1` lines, else the start of its line, or when that line is long, one line's worth before it.
 */
function windowStart(texts: ReadonlyArray<string | undefined>, width: number, room: number): number {
  const present = texts.filter((t): t is string => t !== undefined);
  if (present.length < 2) return 0;
  const shortest = Math.min(...present.map((t) => t.length));
  let differ = 0;
  while (differ < shortest && present.every((t) => t.charCodeAt(differ) === present[0].charCodeAt(differ))) differ++;
  if (differ === shortest && present.every((t) => t.length === shortest)) return 0; // the same text
  // In sight: the text up to and including the first difference wraps into the lines above the last one.
  if (!wrapText(present[0].slice(0, differ + 1), width, room - 1).more) return 0;
  let lineStart = present[0].lastIndexOf('\n', differ - 1) + 1;
  // With 3 lines or more for the value, the line above too, for context.
  if (room - 1 >= 3 && lineStart > 0) lineStart = present[0].lastIndexOf('\n', lineStart - 2) + 1;
  let from = differ - lineStart <= width * 2 ? lineStart : differ - width;
  const unit = present[0].charCodeAt(from);
  if (unit >= 0xdc00 && unit <= 0xdfff) from--; // not inside a surrogate pair
  return from;
}

/** `… 38 lines above` when the text skipped is all one-column characters (so counted cheaply), else its characters. */
function skippedText(skipped: string, width: number): string {
  if (narrowWidth(skipped.replace(/\n/g, '')) === undefined) return `… ${skipped.length.toLocaleString('en-US')} characters above`;
  const lines = skipped.split('\n');
  // The window starts at a line's start (the last part is empty) or inside a long line (its start is above).
  const count = lines.reduce((n, line, i) => n + (i === lines.length - 1 ? (line === '' ? 0 : Math.ceil(line.length / width)) : Math.max(1, Math.ceil(line.length / width))), 0);
  return `… ${count.toLocaleString('en-US')} ${count === 1 ? 'line' : 'lines'} above`;
}

function oneLineWindows(values: ReadonlyArray<string | undefined>, absents: readonly string[], width: number): string[][] {
  const previews = values.map((v) => (v === undefined || v === '' ? undefined : Array.from(sanitizePreview(v, SCAN_COLUMNS))));
  const differ = firstDifference(previews);
  // The common part before the difference, in columns (a CJK character takes two): past the width, every side starts
  // ten characters before the difference, after a `…` that says the start is cut.
  const common = differ > 0 ? displayWidth((previews.find((p) => p !== undefined) ?? []).slice(0, differ).join('')) : 0;
  const start = common > width - 8 ? Math.max(0, differ - 10) : 0;
  return values.map((value, i) => {
    const chars = previews[i];
    if (chars === undefined) return [value === '' ? '""' : absents[i]];
    return [truncateToWidth(start > 0 ? `…${chars.slice(start).join('')}` : chars.join(''), width)];
  });
}

/** The first index where the present sides differ; -1 when they agree (or fewer than two are present). */
function firstDifference(sides: ReadonlyArray<readonly string[] | undefined>): number {
  const present = sides.filter((side): side is readonly string[] => side !== undefined);
  if (present.length < 2) return -1;
  const longest = Math.max(...present.map((side) => side.length));
  for (let i = 0; i < longest; i++) {
    if (present.some((side) => side[i] !== present[0][i])) return i;
  }
  return -1;
}

/**
 * The three sides of a conflict, each at most `room` value lines `width` columns wide, and a
 * fourth, `merged`, once the key's pick is an edited value: the value Enter will send.
 */
export function conflictSides(item: ConflictItem, width: number, room: number, dateFormat: DateFormat = 'local', resolution?: Resolution): SideLines[] {
  const custom = resolution?.kind === 'custom' ? resolution : undefined;
  const values = [item.base?.value, item.mine.kind === 'replace' ? item.mine.value : undefined, item.theirs?.value, ...(custom ? [custom.value] : [])];
  const absents = [item.base ? '(removed)' : '(none)', '(removed)', '(removed)', '(none)'];
  const windows = valueWindows(values, absents, width, Math.max(1, room));
  const sides: SideLines[] = [
    { label: 'base', facts: item.base ? who(item.base, dateFormat) : 'not on the server then', lines: windows[0] },
    { label: 'mine', facts: item.mine.kind === 'remove' ? 'remove' : '', lines: windows[1] },
    { label: 'theirs', facts: item.theirs ? who(item.theirs, dateFormat) : 'gone from the server', lines: windows[2] },
  ];
  if (custom) sides.push({ label: 'merged', facts: `sent at the server's SyncCount ${item.theirs?.syncCount ?? 0}`, lines: windows[3] });
  return sides;
}

/** The lines of the conflict dialog other than the sides, already worded (the component reads the keymap). */
export interface ConflictTexts {
  /** `Conflicts: 0 of 2 resolved — changed on the server since you staged them; nothing was sent` */
  readonly title: string;
  /** `›a [keep mine]  b [ ]` */
  readonly keys: string;
  /** Keys the server already had with the staged value, when there are some. */
  readonly auto?: string;
  /** `a (1/2) · changed on both sides · no pick yet`, when a key is focused. */
  readonly item?: string;
  /** `sending…` or `every key has a pick: ↵ sends the batch again`, only when there is something to say. */
  readonly status?: string;
  /** The key hints, when the dialog draws them itself (the app's footer line shows them when it has one). */
  readonly hints?: string;
  /** While a merged value is typed: the line above the field. */
  readonly editLabel?: string;
}

export type ConflictRowRole = 'title' | 'keys' | 'auto' | 'item' | 'side' | 'field' | 'editLabel' | 'status' | 'hints';

/** One line of the dialog; `field` stands for the merged value's text field, `fieldHeight` lines high. */
export interface ConflictRow {
  readonly role: ConflictRowRole;
  readonly text: string;
  /** For `side` rows. */
  readonly side?: SideLines['label'];
  readonly kind?: 'label' | 'value';
}

export interface ConflictLayout {
  /** Exactly what is drawn, top to bottom, one line each (the field excepted); never more lines than the height. */
  readonly rows: readonly ConflictRow[];
  /** Lines of the merged value's field (0 unless editing). */
  readonly fieldHeight: number;
  /** The sides shown as a label line (with SyncCount, device, time) and value lines, rather than one line each. */
  readonly detailed: boolean;
}

export interface ConflictLayoutInput {
  readonly item: ConflictItem | undefined;
  readonly resolution?: Resolution;
  readonly texts: ConflictTexts;
  readonly width: number;
  readonly height: number;
  readonly dateFormat?: DateFormat;
  /** A merged value is being typed (texts.editLabel above a field). */
  readonly editing?: boolean;
}

const LABEL_WIDTH = 7;
const VALUE_INDENT = 9;
const SIDE_ORDER: readonly SideLines['label'][] = ['base', 'mine', 'theirs', 'merged'];

/**
 * The whole conflict dialog in `height` lines of `width` columns: every line it draws is one row here, so what Ink
 * draws is what was counted (a fixed budget that disagreed with the lines drawn made Ink squeeze rows over each
 * other and cut mine and theirs out). Lines are kept in this order as the height shrinks, the first the last to go:
 * mine and theirs (and an edited value) one line each, the focused key's line, the status (sending / every key has a
 * pick), the title, base, the key hints (when drawn here), the list of keys, the auto-resolved keys; with room left,
 * each side gets a label line with its SyncCount, device and time, then more value lines. While a merged value is
 * typed: the field (one line at least), the key's line, the field's label, the title, the hints, keys, auto-resolved,
 * and the field takes the rest. Pure.
 */
export function conflictLayout(input: ConflictLayoutInput): ConflictLayout {
  const { item, resolution, texts, dateFormat = 'local' } = input;
  const height = Math.max(1, Math.floor(input.height));
  const width = Math.max(1, Math.floor(input.width));
  const on = new Set<string>();
  let used = 0;
  const want = (id: string, present: boolean, rows = 1) => {
    if (present && used + rows <= height) {
      on.add(id);
      used += rows;
    }
  };
  const line = (role: ConflictRowRole, text: string): ConflictRow => ({ role, text: truncateToWidth(text, width) });
  const head = (): ConflictRow[] => [
    ...(on.has('title') ? [line('title', texts.title)] : []),
    ...(on.has('keys') ? [line('keys', texts.keys)] : []),
    ...(on.has('auto') && texts.auto ? [line('auto', texts.auto)] : []),
    ...(on.has('item') && texts.item ? [line('item', texts.item)] : []),
  ];
  const tail = (): ConflictRow[] => [
    ...(on.has('status') && texts.status ? [line('status', texts.status)] : []),
    ...(on.has('hints') && texts.hints ? [line('hints', texts.hints)] : []),
  ];

  if (input.editing && item) {
    want('field', true);
    want('item', texts.item !== undefined);
    want('editLabel', texts.editLabel !== undefined);
    want('title', true);
    want('hints', texts.hints !== undefined);
    want('keys', true);
    want('auto', texts.auto !== undefined);
    const fieldHeight = 1 + height - used;
    const rows = [
      ...head(),
      ...(on.has('editLabel') && texts.editLabel ? [line('editLabel', texts.editLabel)] : []),
      { role: 'field' as const, text: '' },
      ...tail(),
    ];
    return { rows, fieldHeight, detailed: false };
  }

  const compact = item ? conflictSides(item, Math.max(1, width - LABEL_WIDTH), 1, dateFormat, resolution) : [];
  const has = (label: SideLines['label']) => compact.some((s) => s.label === label);
  want('side:merged', has('merged'));
  want('side:mine', has('mine'));
  want('side:theirs', has('theirs'));
  want('item', texts.item !== undefined);
  want('status', texts.status !== undefined);
  want('title', true);
  want('side:base', has('base'));
  want('hints', texts.hints !== undefined);
  want('keys', true);
  want('auto', texts.auto !== undefined);

  const shown = SIDE_ORDER.filter((label) => on.has(`side:${label}`));
  // Detail: every side shown (base too) gets its label line, then as many value lines as are left, shared out.
  const detailed = shown.length > 0 && shown.length === compact.length && height - used >= shown.length;
  let sideRowsOut: ConflictRow[];
  if (detailed && item) {
    const full = conflictSides(item, Math.max(1, width - VALUE_INDENT), height, dateFormat, resolution);
    // A side left one line for a value it wraps onto more shows it on one line (line breaks as \n), not a lone '…'.
    const oneLine = new Map(conflictSides(item, Math.max(1, width - VALUE_INDENT), 1, dateFormat, resolution).map((s) => [s.label, s.lines]));
    const byLabel = new Map(full.map((s) => [s.label, s]));
    const sides = shown.map((label) => byLabel.get(label) as SideLines);
    const room = sides.map(() => 1);
    let spare = height - used - sides.length;
    for (let grew = true; spare > 0 && grew; ) {
      grew = false;
      for (let i = 0; i < sides.length && spare > 0; i++) {
        if (sides[i].lines.length > room[i]) {
          room[i] += 1;
          spare -= 1;
          grew = true;
        }
      }
    }
    // Each side's value as shown in the lines it got (from where the sides differ when that is further down), so
    // the window is chosen for the room there is, not for the whole dialog.
    const windows = new Map<number, Map<SideLines['label'], readonly string[]>>();
    const windowFor = (label: SideLines['label'], lines: number) => {
      if (!windows.has(lines)) windows.set(lines, new Map(conflictSides(item, Math.max(1, width - VALUE_INDENT), lines, dateFormat, resolution).map((s) => [s.label, s.lines])));
      return windows.get(lines)!.get(label) ?? [];
    };
    sideRowsOut = sides.flatMap((side, i): ConflictRow[] => {
      const values = room[i] === 1 && side.lines.length > 1 ? (oneLine.get(side.label) ?? []) : windowFor(side.label, room[i]);
      return [
        { role: 'side', side: side.label, kind: 'label', text: truncateToWidth(`${side.label.padEnd(LABEL_WIDTH)}${side.facts}`, width) },
        ...values.map((value): ConflictRow => ({ role: 'side', side: side.label, kind: 'value', text: truncateToWidth(`${' '.repeat(VALUE_INDENT)}${value}`, width) })),
      ];
    });
  } else {
    sideRowsOut = compact
      .filter((side) => on.has(`side:${side.label}`))
      .map((side): ConflictRow => ({ role: 'side', side: side.label, kind: 'label', text: truncateToWidth(`${side.label.padEnd(LABEL_WIDTH)}${side.lines[0] ?? ''}`, width) }));
  }
  return { rows: [...head(), ...sideRowsOut, ...tail()], fieldHeight: 0, detailed };
}
