// Dotted key paths for `cogsync config get|set`: `preferences.theme`, `keymap.app.quit`
// (the command id keeps its dot), `connections.prod` / `connections.prod.region` (by name),
// `recent.prod`. Pure: returns new data, never changes the input.
import { ConfigError } from './config-error.js';
import { CONFIG_SCHEMA, CONFIG_SECTIONS, type ConfigData, type SavedConnection } from './schema.js';
import { secretSegment, stripSecretFields } from './secrets.js';

type Section = (typeof CONFIG_SECTIONS)[number];

interface Parsed {
  section: Section;
  /** Connection name, command id, recent's connection name, or preference name. */
  name?: string;
  /** A connection's field. */
  field?: string;
}

function parse(data: ConfigData, keyPath: string): Parsed {
  const secret = secretSegment(keyPath);
  if (secret) throw new ConfigError(`'${keyPath}': cogsync never stores credentials (${secret}); use an AWS profile`);
  const dot = keyPath.indexOf('.');
  const head = dot < 0 ? keyPath : keyPath.slice(0, dot);
  const rest = dot < 0 ? undefined : keyPath.slice(dot + 1);
  if (!(CONFIG_SECTIONS as readonly string[]).includes(head)) {
    throw new ConfigError(`unknown key '${keyPath}': the config has ${CONFIG_SECTIONS.join(', ')}`);
  }
  const section = head as Section;
  if (rest === undefined) return { section };
  if (rest === '') throw new ConfigError(`'${keyPath}' ends with a dot`);
  if (section !== 'connections') {
    if (section === 'preferences' && rest.includes('.')) throw new ConfigError(`unknown key '${keyPath}'`);
    return { section, name: rest };
  }
  // Connection names may hold dots: the longest saved name that fits wins.
  const names = data.connections.map((c) => c.name).sort((a, b) => b.length - a.length);
  const match = names.find((n) => rest === n || rest.startsWith(`${n}.`));
  if (match === undefined) {
    const lastDot = rest.lastIndexOf('.');
    // `connections.new.region` on a missing connection: the name is everything but the field.
    return lastDot < 0 ? { section, name: rest } : { section, name: rest.slice(0, lastDot), field: rest.slice(lastDot + 1) };
  }
  return rest === match ? { section, name: match } : { section, name: match, field: rest.slice(match.length + 1) };
}

export function readKeyPath(data: ConfigData, keyPath: string): unknown {
  const { section, name, field } = parse(data, keyPath);
  const value = data[section] as unknown;
  if (name === undefined) return value;
  if (section === 'connections') {
    const connection = data.connections.find((c) => c.name === name);
    // A missing connection is unset like any other missing key (`config get` exits 1).
    if (!connection) return undefined;
    return field === undefined ? connection : (connection as unknown as Record<string, unknown>)[field];
  }
  return (value as Record<string, unknown>)[name];
}

/**
 * `config set`'s VALUE as typed: JSON when it parses, else text. A bare number or boolean for
 * a key that holds text (`preferences.deviceId 12345`, `keymap.app.quit 1`) is kept as typed:
 * the shell has already eaten the quotes JSON would need, and the number could never be stored.
 */
export function valueFromText(data: ConfigData, keyPath: string, text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  const scalar = typeof value === 'number' || typeof value === 'boolean';
  return scalar && holdsText(data, keyPath) ? text : value;
}

/** Is the value at this path a string by the schema? Keymap overrides are keys, so text too. */
function holdsText(data: ConfigData, keyPath: string): boolean {
  const { section, name, field } = parse(data, keyPath);
  if (name === undefined) return false;
  if (section === 'keymap') return true;
  let node: { type?: string } | undefined;
  if (section === 'preferences') node = (CONFIG_SCHEMA.preferences.properties as Record<string, { type?: string }>)[name];
  else if (section === 'connections' && field !== undefined) {
    node = (CONFIG_SCHEMA.connections.items.properties as Record<string, { type?: string }>)[field];
  }
  return node?.type === 'string';
}

/**
 * The config with one value replaced; `null` removes it (a preference goes back to its
 * default). Schema checks happen when the result is written.
 */
export function writeKeyPath(data: ConfigData, keyPath: string, value: unknown): ConfigData {
  const { removed } = stripSecretFields(value);
  if (removed.length > 0) throw new ConfigError(`refusing to store credentials (${removed.join(', ')}): use an AWS profile`);
  const { section, name, field } = parse(data, keyPath);
  if (name === undefined) {
    if (value === null) return { ...data, [section]: emptySection(section) };
    return { ...data, [section]: value };
  }
  if (section === 'connections') {
    const connections = writeConnection(data.connections, name, field, value);
    return { ...data, connections, recent: recentAfter(data, name, connections) };
  }
  const current = { ...(data[section] as Record<string, unknown>) };
  if (value === null) delete current[name];
  else current[name] = value;
  return { ...data, [section]: current };
}

function writeConnection(list: SavedConnection[], name: string, field: string | undefined, value: unknown): SavedConnection[] {
  // `connections.eu.prod '{"kind":"aws"}'` with no connection `eu`: a connection's fields are never objects, so this
  // creates the connection `eu.prod` (names may hold dots) rather than a field `prod` of a missing `eu`.
  if (field !== undefined && !list.some((c) => c.name === name) && isPlainObject(value)) {
    return writeConnection(list, `${name}.${field}`, undefined, value);
  }
  const index = list.findIndex((c) => c.name === name);
  const next = [...list];
  if (field === undefined) {
    if (value === null) return list.filter((c) => c.name !== name);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ConfigError(`connections.${name} must be an object such as {"kind":"aws","profile":"prod"}`);
    }
    const connection = { ...(value as object), name } as SavedConnection;
    if (index >= 0) next[index] = connection;
    else next.push(connection);
    return next;
  }
  if (index < 0) throw new ConfigError(`no connection named '${name}' (create it with: cogsync config set connections.${name} '{"kind":"aws"}')`);
  if (field === 'name') {
    if (typeof value !== 'string') throw new ConfigError('a connection name must be a string');
    if (list.some((c) => c.name === value && c.name !== name)) throw new ConfigError(`a connection named '${value}' already exists`);
  }
  const updated: Record<string, unknown> = { ...next[index] };
  if (value === null) delete updated[field];
  else updated[field] = value;
  next[index] = updated as unknown as SavedConnection;
  return next;
}

/**
 * The recent places once connection `name` was written, as the connections screen keeps them (store.ts): a rename
 * takes them along, a removal drops them (a later connection of that name must not resume at the old one's place).
 */
function recentAfter(data: ConfigData, name: string, connections: readonly SavedConnection[]): ConfigData['recent'] {
  const places = data.recent?.[name];
  if (places === undefined || connections.some((c) => c.name === name)) return data.recent;
  const recent = { ...data.recent };
  delete recent[name];
  const before = data.connections.findIndex((c) => c.name === name);
  const renamed = before >= 0 ? connections[before]?.name : undefined;
  // Renamed in place: same position, another name that had no places of its own.
  if (renamed !== undefined && connections.length === data.connections.length && recent[renamed] === undefined) recent[renamed] = places;
  return recent;
}

function isPlainObject(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function emptySection(section: Section): unknown {
  return section === 'connections' ? [] : {};
}
