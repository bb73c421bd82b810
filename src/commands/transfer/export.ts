// `cogsync export POOL IDENTITY [DATASET]`: one dataset, or every dataset of the identity,
// as JSON with each record's SyncCount (removed keys included, without Value), so the file
// can be edited and imported back with conflicts detected (see document.ts).
import type { _Record } from '@aws-sdk/client-cognito-sync';
import { CommandError, ExitCode } from '../errors.js';
import type { CommandIO, GlobalFlags } from '../io.js';
import { openSessionLazily, type OpenSession } from '../open-session.js';
import { formatJson } from '../output/json.js';
import type { PlainValue } from '../output/plain-data.js';
import { reportError } from '../report-error.js';
import type { ServiceSession } from '../service-session.js';
import { EXPORT_FORMAT, type ExportDataset, type ExportDocument, type ExportRecord } from './document.js';

export interface ExportRequest {
  identityPoolId: string;
  identityId: string;
  /** One dataset; all of the identity's when absent. */
  datasetName?: string;
  globals: GlobalFlags;
}

export async function runExport(request: ExportRequest, io: CommandIO, deps: { openSession?: OpenSession } = {}): Promise<number> {
  let session: ServiceSession | undefined;
  try {
    session = await (deps.openSession ?? openSessionLazily)(io, request.globals);
    const document = await exportIdentity(session, request);
    // Values are untrusted: the same terminal-safe escaping as --output json.
    io.stdout(formatJson(document as unknown as PlainValue));
    return ExitCode.Ok;
  } catch (error) {
    return reportError(io, error);
  } finally {
    session?.close();
  }
}

export async function exportIdentity(session: ServiceSession, request: Omit<ExportRequest, 'globals'>): Promise<ExportDocument> {
  const { listAllDatasets } = await import('../../aws/paging.js');
  const query = { IdentityPoolId: request.identityPoolId, IdentityId: request.identityId };
  const names = request.datasetName
    ? [request.datasetName]
    : (await listAllDatasets(session.sync, query)).map((d) => d.DatasetName ?? '').filter((n) => n !== '').sort();
  const datasets: ExportDataset[] = [];
  for (const name of names) datasets.push(await exportDataset(session, { ...query, DatasetName: name }, request.datasetName !== undefined));
  return {
    Format: EXPORT_FORMAT,
    IdentityPoolId: request.identityPoolId,
    IdentityId: request.identityId,
    ExportedAt: new Date().toISOString(),
    Datasets: datasets,
  };
}

async function exportDataset(
  session: ServiceSession,
  query: { IdentityPoolId: string; IdentityId: string; DatasetName: string },
  mustExist: boolean,
): Promise<ExportDataset> {
  const { listAllRecords } = await import('../../aws/paging.js');
  const listing = await listAllRecords(session.sync, { ...query, LastSyncCount: 0 });
  if (mustExist && !listing.datasetExists) {
    throw new CommandError(`cogsync: dataset '${query.DatasetName}' does not exist for identity ${query.IdentityId}`, ExitCode.Service);
  }
  const records = listing.records.map(exportRecord).sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
  return { DatasetName: query.DatasetName, DatasetSyncCount: listing.datasetSyncCount, Records: records };
}

function exportRecord(r: _Record): ExportRecord {
  return {
    Key: r.Key ?? '',
    ...(r.Value === undefined || r.Value === null ? {} : { Value: r.Value }),
    SyncCount: r.SyncCount ?? 0,
    ...(isValidDate(r.LastModifiedDate) ? { LastModifiedDate: r.LastModifiedDate.toISOString() } : {}),
    ...(r.LastModifiedBy ? { LastModifiedBy: r.LastModifiedBy } : {}),
    ...(isValidDate(r.DeviceLastModifiedDate) ? { DeviceLastModifiedDate: r.DeviceLastModifiedDate.toISOString() } : {}),
  };
}

/** The SDK turns an impossible server timestamp into an Invalid Date: leave it out rather than fail the export. */
function isValidDate(date: Date | undefined): date is Date {
  return date !== undefined && !Number.isNaN(date.getTime());
}
