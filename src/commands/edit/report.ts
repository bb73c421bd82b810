// What set, rm, import and copy print: written records in UpdateRecords' shape, planned
// patches, and conflicts (data on stdout for scripts, one line per key on stderr for
// people). Keys and values come from the server or the user: sanitized on stderr.
import type { Conflict, DatasetRecord, StagedChange } from '../../lib/sync.js';
import { sanitizeLine } from '../../util/sanitize.js';
import type { CommandIO } from '../io.js';
import { getOperation, outputShape } from '../model/service-model.js';
import { formatOutput, type OutputFormat } from '../output/format.js';
import { toPlainOutput, type PlainObject } from '../output/plain-data.js';

/** A record in the SDK's shape (`Key`, `Value`, `SyncCount`, …); no Value for a tombstone. */
export function sdkRecord(r: DatasetRecord): Record<string, unknown> {
  return {
    Key: r.key,
    ...(r.value === undefined ? {} : { Value: r.value }),
    SyncCount: r.syncCount,
    ...(r.lastModifiedDate ? { LastModifiedDate: r.lastModifiedDate } : {}),
    ...(r.lastModifiedBy ? { LastModifiedBy: r.lastModifiedBy } : {}),
    ...(r.deviceLastModifiedDate ? { DeviceLastModifiedDate: r.deviceLastModifiedDate } : {}),
  };
}

/** Written records, printed as `update-records` would print them. */
export function printWritten(io: CommandIO, format: OutputFormat, records: DatasetRecord[]): void {
  const plain = toPlainOutput(outputShape(getOperation('UpdateRecords')), { Records: records.map(sdkRecord) });
  io.stdout(formatOutput(format, 'UpdateRecords', plain, { terminalWidth: io.terminalWidth }));
}

/** The RecordPatches a commit would send (DeviceLastModifiedDate is set when sending). */
export function plannedPatches(staged: StagedChange[]): PlainObject[] {
  return staged.map((c) => ({
    Op: c.state === 'removed' ? 'remove' : 'replace',
    Key: c.key,
    ...(c.value === undefined ? {} : { Value: c.value }),
    SyncCount: c.baseSyncCount,
  }));
}

export function printPlain(io: CommandIO, format: OutputFormat, title: string, data: PlainObject): void {
  io.stdout(formatOutput(format, title, data, { terminalWidth: io.terminalWidth }));
}

export function conflictData(conflicts: Conflict[]): PlainObject[] {
  return conflicts.map((c) => ({
    Key: c.key,
    Kind: c.kind,
    ...(c.mine === undefined ? { Mine: null } : { Mine: c.mine }),
    ...(c.theirs?.value === undefined ? { Theirs: null } : { Theirs: c.theirs.value }),
    ServerSyncCount: c.theirs?.syncCount ?? 0,
    BaseSyncCount: c.base?.syncCount ?? 0,
    ...(c.theirs?.lastModifiedBy ? { LastModifiedBy: c.theirs.lastModifiedBy } : {}),
  }));
}

/** One line per conflicted key on stderr, then what to do about it. */
export function explainConflicts(io: CommandIO, dataset: string, conflicts: Conflict[]): void {
  for (const c of conflicts) {
    const theirs = c.theirs === undefined || c.theirs.value === undefined ? 'removed it' : `has ${quote(c.theirs.value)}`;
    const by = c.theirs?.lastModifiedBy ? ` by ${sanitizeLine(c.theirs.lastModifiedBy)}` : '';
    const mine = c.mine === undefined ? 'remove it' : `write ${quote(c.mine)}`;
    io.stderr(
      `conflict: ${sanitizeLine(dataset)} ${quote(c.key)}: the server ${theirs} (SyncCount ${c.theirs?.syncCount ?? 0}${by}); ` +
        `you want to ${mine} (based on SyncCount ${c.base?.syncCount ?? 0})\n`,
    );
  }
  io.stderr(
    `${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}: nothing was written. ` +
      'Run again with --on-conflict mine (overwrite) or --on-conflict theirs (keep the server\'s).\n',
  );
}

function quote(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return `"${sanitizeLine(shown)}"`;
}
