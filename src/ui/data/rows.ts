/**
 * What each browse screen lists, as plain data the reducer can hold. Values come from the
 * server and are untrusted: components sanitize them when rendering. Times are epoch ms.
 */

export interface ConnectionRow {
  readonly kind: 'connection';
  /** The connection name (unique on the screen). */
  readonly id: string;
  readonly type: 'local' | 'aws';
  readonly region?: string;
  readonly endpoint?: string;
  /** `profile`, `sso`, `embedded server`… */
  readonly detail: string;
}

export interface PoolRow {
  readonly kind: 'pool';
  readonly id: string;
  readonly name: string;
  /** From ListIdentityPoolUsage (absent when the usage call failed or skipped this pool). */
  readonly dataStorage?: number;
  readonly syncSessions?: number;
  readonly lastModified?: number;
}

export interface IdentityRow {
  readonly kind: 'identity';
  readonly id: string;
  readonly created?: number;
  readonly lastModified?: number;
  /** Login provider names (`accounts.google.com`); empty for unauthenticated identities. */
  readonly logins: readonly string[];
}

export interface DatasetRow {
  readonly kind: 'dataset';
  /** The dataset name. */
  readonly id: string;
  readonly numRecords?: number;
  readonly dataStorage?: number;
  readonly created?: number;
  readonly lastModified?: number;
  readonly lastModifiedBy?: string;
}

export interface RecordRow {
  readonly kind: 'record';
  /** The record key. */
  readonly id: string;
  /** Undefined for a tombstone (removed record). */
  readonly value?: string;
  readonly syncCount: number;
  readonly lastModified?: number;
  readonly lastModifiedBy?: string;
}

export type Row = ConnectionRow | PoolRow | IdentityRow | DatasetRow | RecordRow;

/** The text the `/` filter searches. */
export function filterText(row: Row): string {
  switch (row.kind) {
    case 'connection': return `${row.id} ${row.region ?? ''} ${row.detail}`;
    case 'pool': return `${row.name} ${row.id}`;
    case 'identity': return `${row.id} ${row.logins.join(' ')}`;
    case 'dataset': return `${row.id} ${row.lastModifiedBy ?? ''}`;
    case 'record': return `${row.id} ${row.value ?? ''}`;
  }
}

/** Display name of a row for the breadcrumb and palette completion. */
export function rowName(row: Row): string {
  return row.kind === 'pool' ? row.name : row.id;
}
