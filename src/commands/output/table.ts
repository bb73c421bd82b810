// `--output table`, laid out as awscli's TableFormatter and MultiTable draw it: a titled
// section per dict or list, scalar keys as sorted column headers, nested values as
// indented sub-sections, and single-row sections turned vertical when the table is wider
// than the terminal. Colour is left out; values are sanitized (scalar.ts) and measured in
// display columns (a wide character takes two).
import { displayWidth } from '../../util/truncate.js';
import type { PlainValue } from './plain-data.js';
import { PyFloat } from './py-float.js';
import { isScalar, scalarText, sortedKeys } from './scalar.js';

type Obj = { [key: string]: PlainValue };

export interface TableOptions {
  /** The terminal's width; the CLI assumes 80 when stdout is not a terminal. */
  terminalWidth?: number;
}

/** The whole table for `data` under `title` (the operation name, as the CLI uses), or '' when empty. */
export function formatTable(title: string, data: PlainValue, options: TableOptions = {}): string {
  const table = new MultiTable(options.terminalWidth ?? 80);
  if (!buildTable(table, title, data, 0)) return '';
  return table.render();
}

/** Python's `not value`: 0.0 (a PyFloat) is false as 0 is. */
function isFalsy(value: PlainValue | undefined): boolean {
  if (value instanceof PyFloat) return value.value === 0;
  if (Array.isArray(value)) return value.length === 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length === 0;
  return value === undefined || value === null || value === '' || value === 0 || value === false;
}

function buildTable(table: MultiTable, title: string | undefined, current: PlainValue, indent: number): boolean {
  if (isFalsy(current)) return false;
  if (title !== undefined) table.newSection(title, indent);
  if (Array.isArray(current)) {
    if (isDict(current[0])) {
      buildFromList(table, current.filter(isDict), indent, title);
    } else {
      for (const item of current) {
        if (isScalar(item)) table.addRow([item]);
        else if (Array.isArray(item) && item.every(isScalar)) table.addRow(item);
        else buildTable(table, undefined, item, indent);
      }
    }
  } else if (isDict(current)) {
    buildFromDict(table, current, indent);
  }
  return true;
}

function buildFromDict(table: MultiTable, current: Obj, indent: number): void {
  const [headers, more] = groupScalarKeys(current);
  if (headers.length === 1) {
    table.addRow([headers[0], current[headers[0]]]);
  } else if (headers.length > 0) {
    table.addHeader(headers);
    table.addRow(headers.map((h) => current[h]));
  }
  for (const key of more) buildTable(table, key, current[key], indent + 1);
}

function buildFromList(table: MultiTable, items: Obj[], indent: number, title: string | undefined): void {
  const headers = new Set<string>();
  const more = new Set<string>();
  for (const item of items) {
    const [h, m] = groupScalarKeys(item);
    h.forEach((k) => headers.add(k));
    m.forEach((k) => more.add(k));
  }
  const headerList = sortedKeys(headers);
  const moreList = sortedKeys(more);
  table.addHeader(headerList);
  items.forEach((element, i) => {
    // With nested values each item gets its own section, so its children sit under it.
    if (i > 0 && moreList.length > 0) {
      table.newSection(title ?? '', indent);
      table.addHeader(headerList);
    }
    table.addRow(headerList.map((h) => (Object.hasOwn(element, h) ? element[h] : '')));
    for (const key of moreList) if (Object.hasOwn(element, key)) buildTable(table, key, element[key], indent + 1);
  });
}

function groupScalarKeys(current: Obj): [string[], string[]] {
  const headers = Object.keys(current).filter((k) => isScalar(current[k]));
  const more = Object.keys(current).filter((k) => !isScalar(current[k]));
  return [sortedKeys(headers), sortedKeys(more)];
}

function isDict(value: PlainValue | undefined): value is Obj {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value) && !(value instanceof PyFloat);
}

class Section {
  title = '';
  headers: string[] = [];
  rows: string[][] = [];
  indent = 0;
  private maxWidths: number[] = [];

  addHeader(headers: string[]): void {
    this.headers = headers.map((h) => scalarText(h));
    this.updateMaxWidths(this.headers);
  }

  addRow(row: PlainValue[]): void {
    const cells = row.map((v) => scalarText(v));
    this.rows.push(cells);
    this.updateMaxWidths(cells);
  }

  private updateMaxWidths(cells: string[]): void {
    cells.forEach((cell, i) => {
      this.maxWidths[i] = Math.max(displayWidth(cell), this.maxWidths[i] ?? 0);
    });
  }

