// Pools and identities: Cognito Identity's CreateIdentityPool / GetId side, the implicit
// creation by Sync writes (SERVICE.md §3.1), and removing an identity with all its data.
import { randomUUID } from 'node:crypto';
import { ApiError, conflict, identityNotFound, poolNotFound } from './errors.js';
import { regionOf, type Store } from './store.js';

export interface PoolRow {
  id: string;
  name: string;
  allow_unauthenticated: number;
  definition: string;
  implicit: number;
  created_ms: number;
  data_modified_ms: number | null;
  sync_sessions: number;
  push_sync: string | null;
  cognito_streams: string | null;
  events: string;
  bulk_status: string | null;
  bulk_start_ms: number | null;
  bulk_complete_ms: number | null;
  bulk_failure: string | null;
}

export interface IdentityRow {
  id: string;
  pool_id: string;
  created_ms: number;
  modified_ms: number;
  data_modified_ms: number | null;
}

export function findPool(store: Store, poolId: string): PoolRow | undefined {
  return store.sql('SELECT * FROM pools WHERE id = ?').get(poolId) as PoolRow | undefined;
}

export function requirePool(store: Store, poolId: string): PoolRow {
  const pool = findPool(store, poolId);
  if (!pool) throw poolNotFound(poolId);
  return pool;
}

/** The identity when it belongs to this pool; an identity of another pool is unknown here. */
export function findIdentity(store: Store, poolId: string, identityId: string): IdentityRow | undefined {
  const row = store.sql('SELECT * FROM identities WHERE id = ?').get(identityId) as IdentityRow | undefined;
  return row && row.pool_id === poolId ? row : undefined;
}

export interface NewPool {
  region: string;
  name: string;
  allowUnauthenticated: boolean;
  /** The other CreateIdentityPool members, stored and returned as given. */
  definition: Record<string, unknown>;
  /** For fixed demo ids; normally a new `<region>:<uuid>`. */
  id?: string;
}

export function createPool(store: Store, pool: NewPool): PoolRow {
  const id = pool.id ?? `${pool.region}:${randomUUID()}`;
  store
    .sql('INSERT INTO pools (id, name, allow_unauthenticated, definition, created_ms) VALUES (?, ?, ?, ?, ?)')
    .run(id, pool.name, pool.allowUnauthenticated ? 1 : 0, JSON.stringify(pool.definition), store.now());
  return findPool(store, id)!;
}

function insertIdentity(store: Store, poolId: string, identityId: string): void {
  const now = store.now();
  store.sql('INSERT INTO identities (id, pool_id, created_ms, modified_ms) VALUES (?, ?, ?, ?)').run(identityId, poolId, now, now);
}

/**
 * Before a Sync write: the pool and identity, created when unknown (pool name
 * `implicit-<guid part>`, unauthenticated allowed). An identity of another pool → 404.
 */
export function ensurePoolAndIdentity(store: Store, poolId: string, identityId: string): void {
  const owner = store.sql('SELECT pool_id FROM identities WHERE id = ?').pluck().get(identityId) as string | undefined;
  if (owner !== undefined) {
    if (owner !== poolId) throw identityNotFound(identityId);
    return;
  }
  if (!findPool(store, poolId)) {
    const guid = poolId.slice(poolId.indexOf(':') + 1);
    store
      .sql('INSERT INTO pools (id, name, allow_unauthenticated, implicit, created_ms) VALUES (?, ?, 1, 1, ?)')
      .run(poolId, `implicit-${guid}`, store.now());
  }
  insertIdentity(store, poolId, identityId);
}

/** The login subject: a JWT's `sub` (read, not verified), else the token itself. */
export function loginSubject(token: string): string {
  const parts = token.split('.');
  if (parts.length === 3) {
    try {
      const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
      const sub = (claims as { sub?: unknown } | null)?.sub;
      if (typeof sub === 'string' && sub !== '') return sub;
    } catch {
      // not a JWT: the token string is the subject
    }
  }
  return token;
}

