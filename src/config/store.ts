// The user's settings in one conf-backed JSON file (cogsyncPaths().config/config.json):
// saved connections, recent places, preferences and keymap overrides. A file cogsync cannot
// use is moved aside and reported, never fatal; credentials are never stored.
import type Conf from 'conf';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyOverrides, type Keymap } from '../ui/keymap.js';
import { writeFileAtomic } from './atomic-file.js';
import { checkConfigFile, type ConfigCheck } from './check-config.js';
import { createConf, schemaMessage } from './conf-factory.js';
import { ConfigError } from './config-error.js';
import { readKeyPath, valueFromText, writeKeyPath } from './key-path.js';
import { quarantineFile, quarantineNote } from './quarantine.js';
import { isReservedConnectionName, reservedNameError, reservedNameNotice, reservedNameProblem } from './reserved-name.js';
import { cogsyncPaths } from './paths.js';
import {
  DEFAULT_PREFERENCES,
  RECENT_LIMIT,
  defaultConfig,
  type ConfigData,
  type Preferences,
  type RecentPlace,
  type SavedConnection,
} from './schema.js';
import { stripSecretFields } from './secrets.js';

export const CONFIG_FILE_NAME = 'config.json';

/** Where config.json lives, without opening (or repairing) it. */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cogsyncPaths(env).config, CONFIG_FILE_NAME);
}

export interface ConfigStoreOptions {
  env?: NodeJS.ProcessEnv;
  /** Clock for recent places and moved-aside names; injected by tests. */
  now?: () => Date;
}

/** A place to remember, without its time (the store stamps it). */
export type PlaceInput = Omit<RecentPlace, 'at'>;

export class ConfigStore {
  readonly path: string;
  /** Things the user should be told (a file moved aside, fields removed); the UI/CLI shows them. */
  readonly notices: string[] = [];
  private conf: Conf<ConfigData>;
  private readonly now: () => Date;
  private readonly cwd: string;

  constructor(options: ConfigStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.cwd = cogsyncPaths(options.env ?? process.env).config;
    this.path = join(this.cwd, CONFIG_FILE_NAME);
    this.removeSecretsFromFile();
    this.conf = this.openConf();
    this.reportReservedName();
  }

  /** The whole config with defaults filled in. A file broken meanwhile is moved aside. */
  read(): ConfigData {
    let stored: Partial<ConfigData>;
    try {
      stored = this.conf.store;
    } catch (error) {
      this.recover(error);
      stored = {};
    }
    const base = defaultConfig();
    return {
      ...stored,
      connections: stored.connections ?? base.connections,
      recent: stored.recent ?? base.recent,
      preferences: { ...DEFAULT_PREFERENCES, ...stored.preferences },
      keymap: stored.keymap ?? base.keymap,
    };
  }

  /**
   * Saved connections; of two with one name (a hand edit) only the first counts, and one named `local` (reserved for
   * the embedded server: a hand edit or an older version) is left out, with a notice when the store opens.
   */
  connections(): SavedConnection[] {
    const seen = new Set<string>();
    return this.read().connections.filter((c) => !isReservedConnectionName(c.name) && !seen.has(c.name) && seen.add(c.name));
  }

  connection(name: string): SavedConnection | undefined {
    return this.connections().find((c) => c.name === name);
  }

  /**
   * Adds a connection, or with `replace` replaces the one of that name (renaming it keeps
   * its recent places). A name already taken by another connection is refused.
   */
  saveConnection(connection: SavedConnection, options: { replace?: string } = {}): void {
    const { clean, removed } = stripSecretFields(connection);
    if (removed.length > 0) throw new ConfigError(`refusing to save credentials (${removed.join(', ')}): use an AWS profile instead`);
    if (isReservedConnectionName(connection.name)) throw new ConfigError(reservedNameError());
    const data = this.read();
    const previousName = options.replace ?? connection.name;
    if (options.replace !== undefined && !data.connections.some((c) => c.name === options.replace)) {
      throw new ConfigError(`no connection named '${options.replace}'`);
    }
    const others = options.replace === undefined ? data.connections : data.connections.filter((c) => c.name !== previousName);
    if (others.some((c) => c.name === connection.name)) throw new ConfigError(`a connection named '${connection.name}' already exists`);
    const index = data.connections.findIndex((c) => c.name === previousName);
    const connections = [...data.connections];
    if (index >= 0) connections[index] = clean as SavedConnection;
    else connections.push(clean as SavedConnection);
    const recent = { ...data.recent };
    if (previousName !== connection.name && recent[previousName]) {
      recent[connection.name] = recent[previousName];
      delete recent[previousName];
    }
    this.write({ ...data, connections, recent });
  }

  removeConnection(name: string): boolean {
    const data = this.read();
    if (!data.connections.some((c) => c.name === name)) return false;
    const recent = { ...data.recent };
    delete recent[name];
    this.write({ ...data, connections: data.connections.filter((c) => c.name !== name), recent });
    return true;
  }

  /** Newest first; the first is where the editor resumes for this connection. */
  recentPlaces(connectionName: string): RecentPlace[] {
    return this.read().recent[connectionName] ?? [];
  }

