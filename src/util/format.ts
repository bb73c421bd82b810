/** Display formats for numbers and times shown in tables. Times are shown in local time. */

const pad = (n: number) => String(n).padStart(2, '0');

/** `2024-03-01 14:05` in local time, or `–` when unknown. */
export function formatTime(epochMs: number | undefined): string {
  if (epochMs === undefined || !Number.isFinite(epochMs)) return '–';
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
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
