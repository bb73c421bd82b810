// `cogsync serve`: runs the local server until SIGINT/SIGTERM, like DynamoDB Local.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isIP } from 'node:net';
import { defaultDatabasePath } from '../config/paths.js';
import { ExitCode } from '../commands/errors.js';
import { startLocalServer, type LocalServer } from './server.js';

export interface ServeOptions {
  host: string;
  port: number;
  db?: string;
  inMemory?: boolean;
  seed?: 'demo';
  tokenTtl?: number;
  /** `sigv4`: check every request's signature against accessKeyId / secretAccessKey. */
  auth?: 'none' | 'sigv4';
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** The key to check signatures with, or a usage error for a half-given or stray key. */
export function serveAuthKey(options: ServeOptions): { key?: { accessKeyId: string; secretAccessKey: string }; error?: string } {
  const { auth = 'none', accessKeyId, secretAccessKey } = options;
  if (auth === 'sigv4') {
    if (!accessKeyId || !secretAccessKey) return { error: '--auth sigv4 needs both --access-key-id and --secret-access-key' };
    return { key: { accessKeyId, secretAccessKey } };
  }
  if (accessKeyId !== undefined || secretAccessKey !== undefined) {
    return { error: '--access-key-id and --secret-access-key are only used with --auth sigv4' };
  }
  return {};
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** One line a person can act on, for the failures people actually hit. */
export function describeStartupError(error: unknown, options: ServeOptions, dbPath: string): string {
  const err = error as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EADDRINUSE':
      return `cogsync serve: port ${options.port} on ${options.host} is already in use; stop the other process or pick another --port (0 picks a free one)`;
    case 'EADDRNOTAVAIL':
      return `cogsync serve: cannot listen on ${options.host}: no such address on this machine`;
    case 'EACCES':
      return `cogsync serve: not allowed to listen on ${options.host}:${options.port} (ports below 1024 need privileges)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cogsync serve: cannot resolve host '${options.host}'`;
    default:
      break;
  }
  if (typeof err.code === 'string' && err.code.startsWith('SQLITE_')) {
    return `cogsync serve: cannot open database ${dbPath}: ${err.message}`;
  }
  return `cogsync serve: ${err.message ?? String(error)}`;
}

export async function runServe(options: ServeOptions): Promise<void> {
  const auth = serveAuthKey(options);
  if (auth.error) {
    process.stderr.write(`cogsync serve: ${auth.error}\n`);
    // A bad command line, as everywhere else in cogsync (the AWS CLI's usage exit code).
    process.exit(ExitCode.Usage);
  }
  const dbPath = options.inMemory ? ':memory:' : resolve(options.db ?? defaultDatabasePath());
  if (!options.inMemory) {
    try {
      mkdirSync(dirname(dbPath), { recursive: true });
    } catch (error) {
      process.stderr.write(`cogsync serve: cannot create the folder for database ${dbPath}: ${(error as Error).message}\n`);
      process.exit(1);
    }
  }
  let server: LocalServer;
  try {
    server = await startLocalServer({
      host: options.host,
      port: options.port,
      dbPath: options.inMemory ? undefined : dbPath,
      inMemory: options.inMemory,
      seed: options.seed,
      tokenTtlSeconds: options.tokenTtl,
      auth: auth.key,
      onInternalError: (error) => process.stderr.write(`cogsync serve: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
    });
  } catch (error) {
    process.stderr.write(`${describeStartupError(error, options, dbPath)}\n`);
    process.exit(1);
  }
  process.stdout.write(`cogsync local server listening on ${server.url}\n`);
  process.stdout.write(`database: ${options.inMemory ? 'in memory (nothing is kept)' : dbPath}\n`);
  // The key id is not a secret (it is in every Authorization header); the secret is never printed.
  if (auth.key) process.stdout.write(`auth: sigv4, access key id ${auth.key.accessKeyId}\n`);
  if (!isLoopback(options.host) && !auth.key) {
    process.stderr.write(
      `warning: listening on ${options.host}, which other machines may reach; the local server has no authentication: anyone who can connect can read and change all data (use --auth sigv4)\n`,
    );
  } else if (!isLoopback(options.host)) {
    process.stderr.write(`warning: listening on ${options.host}, which other machines may reach; requests are signed but not encrypted (plain HTTP)\n`);
  }
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(done, (error: unknown) => {
        process.stderr.write(`cogsync serve: error while closing: ${String(error)}\n`);
        process.exit(1);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.exit(0);
}
