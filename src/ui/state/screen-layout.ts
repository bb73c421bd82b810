// Which lines of the editor's chrome a terminal of `columns` × `rows` has room for. The list's own lines (column
// titles, the rows, the position line) come first: a list screen shows at least one row whenever the terminal can,
// and the chrome goes, line by line, as the terminal gets shorter — the footer's key hints first, then the breadcrumb,
// the header, and last the status line (where errors are said). Below MIN_COLUMNS × MIN_ROWS nothing fits usefully:
// one line says so, with the size (as k9s does). Pure.
import { viewportFor } from './app-reducer.js';

/** Narrower than this, a table row is all ellipses. */
export const MIN_COLUMNS = 20;
/** The root is `rows - 1` high (App.tsx); it needs column titles, one row and the position line. */
export const MIN_ROWS = 4;

export interface ScreenLayout {
  /** Set when the terminal is below the minimum: the one line to show instead of everything. */
  readonly tooSmall?: string;
  readonly header: boolean;
  readonly breadcrumb: boolean;
  readonly status: boolean;
  readonly footer: boolean;
  /** List rows (as the reducer's viewport: at least 1). */
  readonly viewport: number;
  /** The most lines the list (titles, rows, position line) may take under the chrome kept. */
  readonly bodyLimit: number;
}

export interface LayoutOptions {
  /**
   * A dialog of the status line is open (the `:` palette, an error): the status line is kept whatever the size, the
   * list giving up a line for it, so what is typed or said is seen (and, too small, it is shown above the size line).
   * The line the list gives up is its column titles (Table.tsx lets them shrink first): the row and position stay.
   */
  readonly statusDialog?: boolean;
}

/** Chrome lines in the order they are kept as room shrinks (the first is the last to go). */
const KEEP_ORDER = ['status', 'header', 'breadcrumb', 'footer'] as const;

export function screenLayout(columns: number, rows: number, options: LayoutOptions = {}): ScreenLayout {
  const viewport = viewportFor(rows);
  const status = options.statusDialog === true;
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    const none = { header: false, breadcrumb: false, status, footer: false, viewport, bodyLimit: 0 };
    return { ...none, tooSmall: `${columns}×${rows} too small: needs ${MIN_COLUMNS}×${MIN_ROWS}` };
  }
  // The root's height, less the list's titles, one row and position line, is what the chrome may take.
  let room = rows - 1 - 3;
  const kept = new Set<string>(status ? ['status'] : []);
  if (status) room -= 1;
  for (const line of KEEP_ORDER) {
    if (room <= 0) break;
    if (kept.has(line)) continue;
    kept.add(line);
    room -= 1;
  }
  return {
    header: kept.has('header'),
    breadcrumb: kept.has('breadcrumb'),
    status: kept.has('status'),
    footer: kept.has('footer'),
    viewport,
    bodyLimit: Math.max(1, rows - 1 - kept.size),
  };
}

