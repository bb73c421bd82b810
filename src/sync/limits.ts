// Checks a batch against Cognito Sync's limits before anything is sent (SERVICE.md §2, §4),
// on the dataset as it would be after the batch. Errors block a commit; warnings do not.
import { isLive, utf8Length } from './records.js';
import type { DatasetBase, StagedEntry } from './types.js';

export const LIMITS = {
  /** Live records per dataset; tombstones do not count. */
  maxRecords: 1024,
  /** UTF-8 bytes of key + value over live records. */
  maxDatasetBytes: 1_048_576,
  /** Key length in UTF-16 code units. */
  maxKeyLength: 1024,
  /** Value length in UTF-16 code units. */
  maxValueLength: 1_048_575,
  /** AWS's mobile sync SDKs refuse keys over this many UTF-8 bytes: a warning here. */
  mobileKeyBytes: 128,
  maxDatasetNameLength: 128,
  maxIdLength: 55,
} as const;

export type LimitCode =
  | 'key-empty'
  | 'key-too-long'
  | 'key-long-for-mobile'
  | 'value-too-long'
  | 'too-many-records'
  | 'dataset-too-large'
  | 'dataset-name'
  | 'identity-pool-id'
  | 'identity-id';

export interface LimitIssue {
  readonly severity: 'error' | 'warning';
  readonly code: LimitCode;
  /** The record key concerned, when there is one. */
  readonly key?: string;
  readonly message: string;
}

export interface LimitReport {
  readonly errors: readonly LimitIssue[];
  readonly warnings: readonly LimitIssue[];
}

/** Thrown when input breaks a limit; nothing was changed or sent. */
export class SyncValidationError extends Error {
  override readonly name = 'SyncValidationError';
  constructor(readonly issues: readonly LimitIssue[]) {
    super(issues.map((i) => i.message).join('; '));
  }
}

/** Throws SyncValidationError when any issue is an error. */
export function assertNoErrors(issues: readonly LimitIssue[]): void {
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new SyncValidationError(errors);
}

/** A key for messages: quoted, escaped, and cut so a 1,024-character key stays readable. */
export function quoteText(key: string): string {
  const cut = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return JSON.stringify(cut);
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Checks one key; cheap enough to run on every keystroke. Empty and over-long keys are
 * errors; keys over 128 UTF-8 bytes are a warning (AWS's mobile SDKs refuse them).
 */
export function checkKey(key: string): LimitIssue[] {
  if (key.length === 0) return [{ severity: 'error', code: 'key-empty', key, message: 'Key must not be empty' }];
  const issues: LimitIssue[] = [];
  if (key.length > LIMITS.maxKeyLength) {
    issues.push({
      severity: 'error',
      code: 'key-too-long',
      key,
      message: `Key ${quoteText(key)} is ${fmt(key.length)} characters; the limit is ${fmt(LIMITS.maxKeyLength)} (UTF-16 code units)`,
    });
  }
  const bytes = utf8Length(key);
  if (bytes > LIMITS.mobileKeyBytes) {
    issues.push({
      severity: 'warning',
      code: 'key-long-for-mobile',
      key,
      message: `Key ${quoteText(key)} is ${fmt(bytes)} UTF-8 bytes; AWS's mobile sync SDKs refuse keys over ${LIMITS.mobileKeyBytes} bytes`,
    });
  }
  return issues;
}

/** Checks one value's length (UTF-16 code units). */
export function checkValue(key: string, value: string): LimitIssue[] {
  if (value.length <= LIMITS.maxValueLength) return [];
  return [
    {
      severity: 'error',
      code: 'value-too-long',
      key,
      message: `Value of key ${quoteText(key)} is ${fmt(value.length)} characters; the limit is ${fmt(LIMITS.maxValueLength)} (UTF-16 code units)`,
    },
  ];
}

const DATASET_NAME = /^[a-zA-Z0-9_.:-]{1,128}$/;
const POOL_OR_IDENTITY_ID = /^[\w-]+:[0-9a-f-]+$/;

export function checkDatasetName(name: string): LimitIssue[] {
  if (DATASET_NAME.test(name)) return [];
  return [
    {
      severity: 'error',
      code: 'dataset-name',
      message: `Dataset name ${quoteText(name)} is invalid: use 1–128 characters from a-z, A-Z, 0-9, _ . : -`,
    },
  ];
}

function checkId(value: string, what: 'identity-pool-id' | 'identity-id', label: string, example: string): LimitIssue[] {
  if (value.length >= 1 && value.length <= LIMITS.maxIdLength && POOL_OR_IDENTITY_ID.test(value)) return [];
  return [
    {
      severity: 'error',
      code: what,
      message: `${label} ${quoteText(value)} is invalid: expected 1–55 characters like ${example} (lower-case hex after the colon)`,
    },
  ];
}

export function checkIdentityPoolId(id: string): LimitIssue[] {
  return checkId(id, 'identity-pool-id', 'Identity pool id', 'us-east-1:0f6d5a4e-…');
}

export function checkIdentityId(id: string): LimitIssue[] {
  return checkId(id, 'identity-id', 'Identity id', 'us-east-1:9b1c2d3e-…');
}

/** Checks the three names that address a dataset. */
export function checkDatasetAddress(address: { identityPoolId: string; identityId: string; datasetName: string }): LimitIssue[] {
  return [
    ...checkIdentityPoolId(address.identityPoolId),
    ...checkIdentityId(address.identityId),
    ...checkDatasetName(address.datasetName),
  ];
}

/**
 * Checks a batch on the dataset as it would be after it: each staged key and value, then
 * the live-record count and the size (UTF-8 of key + value, live records only).
 */
export function checkBatch(base: DatasetBase, staged: ReadonlyMap<string, StagedEntry>): LimitReport {
  const issues: LimitIssue[] = [];
  for (const [key, entry] of staged) {
    issues.push(...checkKey(key));
    if (entry.op.kind === 'replace') issues.push(...checkValue(key, entry.op.value));
  }

  let records = 0;
  let bytes = 0;
  for (const [key, record] of base.records) {
    if (staged.has(key) || !isLive(record)) continue;
    records++;
    bytes += utf8Length(key) + utf8Length(record.value);
  }
  for (const [key, entry] of staged) {
    if (entry.op.kind !== 'replace') continue;
    records++;
    bytes += utf8Length(key) + utf8Length(entry.op.value);
  }
  if (records > LIMITS.maxRecords) {
    issues.push({
      severity: 'error',
      code: 'too-many-records',
      message: `The dataset would hold ${fmt(records)} records; the limit is ${fmt(LIMITS.maxRecords)} live records (remove ${fmt(records - LIMITS.maxRecords)})`,
    });
  }
  if (bytes > LIMITS.maxDatasetBytes) {
    issues.push({
      severity: 'error',
      code: 'dataset-too-large',
      message: `The dataset would be ${fmt(bytes)} bytes; the limit is ${fmt(LIMITS.maxDatasetBytes)} bytes (UTF-8 of keys and values of live records)`,
    });
  }
  return {
    errors: issues.filter((i) => i.severity === 'error'),
    warnings: issues.filter((i) => i.severity === 'warning'),
  };
}
