// The on-disk form of a draft (staged edits not yet committed) and its strict parser. A
// draft holds the keys and values the user typed and the server record each edit started
// from, so a restore can tell which keys changed on the server meanwhile.
import type { DatasetState, StagedEntry, StagedMap, SyncRecord } from '../sync/index.js';

export const DRAFT_VERSION = 1;

/** Which dataset a draft belongs to. */
export interface DraftAddress {
  /** The connection's name. */
  connection: string;
  identityPoolId: string;
  identityId: string;
  datasetName: string;
}

/** The server record an edit started from; absent when the server never had the key. */
export interface DraftBase {
  syncCount: number;
  /** Absent: a tombstone. */
  value?: string;
}

export interface DraftOp {
  key: string;
  op: 'replace' | 'remove';
  /** With `replace` only. */
  value?: string;
  base?: DraftBase;
}

/**
 * Text typed into the records screen's inline editor and not yet staged (Enter not pressed): `e` on a key, or the
 * `a` form. Kept so a crash or a kill in the middle of typing loses nothing.
 */
export type UnfinishedEdit = { kind: 'edit'; key: string; text: string } | { kind: 'add'; key: string; value: string };

export interface DraftFile extends DraftAddress {
  version: typeof DRAFT_VERSION;
  /** ISO time of the save. */
  savedAt: string;
  /** The dataset's SyncCount the edits were staged against. */
  baseSyncCount: number;
  ops: DraftOp[];
  /** Absent when no edit was open (older cogsync versions never write it, and ignore it). */
  unfinished?: UnfinishedEdit;
}

/** What `load` hands back. */
export interface LoadedDraft {
  ops: DraftOp[];
  savedAt: Date;
  baseSyncCount: number;
  unfinished?: UnfinishedEdit;
}

export function opsFromStaged(staged: StagedMap): DraftOp[] {
  return [...staged].map(([key, entry]) => ({
    key,
    op: entry.op.kind,
    ...(entry.op.kind === 'replace' ? { value: entry.op.value } : {}),
    ...(entry.base ? { base: { syncCount: entry.base.syncCount, ...(entry.base.value === undefined ? {} : { value: entry.base.value }) } } : {}),
  }));
}

export function stagedFromOps(ops: readonly DraftOp[]): Map<string, StagedEntry> {
  const staged = new Map<string, StagedEntry>();
  for (const op of ops) {
    const base: SyncRecord | undefined = op.base
      ? { key: op.key, syncCount: op.base.syncCount, ...(op.base.value === undefined ? {} : { value: op.base.value }) }
      : undefined;
    staged.set(op.key, { op: op.op === 'replace' ? { kind: 'replace', value: op.value ?? '' } : { kind: 'remove' }, base });
  }
  return staged;
}

export function draftFile(address: DraftAddress, state: Pick<DatasetState, 'staged' | 'base'>, savedAt: Date, unfinished?: UnfinishedEdit): DraftFile {
  return {
    ...(unfinished ? { unfinished } : {}),
    version: DRAFT_VERSION,
    connection: address.connection,
    identityPoolId: address.identityPoolId,
    identityId: address.identityId,
    datasetName: address.datasetName,
    savedAt: savedAt.toISOString(),
    baseSyncCount: state.base.syncCount,
    ops: opsFromStaged(state.staged),
  };
}

/** Parses a draft file's text; returns a reason instead of throwing. */
export function parseDraft(text: string, address: DraftAddress): { ok: true; draft: DraftFile } | { ok: false; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` };
  }
  const d = data as Partial<DraftFile> | null;
  if (d === null || typeof d !== 'object' || Array.isArray(d)) return { ok: false, reason: 'not a JSON object' };
  if (d.version !== DRAFT_VERSION) return { ok: false, reason: `unknown version ${JSON.stringify(d.version)}` };
  for (const field of ['connection', 'identityPoolId', 'identityId', 'datasetName'] as const) {
    if (d[field] !== address[field]) return { ok: false, reason: `it belongs to another dataset (${field} differs)` };
  }
  if (typeof d.savedAt !== 'string' || Number.isNaN(Date.parse(d.savedAt))) return { ok: false, reason: 'savedAt is not a time' };
  if (!isCount(d.baseSyncCount)) return { ok: false, reason: 'baseSyncCount is not a whole number ≥ 0' };
  if (!Array.isArray(d.ops)) return { ok: false, reason: 'ops is not a list' };
  const seen = new Set<string>();
  for (const [i, op] of d.ops.entries()) {
    const problem = checkOp(op);
    if (problem) return { ok: false, reason: `ops[${i}]: ${problem}` };
    if (seen.has(op.key)) return { ok: false, reason: `ops[${i}]: key ${JSON.stringify(op.key)} appears twice` };
    seen.add(op.key);
  }
  if (d.unfinished !== undefined && !isUnfinished(d.unfinished)) return { ok: false, reason: 'unfinished is not an edit (kind edit with key and text, or add with key and value)' };
  return { ok: true, draft: d as DraftFile };
}

function isUnfinished(value: unknown): value is UnfinishedEdit {
  const u = value as Partial<Record<string, unknown>> | null;
  if (u === null || typeof u !== 'object' || typeof u.key !== 'string') return false;
  if (u.kind === 'edit') return u.key !== '' && typeof u.text === 'string';
  return u.kind === 'add' && typeof u.value === 'string';
}

function checkOp(op: unknown): string | undefined {
  const o = op as Partial<DraftOp> | null;
  if (o === null || typeof o !== 'object') return 'not an object';
  if (typeof o.key !== 'string' || o.key === '') return 'key must be a non-empty string';
  if (o.op !== 'replace' && o.op !== 'remove') return `op must be replace or remove, got ${JSON.stringify(o.op)}`;
  if (o.op === 'replace' && typeof o.value !== 'string') return 'a replace needs a string value';
  if (o.base !== undefined) {
    if (o.base === null || typeof o.base !== 'object' || !isCount(o.base.syncCount)) return 'base.syncCount must be a whole number ≥ 0';
    if (o.base.value !== undefined && typeof o.base.value !== 'string') return 'base.value must be a string';
  }
  return undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
