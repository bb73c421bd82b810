// The file `cogsync export` writes and `cogsync import` reads: one identity's datasets
// with every record's SyncCount, so an import can tell a value edited in the file from one
// changed on the server since the export. Records without `Value` are removed keys.
import { checkDatasetName } from '../../sync/limits.js';
import { loneSurrogateField, loneSurrogateLine, shownText } from '../lone-surrogate.js';
import { CommandError, ExitCode } from '../errors.js';

export const EXPORT_FORMAT = 'cogsync-export/1';

export interface ExportRecord {
  Key: string;
  /** Absent: the key was removed (a tombstone), or should be. */
  Value?: string;
  /** The record's SyncCount when exported; absent in hand-written files (no conflict check). */
  SyncCount?: number;
  LastModifiedDate?: string;
  LastModifiedBy?: string;
  DeviceLastModifiedDate?: string;
}

export interface ExportDataset {
  DatasetName: string;
  DatasetSyncCount?: number;
  Records: ExportRecord[];
}

export interface ExportDocument {
  Format: string;
  IdentityPoolId?: string;
  IdentityId?: string;
  ExportedAt?: string;
  Datasets: ExportDataset[];
}

/** A file that is not a usable export: names the file and the member at fault. */
export class ImportFileError extends CommandError {
  constructor(source: string, problem: string) {
    super(`cogsync: error: ${source}: ${problem}`, ExitCode.Usage);
    this.name = 'ImportFileError';
  }
}

export function parseExportDocument(text: string, source: string): ExportDocument {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(source, `not JSON (${(error as Error).message})`);
  }
  const fail = (path: string, what: string): never => {
    throw new ImportFileError(source, `${path}: ${what}`);
  };
  if (!isObject(data)) return fail('(top)', 'expected an object with "Datasets"');
  if (data.Format !== undefined && data.Format !== EXPORT_FORMAT) fail('Format', `expected "${EXPORT_FORMAT}"`);
  for (const field of ['IdentityPoolId', 'IdentityId', 'ExportedAt'] as const) {
    if (data[field] !== undefined && typeof data[field] !== 'string') fail(field, 'expected a string');
  }
  if (!Array.isArray(data.Datasets)) return fail('Datasets', 'expected a list');
  const names = new Set<string>();
  const datasets = data.Datasets.map((raw, i): ExportDataset => {
    const at = `Datasets[${i}]`;
    if (!isObject(raw)) return fail(at, 'expected an object');
    if (typeof raw.DatasetName !== 'string' || raw.DatasetName === '') fail(`${at}.DatasetName`, 'expected a non-empty string');
    const name = raw.DatasetName as string;
    if (names.has(name)) fail(`${at}.DatasetName`, `dataset '${name}' appears twice`);
    names.add(name);
    if (raw.DatasetSyncCount !== undefined && !isCount(raw.DatasetSyncCount)) fail(`${at}.DatasetSyncCount`, 'expected a whole number ≥ 0');
    if (!Array.isArray(raw.Records)) return fail(`${at}.Records`, 'expected a list');
    const keys = new Set<string>();
    const records = raw.Records.map((r, j) => parseRecord(r, `${at}.Records[${j}]`, keys, fail));
    return { DatasetName: name, ...(raw.DatasetSyncCount === undefined ? {} : { DatasetSyncCount: raw.DatasetSyncCount as number }), Records: records };
  });
  return {
    Format: EXPORT_FORMAT,
    ...(data.IdentityPoolId === undefined ? {} : { IdentityPoolId: data.IdentityPoolId as string }),
    ...(data.IdentityId === undefined ? {} : { IdentityId: data.IdentityId as string }),
    ...(data.ExportedAt === undefined ? {} : { ExportedAt: data.ExportedAt as string }),
    Datasets: datasets,
  };
}

function parseRecord(raw: unknown, at: string, keys: Set<string>, fail: (path: string, what: string) => never): ExportRecord {
  if (!isObject(raw)) return fail(at, 'expected an object');
  if (typeof raw.Key !== 'string' || raw.Key === '') fail(`${at}.Key`, 'expected a non-empty string');
  const key = raw.Key as string;
  if (keys.has(key)) fail(`${at}.Key`, `key '${key}' appears twice`);
  keys.add(key);
  if (raw.Value !== undefined && raw.Value !== null && typeof raw.Value !== 'string') fail(`${at}.Value`, 'expected a string (or no Value for a removed key)');
  if (raw.SyncCount !== undefined && !isCount(raw.SyncCount)) fail(`${at}.SyncCount`, 'expected a whole number ≥ 0');
  const out: ExportRecord = { Key: key };
  if (typeof raw.Value === 'string') out.Value = raw.Value;
  if (raw.SyncCount !== undefined) out.SyncCount = raw.SyncCount as number;
  for (const field of ['LastModifiedDate', 'LastModifiedBy', 'DeviceLastModifiedDate'] as const) {
    if (typeof raw[field] === 'string') out[field] = raw[field] as string;
  }
  return out;
}

/**
 * What in `selected` (datasets of `document`) no UpdateRecords can send: a dataset name outside Cognito Sync's
 * pattern, a key or value holding a lone UTF-16 surrogate. One line each, naming the `source` (the file, or the
 * identity copied from; already fit to print), the member, the dataset and the key; empty when everything can be
 * sent. `datasetMembers` false leaves `Datasets[i].` out of the member (copy reads one dataset, not a file).
 */
export function unsendableText(document: ExportDocument, selected: readonly ExportDataset[], source: string, datasetMembers = true): string[] {
  const problems: string[] = [];
  for (const dataset of selected) {
    const i = document.Datasets.indexOf(dataset);
    const prefix = datasetMembers ? `Datasets[${i}].` : '';
    if (checkDatasetName(dataset.DatasetName).length > 0) {
      problems.push(`cogsync: error: ${source}: ${prefix}DatasetName: ${shownText(dataset.DatasetName, "'")} is not a dataset name: use 1–128 characters from a-z, A-Z, 0-9, _ . : -`);
      continue;
    }
    dataset.Records.forEach((record, j) => {
      const field = loneSurrogateField(record.Key, record.Value);
      if (field) problems.push(loneSurrogateLine(source, `${prefix}Records[${j}].${field}`, dataset.DatasetName, record.Key));
    });
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
