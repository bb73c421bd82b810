// `cogsync set POOL IDENTITY DATASET KEY=VALUE…` and `cogsync rm POOL IDENTITY DATASET KEY…`:
// the safe way to write from a script. The dataset is listed, the changes are staged on
// it (so each patch carries the key's real SyncCount), and ONE UpdateRecords is sent.
// A key changed elsewhere is reported, not overwritten, unless --on-conflict says so.
import { SyncValidationError } from '../../lib/sync.js';
import { checkBatch } from '../../sync/index.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { ExitCode, UsageError } from '../errors.js';
import { loneSurrogateField, loneSurrogateLine } from '../lone-surrogate.js';
import type { CommandIO, GlobalFlags } from '../io.js';
import { resolveOutputFormat } from '../print-result.js';
import { openSessionLazily, type OpenSession } from '../open-session.js';
import { reportError } from '../report-error.js';
import type { ServiceSession } from '../service-session.js';
import { CONFLICT_POLICIES, commitStaged, type ConflictPolicy } from './commit-staged.js';
import { parseAssignments, parseKeys } from './key-value-args.js';
import { conflictData, explainConflicts, plannedPatches, printPlain, printWritten } from './report.js';

export interface EditRequest {
  identityPoolId: string;
  identityId: string;
  datasetName: string;
  /** `set`: KEY=VALUE words; `rm`: KEY words. */
  words: string[];
  dryRun?: boolean;
  deviceId?: string;
  onConflict?: string;
  globals: GlobalFlags;
}

export interface EditDeps {
  openSession?: OpenSession;
}

export function runSet(request: EditRequest, io: CommandIO, deps: EditDeps = {}): Promise<number> {
  return runEdit('set', request, io, deps);
}

export function runRemove(request: EditRequest, io: CommandIO, deps: EditDeps = {}): Promise<number> {
  return runEdit('rm', request, io, deps);
}

async function runEdit(kind: 'set' | 'rm', request: EditRequest, io: CommandIO, deps: EditDeps): Promise<number> {
  let session: ServiceSession | undefined;
  try {
    const format = resolveOutputFormat(request.globals, io.env);
    const policy = conflictPolicy(request.onConflict);
    const assignments = kind === 'set' ? parseAssignments(request.words) : undefined;
    const keys = kind === 'rm' ? parseKeys(request.words) : undefined;
    refuseUnsendable(request.datasetName, assignments ?? (keys ?? []).map((key) => ({ key, value: undefined })));
    session = await (deps.openSession ?? openSessionLazily)(io, request.globals);
    const { openDataset } = await import('../../lib/sync.js');
    const ds = await openDataset({
      client: session.sync,
      identityPoolId: request.identityPoolId,
      identityId: request.identityId,
      datasetName: request.datasetName,
      ...(request.deviceId ? { deviceId: request.deviceId } : {}),
    });
    for (const { key, value } of assignments ?? []) ds.put(key, value);
    for (const key of keys ?? []) {
      if (ds.get(key) === undefined) io.stderr(`cogsync: key '${sanitizeLine(key)}' does not exist in ${sanitizeLine(request.datasetName)}: nothing to remove\n`);
      ds.remove(key);
    }
    // The batch limits (1,024 live records, 1 MB) before a dry run too, as the commit checks them.
    const limits = checkBatch(ds.state.base, ds.state.staged);
    if (limits.errors.length > 0) throw new SyncValidationError(limits.errors);
    if (request.dryRun) {
      printPlain(io, format, 'DryRun', { DatasetSyncCount: ds.syncCount, RecordPatches: plannedPatches(ds.staged) });
      io.stderr(`cogsync: dry run: ${ds.staged.length} patch${ds.staged.length === 1 ? '' : 'es'} planned, nothing sent\n`);
      return ExitCode.Ok;
    }
    const result = await commitStaged(ds, policy, { recreate: 'staged' });
    switch (result.status) {
      case 'nothing':
        reportKept(io, result.kept);
        if (result.kept.length === 0) io.stderr('cogsync: nothing to change: the dataset already holds these values\n');
        printWritten(io, format, []);
        return ExitCode.Ok;
      case 'committed':
        reportKept(io, result.kept);
        for (const w of result.warnings) io.stderr(`cogsync: warning: ${w.message}\n`);
        printWritten(io, format, result.records);
        return ExitCode.Ok;
      case 'conflict':
        printPlain(io, format, 'Conflicts', { Conflicts: conflictData(result.conflicts) });
        explainConflicts(io, request.datasetName, result.conflicts);
        return ExitCode.Conflict;
      case 'dataset-deleted':
        io.stderr(`cogsync: dataset ${sanitizeLine(request.datasetName)} was deleted on the server meanwhile; nothing was written (--on-conflict mine writes it back)\n`);
        return ExitCode.Conflict;
      default:
        return ExitCode.Other;
    }
  } catch (error) {
    return reportError(io, error, 'UpdateRecords');
  } finally {
    session?.close();
  }
}

/** A lone UTF-16 surrogate (argv cannot hold one; a program calling runSet can): refused before any call. */
function refuseUnsendable(datasetName: string, items: ReadonlyArray<{ key: string; value: string | undefined }>): void {
  const problems: string[] = [];
  items.forEach(({ key, value }, i) => {
    const field = loneSurrogateField(key, value);
    if (field) problems.push(loneSurrogateLine(`argument ${i + 1}`, field, datasetName, key));
  });
  if (problems.length > 0) throw new UsageError([...problems, 'cogsync: nothing was written'].join('\n'));
}

/** Keys --on-conflict theirs left as the server has them: said, so a script's log shows its value was not written. */
export function reportKept(io: CommandIO, kept: string[], prefix = ''): void {
  for (const key of kept) {
    io.stderr(`cogsync: ${prefix}kept the server's value of "${sanitizeLine(key)}" (changed on the server meanwhile; --on-conflict theirs)\n`);
  }
}

export function conflictPolicy(value: string | undefined): ConflictPolicy {
  if (value === undefined) return 'fail';
  if ((CONFLICT_POLICIES as readonly string[]).includes(value)) return value as ConflictPolicy;
  throw new UsageError(`cogsync: error: argument --on-conflict: Invalid choice '${value}', valid choices are: ${CONFLICT_POLICIES.join(' | ')}`);
}

