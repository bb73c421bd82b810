/**
 * Display formats for numbers and times. The one time formatter of the UI: the server speaks
 * epoch seconds (the SDK hands over Dates), the editor shows local time by default and ISO
 * 8601 in UTC when preferences.dateFormat is `iso`.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** preferences.dateFormat. */
export type DateFormat = 'local' | 'iso';

export interface TimeOptions {
  /** `local` (default) or `iso`. */
  format?: DateFormat;
  /**
   * `minutes` (default) `2024-03-01 14:05`; `seconds` `2024-03-01 14:05:09`; `short` for
   * narrow columns: `03-01 14:05` this year, `2023-03-01` before. ISO is always whole
   * (`2024-03-01T13:05:09Z`): a shortened ISO time would not be ISO.
   */
  style?: 'minutes' | 'seconds' | 'short';
  /** "This year" for the short style (tests). */
  now?: Date;
}

/** A time for people, or `–` when unknown. Takes epoch ms, a Date, or an ISO string. */
export function formatTime(time: number | Date | string | undefined, options: TimeOptions = {}): string {
  const ms = time instanceof Date ? time.getTime() : typeof time === 'string' ? Date.parse(time) : time;
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const d = new Date(ms);
  if (options.format === 'iso') return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  switch (options.style ?? 'minutes') {
    case 'seconds': return `${date} ${hm}:${pad(d.getSeconds())}`;
    case 'short': return d.getFullYear() !== (options.now ?? new Date()).getFullYear() ? date : `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
    default: return `${date} ${hm}`;
  }
}

/** Columns a formatted time takes, for table widths. */
export function timeWidth(options: Pick<TimeOptions, 'format' | 'style'> = {}): number {
  if (options.format === 'iso') return 20;
  return options.style === 'short' ? 11 : options.style === 'seconds' ? 19 : 16;
}

/** `512 B`, `1.5 KB`, `900 KB`, `1.0 MB` (1 KB = 1,024 bytes, as Cognito's 1 MB limit). */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '–';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A Date from the SDK as epoch ms. */
export const toEpochMs = (date: Date | undefined): number | undefined => (date ? date.getTime() : undefined);
