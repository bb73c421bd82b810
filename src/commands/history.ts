// `cogsync history`: the journal of committed batches, newest first, as JSON (default, the
// whole entries) or a table (one row per changed key, values cut to fit).
import { Journal, type JournalEntry } from '../config/journal.js';
import { openConfigStore } from '../config/store.js';
import { sanitizeMultiline, sanitizePreview } from '../util/sanitize.js';
import { truncateToWidth } from '../util/truncate.js';
import { ExitCode, fileSystemReason, isFileSystemError, type ExitCodeValue } from './errors.js';
import type { CommandIO } from './io.js';
import { formatJson } from './output/json.js';
import { formatTable } from './output/table.js';

export interface HistoryOptions {
  identityId?: string;
  datasetName?: string;
  identityPoolId?: string;
  connection?: string;
  output?: string;
  /** At most this many entries (newest). */
  limit?: number;
}

const VALUE_COLUMNS = 40;

export function runHistory(io: CommandIO, options: HistoryOptions): ExitCodeValue {
  const output = options.output ?? 'json';
  if (output !== 'json' && output !== 'table') {
    io.stderr(`--output must be json or table, got '${sanitizeMultiline(output)}'\n`);
    return ExitCode.Usage;
  }
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit > 0)) {
    io.stderr(`--limit must be a whole number of at least 1\n`);
    return ExitCode.Usage;
  }
  const journal = new Journal({ env: io.env });
  let read: ReturnType<Journal['read']>;
  try {
    read = journal.read({
      identityId: options.identityId,
      datasetName: options.datasetName,
      identityPoolId: options.identityPoolId,
      connection: options.connection,
    });
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    io.stderr(`cogsync: cannot read the journal ${sanitizeMultiline(journal.path)} (${sanitizeMultiline(fileSystemReason(error))})\n`);
    return ExitCode.Other;
  }
  const { entries, skipped } = read;
  if (skipped > 0) io.stderr(`skipped ${skipped} unreadable journal line${skipped === 1 ? '' : 's'} (a write cut short)\n`);
  const newest = entries.reverse().slice(0, options.limit ?? entries.length);
  if (output === 'json') {
    io.stdout(formatJson({ History: newest as never }));
    return ExitCode.Ok;
  }
  const store = openConfigStore({ env: io.env });
  for (const n of store.notices) io.stderr(`${sanitizeMultiline(n)}\n`);
  const iso = store.preferences().dateFormat === 'iso';
  io.stdout(formatTable('History', { Commits: newest.map((e) => tableRow(e, iso)) as never }, { terminalWidth: io.terminalWidth }));
  return ExitCode.Ok;
}

function tableRow(entry: JournalEntry, iso: boolean) {
  return {
    Time: iso ? entry.time : localTime(entry.time),
    Connection: entry.connection,
    Dataset: entry.datasetName,
    IdentityId: entry.identityId,
    SyncCount: `${entry.syncCountBefore} -> ${entry.syncCountAfter}`,
    RequestId: entry.requestId ?? '',
    Changes: entry.changes.map((c) => ({
      Key: cut(c.key),
      Op: c.op,
      Before: c.before ? `${c.before.value === undefined ? '(removed)' : cut(c.before.value)} @${c.before.syncCount}` : '(new)',
      After: `${c.after.value === undefined ? '(removed)' : cut(c.after.value)} @${c.after.syncCount}`,
    })),
  };
}

function cut(text: string): string {
  return truncateToWidth(sanitizePreview(text, VALUE_COLUMNS), VALUE_COLUMNS);
}

function localTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

// Registration lives in settings-commands.ts (it loads this module only when the command runs).
export { registerHistoryCommand } from './settings-commands.js';
