/**
 * The request inspector's text, from request log entries (which hold no secrets: the log
 * redacts parameters and responses before storing them). Pure: one line per call for the
 * list, and every field of one call for the detail view. Values stay untrusted here; the
 * component sanitizes and cuts each line to the width.
 */
import type { RequestLogEntry } from '../../aws/request-log.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `12:01:03.123`, local time. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** `…a11c`: the end of an id tells identities apart; the region prefix rarely does. */
export function shortId(id: string): string {
  return id.length <= 10 ? id : `…${id.slice(-4)}`;
}

type Params = Record<string, unknown>;
const asParams = (p: unknown): Params => (p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Params) : {});

/** The parameters a reader looks for, in one short phrase: `settings · id …a11c · since 4 · 3 patches`. */
export function paramsSummary(entry: RequestLogEntry): string {
  const p = asParams(entry.params);
  const parts: string[] = [];
  if (typeof p.DatasetName === 'string') parts.push(p.DatasetName);
  if (typeof p.IdentityId === 'string') parts.push(`id ${shortId(p.IdentityId)}`);
  else if (typeof p.IdentityPoolId === 'string') parts.push(`pool ${shortId(p.IdentityPoolId)}`);
  if (typeof p.SourceIdentityId === 'string') parts.push(`from ${shortId(p.SourceIdentityId)}`);
  if (typeof p.DestinationIdentityId === 'string') parts.push(`into ${shortId(p.DestinationIdentityId)}`);
  if (typeof p.LastSyncCount === 'number') parts.push(`since ${p.LastSyncCount}`);
  if (Array.isArray(p.RecordPatches)) parts.push(`${p.RecordPatches.length} ${p.RecordPatches.length === 1 ? 'patch' : 'patches'}`);
  if (typeof p.DeviceId === 'string') parts.push(`device ${p.DeviceId}`);
  if (p.NextToken !== undefined) parts.push('next page');
  return parts.join(' · ');
}

/** `200`, `409 ResourceConflictException`, `… in flight`, `--- EndpointUnreachable`. */
export function statusText(entry: RequestLogEntry): string {
  if (entry.state === 'in-flight') return '… in flight';
  if (entry.state === 'error') return `${entry.httpStatus ?? '---'} ${entry.errorCode ?? 'error'}`;
  return String(entry.httpStatus ?? 'ok');
}

/** Sync counts the call saw or produced: `seen 7`, `wrote 8`, `seen 7 · 5–7` (the records' counts). */
export function countsText(entry: RequestLogEntry): string {
  const counts = entry.recordSyncCounts ?? [];
  const range = counts.length === 0 ? '' : counts.length === 1 ? String(counts[0]) : `${counts[0]}–${counts[counts.length - 1]}`;
  if (entry.operation === 'UpdateRecords') return range ? `wrote ${range}` : '';
  const parts: string[] = [];
  if (entry.datasetSyncCount !== undefined) parts.push(`seen ${entry.datasetSyncCount}`);
  if (range) parts.push(range);
  return parts.join(' · ');
}

export interface InspectorLine {
  readonly id: number;
  readonly time: string;
  readonly operation: string;
  readonly params: string;
  readonly status: string;
  readonly duration: string;
  readonly requestId: string;
  readonly counts: string;
  readonly failed: boolean;
}

export function inspectorLine(entry: RequestLogEntry): InspectorLine {
  return {
    id: entry.id,
    time: clockTime(entry.time),
    operation: entry.operation,
    params: paramsSummary(entry),
    status: statusText(entry),
    duration: entry.durationMs === undefined ? '' : `${Math.round(entry.durationMs)}ms`,
    requestId: entry.requestId ? `${entry.requestId.slice(0, 8)}…` : '',
    counts: countsText(entry),
    failed: entry.state === 'error',
  };
}

/** What the `/` filter matches for one call: every column of its line (time, operation, status, ms, request, counts, params). */
export function inspectorFilterText(entry: RequestLogEntry): string {
  const l = inspectorLine(entry);
  return [l.time, l.operation, l.status, l.duration, l.requestId, l.counts, l.params].join(' ');
}

/** Every field of one call, then the request and the response as indented JSON. */
export function inspectorDetail(entry: RequestLogEntry): string[] {
  const lines: string[] = [];
  const where = [entry.service, entry.connection, entry.endpoint ?? 'AWS regional endpoint'].filter(Boolean).join(' · ');
  lines.push(`${entry.operation} · ${where}`);
  const facts = [
    `time ${entry.time}`,
    entry.durationMs === undefined ? 'still running' : `${entry.durationMs} ms`,
    entry.httpStatus === undefined ? '' : `HTTP ${entry.httpStatus}`,
    entry.attempts === undefined ? '' : `${entry.attempts} ${entry.attempts === 1 ? 'attempt' : 'attempts'}`,
  ].filter(Boolean);
  lines.push(facts.join(' · '));
  lines.push(`request id ${entry.requestId ?? '–'}`);
  const counts = [
    entry.datasetSyncCount === undefined ? '' : `DatasetSyncCount ${entry.datasetSyncCount}`,
    entry.recordSyncCounts?.length ? `record SyncCounts ${entry.recordSyncCounts.join(', ')}` : '',
  ].filter(Boolean);
  if (counts.length > 0) lines.push(counts.join(' · '));
  if (entry.state === 'error') lines.push(`error ${entry.errorCode ?? 'Error'}: ${entry.errorMessage ?? ''}`);
  lines.push('');
  lines.push('Request');
  lines.push(...jsonLines(entry.params));
  lines.push('');
  lines.push(entry.state === 'in-flight' ? 'Response: not yet' : entry.state === 'error' ? 'Response: the error above' : 'Response');
  if (entry.state === 'ok') lines.push(...jsonLines(entry.response ?? {}));
  return lines;
}

function jsonLines(value: unknown): string[] {
  const text = JSON.stringify(value ?? {}, null, 2) ?? 'undefined';
  return text.split('\n').map((l) => `  ${l}`);
}

/** Newest first; `selectedId` undefined follows the newest call. */
export function selectedIndex(entries: readonly RequestLogEntry[], selectedId: number | undefined): number {
  if (entries.length === 0) return 0;
  if (selectedId === undefined) return 0;
  const at = entries.findIndex((e) => e.id === selectedId);
  return at < 0 ? 0 : at;
}