/** GetId: a new identity per unauthenticated call; one identity per (provider, subject). */
export function getId(store: Store, poolId: string, logins: Record<string, string> | undefined): string {
  const pool = requirePool(store, poolId);
  const entries = Object.entries(logins ?? {}).map(([provider, token]) => ({ provider, subject: loginSubject(token) }));
  if (entries.length === 0 && !pool.allow_unauthenticated) {
    throw new ApiError('NotAuthorizedException', 400, 'Unauthenticated access is not supported for this identity pool.');
  }
  const lookup = store.sql('SELECT identity_id FROM logins WHERE pool_id = ? AND provider = ? AND subject = ?').pluck();
  const owners = new Set(entries.map((e) => lookup.get(poolId, e.provider, e.subject) as string | undefined).filter((x) => x !== undefined));
  if (owners.size > 1) throw conflict(`These logins belong to different identities: ${[...owners].sort().join(', ')}`);
  let identityId = [...owners][0];
  if (identityId !== undefined) requireOneLoginPerProvider(store, identityId, entries);
  if (identityId === undefined) {
    identityId = `${regionOf(poolId)}:${randomUUID()}`;
    insertIdentity(store, poolId, identityId);
  }
  const link = store.sql('INSERT OR IGNORE INTO logins (pool_id, provider, subject, identity_id) VALUES (?, ?, ?, ?)');
  let linked = 0;
  for (const e of entries) linked += link.run(poolId, e.provider, e.subject, identityId).changes;
  if (linked > 0 && owners.size === 1) store.sql('UPDATE identities SET modified_ms = ? WHERE id = ?').run(store.now(), identityId);
  return identityId;
}

/**
 * An identity holds one login per provider, as in Cognito: a second subject of a provider it already has would
 * make two users one. Checked before anything is linked, so a refused call changes nothing.
 */
export function requireOneLoginPerProvider(store: Store, identityId: string, logins: ReadonlyArray<{ provider: string; subject: string }>): void {
  const linked = store.sql('SELECT subject FROM logins WHERE identity_id = ? AND provider = ?').pluck();
  for (const { provider, subject } of logins) {
    const subjects = linked.all(identityId, provider) as string[];
    // A login the identity already holds is never refused: a database from before this rule may hold two of one
    // provider, and each must still sign in.
    if (subjects.includes(subject)) continue;
    if (subjects.length > 0) {
      throw conflict(`Identity ${identityId} is already linked to another ${provider} login`);
    }
  }
}

export interface IdentityDescriptionRow extends IdentityRow {
  /** JSON array of provider names. */
  providers: string;
}

const DESCRIPTION_SQL = `SELECT i.*, (SELECT json_group_array(provider) FROM (SELECT DISTINCT provider FROM logins l WHERE l.identity_id = i.id ORDER BY provider)) AS providers FROM identities i`;

export function describeIdentity(store: Store, identityId: string): IdentityDescriptionRow {
  const row = store.sql(`${DESCRIPTION_SQL} WHERE i.id = ?`).get(identityId) as IdentityDescriptionRow | undefined;
  if (!row) throw identityNotFound(identityId);
  return row;
}

/** A page of a pool's identities by creation time, then id, after `after` = [created_ms, id]. */
export function listIdentities(store: Store, poolId: string, limit: number, after?: [number, string]): IdentityDescriptionRow[] {
  if (!after) {
    return store.sql(`${DESCRIPTION_SQL} WHERE i.pool_id = ? ORDER BY i.created_ms, i.id LIMIT ?`).all(poolId, limit) as IdentityDescriptionRow[];
  }
  return store
    .sql(`${DESCRIPTION_SQL} WHERE i.pool_id = ? AND (i.created_ms, i.id) > (?, ?) ORDER BY i.created_ms, i.id LIMIT ?`)
    .all(poolId, after[0], after[1], limit) as IdentityDescriptionRow[];
}

export function listPools(store: Store, limit: number, afterId?: string): PoolRow[] {
  return store.sql('SELECT * FROM pools WHERE id > ? ORDER BY id LIMIT ?').all(afterId ?? '', limit) as PoolRow[];
}

/** Removes an identity with its datasets, records, devices, subscriptions and (unless kept) logins. */
export function deleteIdentityData(store: Store, identityId: string, options: { keepLogins?: boolean } = {}): boolean {
  const identity = store.sql('SELECT * FROM identities WHERE id = ?').get(identityId) as IdentityRow | undefined;
  if (!identity) return false;
  const datasetIds = store.sql('SELECT id FROM datasets WHERE identity_id = ?').pluck().all(identityId) as number[];
  for (const datasetId of datasetIds) store.records.delete(datasetId);
  const hadData = store.sql('DELETE FROM datasets WHERE identity_id = ? AND present = 1').run(identityId).changes > 0;
  store.sql('DELETE FROM datasets WHERE identity_id = ?').run(identityId);
  store.sql('DELETE FROM subscriptions WHERE identity_id = ?').run(identityId);
  store.sql('DELETE FROM devices WHERE identity_id = ?').run(identityId);
  if (!options.keepLogins) store.sql('DELETE FROM logins WHERE identity_id = ?').run(identityId);
  store.sql('DELETE FROM identities WHERE id = ?').run(identityId);
  if (hadData) store.sql('UPDATE pools SET data_modified_ms = ? WHERE id = ?').run(store.now(), identity.pool_id);
  return true;
}
