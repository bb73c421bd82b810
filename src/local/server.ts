// Placeholder contract; the real server replaces this file.
export interface LocalServerOptions {
  /** Interface to bind; 127.0.0.1 unless the user asks for another. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** SQLite file; ignored when inMemory. */
  dbPath?: string;
  inMemory?: boolean;
  /** Seed data set to create when the database is new. */
  seed?: 'demo';
  /** Sync session token lifetime in seconds (default 900). */
  tokenTtlSeconds?: number;
  /** Account id used for LastModifiedBy when no device is named (default 123456789012). */
  accountId?: string;
  /** Clock, for tests (epoch milliseconds). */
  now?: () => number;
}

export interface LocalServer {
  /** http://HOST:PORT with the real port. */
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startLocalServer(_options: LocalServerOptions): Promise<LocalServer> {
  throw new Error('not implemented yet');
}