  /** Column widths with `padding`, scaled to add up to exactly `maxWidth` when given. */
  columnWidths(padding = 0, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const factor = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => roundHalfEven(factor * w));
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const order = scaled.map((_, i) => i);
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) {
          scaled[i] -= 1;
          offBy -= 1;
        } else {
          scaled[i] += 1;
          offBy += 1;
        }
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, outerPadding: number): number {
    const columns = this.columnWidths().reduce((sum, w) => sum + w + padding, 0) + 2 + 2 * outerPadding;
    return Math.max(displayWidth(this.title) + 2 + 2 * outerPadding, columns);
  }
}

class MultiTable {
  private readonly sections: Section[] = [];
  private current: Section | undefined;

  constructor(private readonly terminalWidth: number) {}

  newSection(title: string, indent: number): void {
    this.current = new Section();
    this.current.title = scalarText(title);
    this.current.indent = indent;
    this.sections.push(this.current);
  }

  addHeader(headers: string[]): void {
    this.section().addHeader(headers);
  }

  addRow(row: PlainValue[]): void {
    this.section().addRow(row);
  }

  private section(): Section {
    if (!this.current) this.newSection('', 0);
    return this.current!;
  }

  render(): string {
    let maxWidth = this.maxWidth();
    if (maxWidth > this.terminalWidth) {
      this.convertToVertical();
      maxWidth = this.maxWidth();
    }
    const out: string[] = [`${'-'.repeat(maxWidth)}\n`];
    for (const section of this.sections) this.renderSection(section, maxWidth, out);
    return out.join('');
  }

  private maxWidth(): number {
    return Math.max(...this.sections.map((s) => s.totalWidth(4, s.indent)));
  }

  // A section holding one row reads better as `header | value` lines when space is short.
  private convertToVertical(): void {
    this.sections.forEach((section, i) => {
      if (section.rows.length !== 1 || section.headers.length === 0) return;
      const vertical = new Section();
      vertical.title = section.title;
      vertical.indent = section.indent;
      section.headers.forEach((header, j) => vertical.addRow([header, section.rows[0][j]]));
      this.sections[i] = vertical;
    });
  }

  private renderSection(section: Section, totalWidth: number, out: string[]): void {
    const bar = '|'.repeat(section.indent);
    const write = (line: string) => out.push(`${bar}${line}${bar}\n`);
    const maxWidth = totalWidth - section.indent * 2;
    if (section.title) {
      write(centerText(section.title, maxWidth, '|', '|'));
      if (section.headers.length === 0 && section.rows.length === 0) write(`+${'-'.repeat(Math.max(0, maxWidth - 2))}+`);
    }
    if (section.headers.length > 0) {
      const widths = section.columnWidths(4, maxWidth);
      write(lineBreak(widths));
      write(section.headers.map((h, i) => centerText(h, widths[i], i === 0 ? '|' : '', '|')).join(''));
    }
    if (section.rows.length > 0) {
      const widths = section.columnWidths(4, maxWidth);
      if (widths.length === 0) return;
      write(lineBreak(widths));
      for (const row of section.rows) {
        write(widths.map((w, i) => alignLeft(row[i] ?? '', w, i === 0 ? '|' : '', '|')).join(''));
      }
      write(lineBreak(widths));
    }
  }
}

function lineBreak(widths: number[]): string {
  return widths.map((w, i) => (i === 0 ? `+${'-'.repeat(Math.max(0, w - 2))}+` : `${'-'.repeat(Math.max(0, w - 1))}+`)).join('');
}

function centerText(text: string, length: number, leftEdge: string, rightEdge: string): string {
  const textLength = displayWidth(text);
  const charStart = Math.floor(length / 2) - Math.floor(textLength / 2) - 1;
  const soFar = leftEdge.length + charStart + textLength;
  const rightSpaces = length - rightEdge.length - soFar;
  return `${leftEdge}${' '.repeat(Math.max(0, charStart))}${text}${' '.repeat(Math.max(0, rightSpaces))}${rightEdge}`;
}

function alignLeft(text: string, length: number, leftEdge: string, rightEdge: string, leftPadding = 2): string {
  const textLength = displayWidth(text);
  const padding = length - (textLength + leftPadding + leftEdge.length + rightEdge.length) >= 0 ? leftPadding : 0;
  const soFar = leftEdge.length + padding + textLength;
  return `${leftEdge}${' '.repeat(padding)}${text}${' '.repeat(Math.max(0, length - soFar - rightEdge.length))}${rightEdge}`;
}

/** Python 3's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
