// Ids, record writes and error assertions shared by the local-server conformance tests.
// Everything goes through the real SDK clients; nothing here knows the server's internals.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  CognitoSyncClient,
  ListRecordsCommand,
  UpdateRecordsCommand,
  type ListRecordsCommandOutput,
  type RecordPatch,
  type _Record,
} from '@aws-sdk/client-cognito-sync';

export const DEFAULT_ACCOUNT_ID = '123456789012';

/** `us-east-1:<uuid>`, the shape of both IdentityPoolId and IdentityId. */
export const poolId = (region = 'us-east-1'): string => `${region}:${randomUUID()}`;
export const identityId = (region = 'us-east-1'): string => `${region}:${randomUUID()}`;

export interface Where {
  IdentityPoolId: string;
  IdentityId: string;
  DatasetName: string;
}

/** A fresh pool + identity (unknown to the server until written) and a dataset name. */
export function where(DatasetName = 'ds', IdentityPoolId = poolId()): Where {
  return { IdentityPoolId, IdentityId: identityId(), DatasetName };
}

export function listRecords(
  sync: CognitoSyncClient,
  w: Where,
  extra: { LastSyncCount?: number; MaxResults?: number; NextToken?: string; SyncSessionToken?: string } = {},
): Promise<ListRecordsCommandOutput> {
  return sync.send(new ListRecordsCommand({ ...w, ...extra }));
}

/** A fresh SyncSessionToken for the dataset. */
export async function token(sync: CognitoSyncClient, w: Where): Promise<string> {
  const out = await listRecords(sync, w);
  assert.ok(out.SyncSessionToken, 'ListRecords returns a SyncSessionToken');
  return out.SyncSessionToken;
}

/** Every record of the dataset from `lastSyncCount`, following NextToken. */
export async function listAll(sync: CognitoSyncClient, w: Where, LastSyncCount = 0): Promise<{
  records: _Record[];
  pages: ListRecordsCommandOutput[];
}> {
  const pages: ListRecordsCommandOutput[] = [];
  let NextToken: string | undefined;
  do {
    const page = await listRecords(sync, w, { LastSyncCount, NextToken });
    pages.push(page);
    NextToken = page.NextToken;
    assert.ok(pages.length < 10_000, 'paging terminates');
  } while (NextToken);
  return { records: pages.flatMap((p) => p.Records ?? []), pages };
}

/** One UpdateRecords with a fresh token (unless one is given). */
export async function update(
  sync: CognitoSyncClient,
  w: Where,
  RecordPatches: RecordPatch[] | undefined,
  extra: { DeviceId?: string; ClientContext?: string; SyncSessionToken?: string } = {},
): Promise<_Record[]> {
  const SyncSessionToken = extra.SyncSessionToken ?? (await token(sync, w));
  const out = await sync.send(new UpdateRecordsCommand({ ...w, ...extra, SyncSessionToken, RecordPatches }));
  return out.Records ?? [];
}

/**
 * Writes `values` in one UpdateRecords at each key's current server count
 * (string = replace, null = remove). Returns the written records.
 */
export async function put(
  sync: CognitoSyncClient,
  w: Where,
  values: Record<string, string | null>,
  extra: { DeviceId?: string; ClientContext?: string } = {},
): Promise<_Record[]> {
  const { records, pages } = await listAll(sync, w);
  const counts = new Map(records.map((r) => [r.Key!, r.SyncCount!]));
  const patches: RecordPatch[] = Object.entries(values).map(([Key, Value]) =>
    Value === null
      ? { Op: 'remove', Key, SyncCount: counts.get(Key) ?? 0 }
      : { Op: 'replace', Key, Value, SyncCount: counts.get(Key) ?? 0 },
  );
  const last = pages[pages.length - 1];
  return update(sync, w, patches, { ...extra, SyncSessionToken: last.SyncSessionToken });
}

