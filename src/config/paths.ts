import envPaths from 'env-paths';
import { join } from 'node:path';

/**
 * Where cogsync keeps its files. `COGSYNC_HOME` puts everything under one folder
 * (tests always set it, so they never touch the real home directory); otherwise the
 * platform's config and data folders are used.
 */
export interface CogsyncPaths {
  /** conf's folder: connections, preferences, keymap. */
  config: string;
  /** drafts, journal, the local server's default database. */
  data: string;
}

export function cogsyncPaths(env: NodeJS.ProcessEnv = process.env): CogsyncPaths {
  const home = env.COGSYNC_HOME;
  if (home && home.trim() !== '') {
    return { config: join(home, 'config'), data: join(home, 'data') };
  }
  const platform = envPaths('cogsync', { suffix: '' });
  return { config: platform.config, data: platform.data };
}

/** The local server's database when `--db` is not given. */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cogsyncPaths(env).data, 'local.db');
}
