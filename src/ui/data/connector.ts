/**
 * The connections the editor can use, and turning one into a BrowseService: the embedded
 * "local" server (started on first use), connections given by the caller, and every AWS
 * profile in the shared config files. Clients come from one ClientFactory, cached by
 * profile|region|endpoint, so switching never reuses another connection's credentials.
 */
import { ClientFactory, type AwsClients, type ClientOptions, type Connection } from '../../aws/clients.js';
import { requestLog as defaultRequestLog, type RequestLog } from '../../aws/request-log.js';
import { listProfiles } from '../../aws/shared-config.js';
import { profileConnectionName } from '../../config/reserved-name.js';
import type { ConnectionInfo } from '../state/app-reducer.js';
import { createBrowseService, type BrowseService } from './browse-service.js';
import type { ConnectionRow } from './rows.js';

/** A connection plus the editor's flags for it. */
export interface EditorConnection extends Connection {
  /** Refuse writes on this connection. */
  readOnly?: boolean;
  /** Production: starts read-only, red accent, typed confirmations. */
  protected?: boolean;
  /** Header and breadcrumb colour (red anyway when protected). */
  accent?: ConnectionInfo['accent'];
  /** Sent as UpdateRecords' DeviceId; falls back to the connector's `defaultDeviceId`. */
  deviceId?: string;
}

export interface Connected {
  info: ConnectionInfo;
  service: BrowseService;
  /** The SDK clients, for the records editor's commit protocol (src/session). */
  clients: AwsClients;
}

export interface Connector {
  readonly requestLog: RequestLog;
  /** Rows for the connections screen; never contains secrets. */
  list(): ConnectionRow[];
  /** Builds (or reuses) clients; starts the embedded server for a local connection without endpoint. */
  connect(name: string): Promise<Connected>;
  /** Stops the embedded server and closes every client. */
  close(): Promise<void>;
}

export const LOCAL_CONNECTION_NAME = 'local';

export interface ConnectorOptions {
  /**
   * Connections named by the caller (flags, config); they win over profiles of the same name.
   * A function is asked each time, so connections saved while the editor runs show up.
   */
  connections?: readonly EditorConnection[] | (() => readonly EditorConnection[]);
  /** List AWS profiles from the shared config files too (default true). */
  includeProfiles?: boolean;
  /** `--readonly`: every connection is read-only. */
  readOnly?: boolean;
  /** preferences.deviceId: the DeviceId of connections that name none (asked at each connect). */
  defaultDeviceId?: () => string | undefined;
  env?: NodeJS.ProcessEnv;
  requestLog?: RequestLog;
  /** Starts the embedded local server; returns its URL and how to stop it. */
  startLocal?: () => Promise<{ url: string; close(): Promise<void> }>;
  /** SDK client settings (tests shorten the request timeout); the factory's defaults otherwise. */
  clientOptions?: ClientOptions;
}

const EMBEDDED_RECORD_CACHE_BYTES = 8 * 1024 * 1024;

/** The embedded server: the default database in the cogsync data folder, demo data when new. */
async function startEmbeddedServer(): Promise<{ url: string; close(): Promise<void> }> {
  const [{ startLocalServer }, { defaultDatabasePath }, { mkdirSync }, { dirname }] = await Promise.all([
    import('../../local/server.js'),
    import('../../config/paths.js'),
    import('node:fs'),
    import('node:path'),
  ]);
  const dbPath = defaultDatabasePath();
  mkdirSync(dirname(dbPath), { recursive: true });
  // The server shares the editor's process (and its memory budget): a small cache of decoded datasets is plenty
  // for one person's browsing; a dataset not in it is simply read back from SQLite.
  return startLocalServer({ host: '127.0.0.1', port: 0, dbPath, seed: 'demo', recordCacheBytes: EMBEDDED_RECORD_CACHE_BYTES });
}

export function createConnector(options: ConnectorOptions = {}): Connector {
  const env = options.env ?? process.env;
  const log = options.requestLog ?? defaultRequestLog;
  const factory = new ClientFactory({ log, env });
  const startLocal = options.startLocal ?? startEmbeddedServer;
  let embedded: Promise<{ url: string; close(): Promise<void> }> | undefined;
  const deviceIdFor = (c: EditorConnection): string | undefined => {
    if (c.deviceId) return c.deviceId;
    try {
      return options.defaultDeviceId?.() || undefined;
    } catch {
      return undefined; // an unreadable config never blocks connecting
    }
  };

  const known = (): EditorConnection[] => {
    const given = typeof options.connections === 'function' ? options.connections() : options.connections ?? [];
    const all: EditorConnection[] = [...given];
    if (!all.some((c) => c.name === LOCAL_CONNECTION_NAME)) all.unshift({ name: LOCAL_CONNECTION_NAME, kind: 'local' });
    if (options.includeProfiles !== false) {
      for (const p of listProfiles(env)) {
        // A profile named `local` is listed as `profile:local`: the embedded server keeps `local`.
        const name = profileConnectionName(p.name);
        if (!all.some((c) => c.name === name)) all.push({ name, kind: 'aws', profile: p.name, region: p.region });
      }
    }
    return all;
  };

  return {
    requestLog: log,
    list() {
      const profiles = new Map(options.includeProfiles === false ? [] : listProfiles(env).map((p) => [p.name, p]));
      return known().map((c): ConnectionRow => {
        const p = profiles.get(c.profile ?? '');
        const detail =
          c.kind === 'local'
            ? c.endpointUrl ? 'local server' : 'embedded local server (demo data)'
            : p ? ['profile', p.sso ? 'sso' : '', p.assumesRole ? 'role' : ''].filter(Boolean).join(' · ') : 'aws';
        const flags = [c.protected ? 'protected' : '', c.readOnly ? 'read-only' : ''].filter(Boolean).join(' · ');
        return { kind: 'connection', id: c.name, type: c.kind, region: c.region ?? p?.region, endpoint: c.endpointUrl, detail: flags ? `${detail} · ${flags}` : detail };
      });
    },
    async connect(name) {
      const found = known().find((c) => c.name === name);
      if (!found) throw new Error(`unknown connection '${name}'`);
      let connection: EditorConnection = found;
      if (found.kind === 'local' && !found.endpointUrl) {
        embedded ??= startLocal();
        const server = await embedded.catch((error: unknown) => {
          embedded = undefined; // let a later attempt try again
          throw error;
        });
        connection = { ...found, endpointUrl: server.url };
      }
      const clients = factory.get(connection, options.clientOptions);
      const resolved = clients.connection;
      const info: ConnectionInfo = {
        name: connection.name,
        kind: connection.kind,
        region: resolved.region,
        endpoint: resolved.syncEndpoint,
        // Protected connections start read-only unless their settings say `readOnly: false`.
        readOnly: Boolean(options.readOnly || (connection.readOnly ?? connection.protected)),
        protected: connection.protected,
        ...(connection.accent ? { accent: connection.accent } : {}),
        ...(deviceIdFor(connection) ? { deviceId: deviceIdFor(connection) } : {}),
        ...(options.readOnly ? { lockedReadOnly: true } : {}),
      };
      return { info, service: createBrowseService(clients), clients };
    },
    async close() {
      factory.destroy();
      const server = embedded;
      embedded = undefined;
      if (server) await (await server).close();
    },
  };
}
