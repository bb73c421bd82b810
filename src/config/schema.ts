// The shape of config.json: a JSON Schema (conf validates every read and write against it)
// and the matching TypeScript types. No field holds a credential: connections name a
// profile, and the AWS credential chain supplies the keys at run time.

export const ACCENT_COLOURS = ['default', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan'] as const;
export type AccentColour = (typeof ACCENT_COLOURS)[number];

export interface SavedConnection {
  name: string;
  kind: 'local' | 'aws';
  profile?: string;
  region?: string;
  /** A local connection without one uses the embedded server. */
  endpointUrl?: string;
  /** Refuse writes. */
  readOnly?: boolean;
  /** Production: starts read-only, red accent, the dataset name typed to confirm a commit. */
  protected?: boolean;
  accent?: AccentColour;
  /**
   * Sent as UpdateRecords' DeviceId, so the server's LastModifiedBy and the journal show
   * who wrote. None by default (SERVICE.md §5.2); preferences.deviceId is the fallback.
   */
  deviceId?: string;
}

/** Where the user was; the first of a connection's list is where the editor resumes. */
export interface RecentPlace {
  identityPoolId: string;
  identityId?: string;
  datasetName?: string;
  /** ISO time of the visit. */
  at: string;
}

export interface Preferences {
  showTombstones: boolean;
  dateFormat: 'local' | 'iso';
  theme: 'light' | 'dark';
  /** Colours on; NO_COLOR in the environment always wins. */
  color: boolean;
  /** DeviceId of connections that name none; unset: no DeviceId is sent. */
  deviceId?: string;
}

export interface ConfigData {
  connections: SavedConnection[];
  /** Per connection name, newest first. */
  recent: Record<string, RecentPlace[]>;
  preferences: Preferences;
  /**
   * Command id → key or keys (`[]` unbinds). Any JSON by the schema: the keymap checks each
   * override when loaded, so a hand-edited value may be anything.
   */
  keymap: Record<string, unknown>;
  [key: string]: unknown;
}

export const RECENT_LIMIT = 8;

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  showTombstones: false,
  dateFormat: 'local',
  theme: 'dark',
  color: true,
});

export function defaultConfig(): ConfigData {
  return { connections: [], recent: {}, preferences: { ...DEFAULT_PREFERENCES }, keymap: {} };
}

const NAME = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f\\u007f]+$' } as const;
const ID = { type: 'string', minLength: 1, maxLength: 128 } as const;
/** UpdateRecords' DeviceId: 1-256 characters (the service model); no control characters, it is shown. */
const DEVICE_ID = { type: 'string', minLength: 1, maxLength: 256, pattern: '^[^\\u0000-\\u001f\\u007f]+$' } as const;

const CONNECTION = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'kind'],
  properties: {
    name: NAME,
    kind: { enum: ['local', 'aws'] },
    profile: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[^\\s]+$' },
    region: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$' },
    // No user name or password in the URL: it is shown and logged.
    endpointUrl: { type: 'string', pattern: '^https?://[^/@\\s]+(/[^\\s]*)?$' },
    readOnly: { type: 'boolean' },
    protected: { type: 'boolean' },
    accent: { enum: [...ACCENT_COLOURS] },
    deviceId: DEVICE_ID,
  },
} as const;

const PLACE = {
  type: 'object',
  additionalProperties: false,
  required: ['identityPoolId', 'at'],
  properties: { identityPoolId: ID, identityId: ID, datasetName: ID, at: { type: 'string', minLength: 1 } },
} as const;

/** conf's `schema` option: one JSON Schema per top-level key. */
export const CONFIG_SCHEMA = {
  connections: { type: 'array', items: CONNECTION, default: [] },
  recent: {
    type: 'object',
    additionalProperties: { type: 'array', maxItems: RECENT_LIMIT, items: PLACE },
    default: {},
  },
  preferences: {
    type: 'object',
    additionalProperties: false,
    properties: {
      showTombstones: { type: 'boolean' },
      dateFormat: { enum: ['local', 'iso'] },
      theme: { enum: ['light', 'dark'] },
      color: { type: 'boolean' },
      deviceId: DEVICE_ID,
    },
    default: {},
  },
  // Any value passes here, even a keymap that is not an object: the keymap checks it when loaded
  // and skips what is bad with a message (applyOverrides), where a schema error would move the
  // whole file, saved connections included, aside.
  keymap: { default: {} },
} as const;

/** Top-level keys; anything else in the file is a mistake worth reporting. */
export const CONFIG_SECTIONS = Object.keys(CONFIG_SCHEMA) as Array<keyof typeof CONFIG_SCHEMA>;

/**
 * The whole file's schema, as conf built it from CONFIG_SCHEMA (its `rootSchema` merged with
 * `{type: 'object', properties: schema}`): no other top-level key. Compiled ahead of time
 * into config-validator.generated.ts (scripts/config-validator.ts).
 */
export const CONFIG_ROOT_SCHEMA = { type: 'object', additionalProperties: false, properties: CONFIG_SCHEMA } as const;
