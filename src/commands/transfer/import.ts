// `cogsync import FILE`: makes the server match an export file (or a hand-written one in
// the same shape). Prints the plan; writes only with --apply, one batch per dataset. A key
// whose server SyncCount moved since the export is a conflict: reported with a non-zero
// exit and nothing written, unless --on-conflict mine (the file wins) or theirs (skip it).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { conflictPolicy } from '../edit/set-rm.js';
import { explainConflicts } from '../edit/report.js';
import { ExitCode, UsageError } from '../errors.js';
import type { CommandIO, GlobalFlags } from '../io.js';
import { openSessionLazily, type OpenSession } from '../open-session.js';
import { reportError } from '../report-error.js';
import type { ServiceSession } from '../service-session.js';
import { applyPlans, planTarget, printPlans, stagePlans, type DatasetPlan } from './apply-plan.js';
import { checkDatasetName } from '../../sync/limits.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { parseExportDocument, unsendableText, type ExportDataset } from './document.js';
import type { WantedRecord } from './plan.js';

export interface ImportRequest {
  file: string;
  /** Override the file's pool / identity (SyncCounts are then not compared). */
  identityPoolId?: string;
  identityId?: string;
  /** Only these datasets of the file: each `--dataset` given, a name or a comma list of names. */
  datasets?: string[];
  /** Words after FILE on the command line: refused, with how to name several datasets. */
  extraArguments?: string[];
  apply?: boolean;
  prune?: boolean;
  onConflict?: string;
  json?: boolean;
  globals: GlobalFlags;
}

export async function runImport(request: ImportRequest, io: CommandIO, deps: { openSession?: OpenSession } = {}): Promise<number> {
  let session: ServiceSession | undefined;
  try {
    const policy = conflictPolicy(request.onConflict);
    refuseExtraArguments(request.extraArguments);
    const names = datasetOption(request.datasets);
    const document = parseExportDocument(readText(request.file, io), request.file);
    const identityPoolId = request.identityPoolId ?? document.IdentityPoolId;
    const identityId = request.identityId ?? document.IdentityId;
    if (!identityPoolId || !identityId) {
      throw new UsageError('cogsync: error: the file names no IdentityPoolId / IdentityId: pass --identity-pool-id and --identity-id');
    }
    // Counts read from another identity say nothing about this one's records.
    const sameIdentity = identityPoolId === document.IdentityPoolId && identityId === document.IdentityId;
    const selected = selectDatasets(document.Datasets, names);
    // Before any request: a batch the service cannot take must not leave the datasets before it written.
    const unsendable = unsendableText(document, selected, sanitizeLine(request.file));
    if (unsendable.length > 0) throw new UsageError([...unsendable, 'cogsync: nothing was written'].join('\n'));
    session = await (deps.openSession ?? openSessionLazily)(io, request.globals);
    const plans: DatasetPlan[] = [];
    for (const dataset of selected) {
      const target = { identityPoolId, identityId, datasetName: dataset.DatasetName };
      plans.push(await planTarget(session, target, wantedRecords(dataset, sameIdentity), { prune: request.prune }));
    }
    printPlans(io, plans, Boolean(request.json));
    const conflicted = plans.filter((p) => p.items.some((i) => i.kind === 'conflict'));
    if (conflicted.length > 0 && policy === 'fail') {
      for (const plan of conflicted) explainConflicts(io, plan.target.datasetName, conflictsOf(plan));
      return ExitCode.Conflict;
    }
    if (!request.apply) {
      stagePlans(plans, policy);
      io.stderr('cogsync: plan only: nothing was written (add --apply to write it)\n');
      return ExitCode.Ok;
    }
    return await applyPlans(io, plans, policy);
  } catch (error) {
    return reportError(io, error, 'UpdateRecords');
  } finally {
    session?.close();
  }
}

function readText(file: string, io: CommandIO): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(io.cwd, file));
  } catch (error) {
    throw new UsageError(`cogsync: error: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return decodeText(bytes);
}

/**
 * UTF-8, without its byte order mark if it has one; UTF-16 when the file starts with its
 * mark (Windows PowerShell 5 writes `cogsync export > f.json` so).
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2))).swap16().toString('utf16le');
  const text = bytes.toString('utf8');
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

/** `import FILE --dataset a b`: the `b` a variadic option used to take. */
function refuseExtraArguments(extra: string[] | undefined): void {
  if (!extra || extra.length === 0) return;
  const shown = `'${sanitizeLine(extra[0])}'`;
  throw new UsageError(
    `cogsync: error: import takes one FILE, and ${shown} is one more: to import several datasets, give --dataset a --dataset b or --dataset a,b`,
  );
}

/**
 * The dataset names of every `--dataset` given, each a name or a comma list (a comma is in no dataset name), in
 * order, once each. A word that is no dataset name is refused before the file is read.
 * @returns undefined when no --dataset was given (every dataset of the file).
 */
export function datasetOption(values: string[] | undefined): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  const names = values.flatMap((value) => value.split(','));
  const bad = names.filter((name) => checkDatasetName(name).length > 0);
  if (bad.length > 0) {
    throw new UsageError(
      bad.map((name) => `cogsync: error: --dataset '${sanitizeLine(name)}' is not a dataset name: use 1–128 characters from a-z, A-Z, 0-9, _ . : -`).join('\n'),
    );
  }
  return [...new Set(names)];
}

function selectDatasets(all: ExportDataset[], names: string[] | undefined): ExportDataset[] {
  if (!names || names.length === 0) return all;
  const missing = names.filter((n) => !all.some((d) => d.DatasetName === n));
  if (missing.length > 0) throw new UsageError(`cogsync: error: the file has no dataset ${missing.map((n) => `'${n}'`).join(', ')}`);
  return all.filter((d) => names.includes(d.DatasetName));
}

function wantedRecords(dataset: ExportDataset, withCounts: boolean): WantedRecord[] {
  return dataset.Records.map((r) => ({
    key: r.Key,
    ...(r.Value === undefined ? {} : { value: r.Value }),
    ...(withCounts && r.SyncCount !== undefined ? { syncCount: r.SyncCount } : {}),
  }));
}

/** The plan's conflicts in the shape explainConflicts prints. */
function conflictsOf(plan: DatasetPlan) {
  return plan.items
    .filter((i) => i.kind === 'conflict')
    .map((i) => ({
      key: i.key,
      kind: 'both-changed' as const,
      ...(i.value === undefined ? {} : { mine: i.value }),
      ...(i.current ? { theirs: { key: i.key, value: i.current.value, tombstone: i.current.value === undefined, syncCount: i.current.syncCount, lastModifiedBy: i.current.lastModifiedBy } } : {}),
      base: { key: i.key, tombstone: false, syncCount: i.kind === 'conflict' ? i.readAt : 0 },
    }));
}