  /** Moves a place to the front of the connection's list (a short MRU list). */
  rememberPlace(connectionName: string, place: PlaceInput): void {
    const data = this.read();
    const entry: RecentPlace = { ...dropUndefined(place), at: this.now().toISOString() };
    const same = (p: RecentPlace) =>
      p.identityPoolId === entry.identityPoolId && p.identityId === entry.identityId && p.datasetName === entry.datasetName;
    const list = [entry, ...(data.recent[connectionName] ?? []).filter((p) => !same(p))].slice(0, RECENT_LIMIT);
    this.write({ ...data, recent: { ...data.recent, [connectionName]: list } });
  }

  preferences(): Preferences {
    return this.read().preferences;
  }

  setPreference<K extends keyof Preferences>(key: K, value: Preferences[K]): void {
    const data = this.read();
    this.write({ ...data, preferences: { ...data.preferences, [key]: value } });
  }

  /** Colours on? NO_COLOR (any non-empty value) always wins over the preference. */
  colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
    if (typeof env.NO_COLOR === 'string' && env.NO_COLOR !== '') return false;
    return this.preferences().color;
  }

  /** The keymap with the user's overrides; bad overrides are skipped and reported with the file's path. */
  keymap(): { keymap: Keymap; errors: string[] } {
    const { keymap, errors } = applyOverrides(this.read().keymap);
    return { keymap, errors: errors.map((e) => `${this.path}: keymap: ${e.message}`) };
  }

  /** `config get`: a dotted path (`preferences.theme`, `connections.prod.region`, `keymap.app.quit`). */
  get(keyPath: string): unknown {
    return readKeyPath(this.read(), keyPath);
  }

  /** `config set`: validates the whole result; on any error nothing is written. `null` removes. */
  set(keyPath: string, value: unknown): void {
    const current = this.read();
    if (keyPath.split('.')[0] === 'keymap' && keyPath !== 'keymap') {
      const { errors } = applyOverrides(current.keymap);
      const whole = errors.find((e) => e.kind === 'notAnObject');
      if (whole) throw new ConfigError(`not saved: keymap: ${whole.message} (fix it with cogsync config edit, or set keymap as a whole)`);
    }
    const next = writeKeyPath(current, keyPath, value);
    const reserved = Array.isArray(next.connections) ? reservedNameProblem(current.connections, next.connections) : undefined;
    if (reserved) throw new ConfigError(reserved);
    if (keyPath.split('.')[0] === 'keymap') {
      // Only problems this change brings in: a bad override already in the file (skipped at start, with a message)
      // must not block removing another one with `null`, nor an unrelated good change.
      const before = new Set(applyOverrides(current.keymap).errors.map((p) => p.message));
      const problems = applyOverrides(next.keymap).errors.filter((p) => !before.has(p.message));
      // A clash's message tells what the editor does at start ("keeping the default"); here nothing changes at all.
      const said = problems.map((p) => (p.kind === 'clash' ? `${p.command}: '${p.key}' is already bound to ${p.other}` : p.message));
      if (problems.length > 0) throw new ConfigError(`not saved: ${said.join('; ')}`);
    }
    this.write(next);
  }

  /** `config set` from a command line: the value as typed, read by `valueFromText`. */
  setText(keyPath: string, text: string): void {
    this.set(keyPath, valueFromText(this.read(), keyPath, text));
  }

  /** Checks the file as it is on disk now (after a hand edit); moves nothing. */
  check(): ConfigCheck {
    return checkConfigFile(this.path);
  }

  private write(data: ConfigData): void {
    try {
      this.conf.store = data;
    } catch (error) {
      throw new ConfigError(schemaMessage(error));
    }
  }

  private openConf(): Conf<ConfigData> {
    try {
      return createConf(this.cwd);
    } catch (error) {
      this.recover(error);
      return createConf(this.cwd);
    }
  }

  /**
   * The file cannot be used: keep it next to the original name (owner-only, credentials
   * stripped), tell the user, go on with defaults.
   */
  private recover(error: unknown): void {
    if (!existsSync(this.path)) throw error;
    const why = error instanceof SyntaxError ? 'is not valid JSON' : `does not match the schema (${schemaMessage(error)})`;
    const moved = quarantineFile(this.path, this.now());
    this.notices.push(`${this.path} ${why}; it was moved to ${moved.movedTo} and defaults are used; ${quarantineNote(moved)}`);
  }

  /** A saved connection named `local` is ignored (see connections()); the user is told how to rename it. */
  private reportReservedName(): void {
    let stored: Partial<ConfigData>;
    try {
      stored = this.conf.store;
    } catch {
      return; // read() moves it aside and says so
    }
    if ((stored.connections ?? []).some((c) => isReservedConnectionName(c.name))) this.notices.push(reservedNameNotice(this.path));
  }

  /** A hand-added credential is removed from the file at once, with a notice (never its value). */
  private removeSecretsFromFile(): void {
    if (!existsSync(this.path)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      return; // openConf moves it aside
    }
    let stripped: ReturnType<typeof stripSecretFields>;
    try {
      stripped = stripSecretFields(parsed);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // Absurdly nested: credentials deeper than the walk reaches could stay in the file, and the
      // schema lets a keymap override be any JSON, so it is moved aside here.
      this.recover(error);
      return;
    }
    const { clean, removed } = stripped;
    if (removed.length === 0) return;
    writeFileAtomic(this.path, JSON.stringify(clean, undefined, '\t'));
    this.notices.push(`${this.path}: removed ${removed.join(', ')}: cogsync never stores credentials (use an AWS profile)`);
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Opens the config; read `store.notices` for anything the user must be told. */
export function openConfigStore(options: ConfigStoreOptions = {}): ConfigStore {
  return new ConfigStore(options);
}