/** Live records as a plain key → value map (tombstones left out). */
export async function liveValues(sync: CognitoSyncClient, w: Where): Promise<Record<string, string>> {
  const { records } = await listAll(sync, w);
  const out: Record<string, string> = {};
  for (const r of records) if (r.Value !== undefined && r.Value !== null) out[r.Key!] = r.Value;
  return out;
}

export interface ExpectedError {
  name: string;
  status: number;
  message?: string;
}

/** Awaits a rejected SDK call and compares name, HTTP status and (when given) the exact message. */
export async function expectError(p: Promise<unknown>, expected: ExpectedError): Promise<Error & Record<string, any>> {
  let caught: any;
  try {
    const value = await p;
    assert.fail(`expected ${expected.name} (${expected.status}) but the call succeeded: ${JSON.stringify(value).slice(0, 300)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    caught = e;
  }
  const actual: ExpectedError = { name: caught.name, status: caught.$metadata?.httpStatusCode };
  if (expected.message !== undefined) actual.message = caught.message;
  assert.deepEqual(actual, expected, `error (got message: ${JSON.stringify(caught.message)})`);
  return caught;
}

/** §2's value quoting: cut at 128 characters (UTF-16 units) + `...`; missing → null. */
export function quoteValue(value: string | number | null): string {
  if (value === null) return 'null';
  const s = String(value);
  return `'${s.length > 128 ? s.slice(0, 128) + '...' : s}'`;
}

/** One §2 violation: `Value '<v>' at '<path>' failed to satisfy constraint: <constraint>`. */
export function violation(path: string, value: string | number | null, constraint: string): string {
  return `Value ${quoteValue(value)} at '${path}' failed to satisfy constraint: ${constraint}`;
}

export const C = {
  notNull: 'Member must not be null',
  minLen: (n: number) => `Member must have length greater than or equal to ${n}`,
  maxLen: (n: number) => `Member must have length less than or equal to ${n}`,
  pattern: (p: string) => `Member must satisfy regular expression pattern: ${p}`,
  enumOp: 'Member must satisfy enum value set: [replace, remove]',
  enumOf: (values: string[]) => `Member must satisfy enum value set: [${values.join(', ')}]`,
  minValue: (n: number) => `Member must have value greater than or equal to ${n}`,
  maxValue: (n: number) => `Member must have value less than or equal to ${n}`,
};

export const ID_PATTERN = '[\\w-]+:[0-9a-f-]+';
export const DATASET_PATTERN = '[a-zA-Z0-9_.:-]+';

/** The full §2 message for the given violations, in the given order. */
export function validationMessage(violations: string[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`;
}

/**
 * Asserts a §2 message: exact count prefix and exactly these violations. The spec does not fix their
 * order, so they are compared as a set.
 */
export function assertViolations(message: string, expected: string[]): void {
  const m = /^(\d+) validation errors? detected: ([\s\S]*)$/.exec(message);
  assert.ok(m, `validation message format: ${JSON.stringify(message)}`);
  const parts = m[2].split('; ');
  assert.deepEqual(
    { count: Number(m[1]), parts: [...parts].sort() },
    { count: expected.length, parts: [...expected].sort() },
    `validation message: ${JSON.stringify(message)}`,
  );
  if (expected.length === 1) assert.equal(message, validationMessage(expected));
}

/** Awaits an SDK call that must fail validation with exactly these violations. */
export async function expectViolations(
  p: Promise<unknown>,
  expected: string[],
  name = 'InvalidParameterException',
): Promise<void> {
  const e = await expectError(p, { name, status: 400 });
  assertViolations(e.message, expected);
}

/** An unsigned JWT whose payload carries `sub` (the server reads it unverified, §6). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl`;
}

/** A mutable clock for the server's `now` option (epoch ms). */
export function testClock(start = 1_700_000_000_000): { now: () => number; ms: number; advance(ms: number): void } {
  const clock = {
    ms: start,
    now: () => clock.ms,
    advance(ms: number) {
      clock.ms += ms;
    },
  };
  return clock;
}
