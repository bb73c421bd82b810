// Reads the AWS CLI's shared files (~/.aws/config and ~/.aws/credentials, or the files
// named by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE) for the profile names of the
// connections screen and a profile's settings (region, output format). Credentials
// themselves are left to the SDK's provider chain; this module never returns a secret.
//
// A minimal parser of our own rather than @smithy's loader: that one is a transitive
// dependency whose import path has moved between versions, and caches files by path.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CogsyncError } from './errors.js';

export type IniSections = Map<string, Map<string, string>>;

export interface SharedConfigPaths {
  configFile: string;
  credentialsFile: string;
}

export function sharedConfigPaths(env: NodeJS.ProcessEnv = process.env): SharedConfigPaths {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    configFile: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

/**
 * The profile the environment names: AWS_DEFAULT_PROFILE, then AWS_PROFILE, in the order
 * the AWS CLI (botocore) reads them. The JS SDK reads only AWS_PROFILE, so the name found
 * here is passed to it explicitly.
 */
export function environmentProfile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.AWS_DEFAULT_PROFILE?.trim() || env.AWS_PROFILE?.trim() || undefined;
}

/**
 * Parses INI text the way the AWS CLI reads it: `[section]`, `key = value`, comments
 * starting with `#` or `;`, indented lines continue a nested block (skipped here).
 */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  let nestedUnder: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(trimmed);
    if (header) {
      const name = header[1].replace(/\s+/g, ' ');
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      nestedUnder = undefined;
      continue;
    }
    if (!current) continue;
    const indented = /^\s/.test(rawLine);
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    if (indented && nestedUnder !== undefined) {
      // e.g. `s3 =\n  max_concurrent_requests = 2`, kept as `s3.max_concurrent_requests` (a services section's endpoints).
      const value = trimmed.slice(eq + 1).trim();
      if (value !== '') current.set(`${nestedUnder}.${trimmed.slice(0, eq).trim().toLowerCase()}`, value);
      continue;
    }
    const key = trimmed.slice(0, eq).trim().toLowerCase();
    const value = trimmed.slice(eq + 1).trim();
    nestedUnder = value === '' ? key : undefined;
    if (value !== '') current.set(key, value);
  }
  return sections;
}

function readIni(path: string): IniSections {
  try {
    return parseIni(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return new Map();
    throw error;
  }
}

/** Profile name of a config-file section: `default`, `profile x` → `x`; others (sso-session, services) are not profiles. */
function configSectionProfile(section: string): string | undefined {
  if (section === 'default') return 'default';
  const m = /^profile\s+(.+)$/.exec(section);
  return m ? m[1] : undefined;
}

export interface ProfileSummary {
  name: string;
  region?: string;
  /** Declared in the credentials file (static keys). */
  inCredentialsFile: boolean;
  /** Uses IAM Identity Center (SSO), so it may need `aws sso login`. */
  sso: boolean;
  /** Assumes a role from another profile or a credential_process. */
  assumesRole: boolean;
}

/** Every profile in the shared files, sorted with `default` first. Never reads a secret into the result. */
export function listProfiles(env: NodeJS.ProcessEnv = process.env): ProfileSummary[] {
  const paths = sharedConfigPaths(env);
  const config = readIni(paths.configFile);
  const credentials = readIni(paths.credentialsFile);
  const byName = new Map<string, ProfileSummary>();
  const entry = (name: string): ProfileSummary => {
    let found = byName.get(name);
    if (!found) {
      found = { name, inCredentialsFile: false, sso: false, assumesRole: false };
      byName.set(name, found);
    }
    return found;
  };
  for (const [section, values] of config) {
    const name = configSectionProfile(section);
    if (!name) continue;
    const p = entry(name);
    p.region = values.get('region') ?? p.region;
    p.sso ||= values.has('sso_session') || values.has('sso_start_url');
    p.assumesRole ||= values.has('role_arn') || values.has('credential_process');
  }
  for (const [section, values] of credentials) {
    const p = entry(section);
    p.inCredentialsFile = true;
    p.region ??= values.get('region');
  }
  return [...byName.values()].sort((a, b) =>
    a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name),
  );
}

/** The region a profile's config names (config file first, then credentials file), if any. */
export function profileRegion(profile: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return profileConfigValue(profile, 'region', env) ?? readIni(sharedConfigPaths(env).credentialsFile).get(profile)?.get('region');
}

/** A setting in the profile's section of the config file (`output`, `region`), if set. */
export function profileConfigValue(profile: string, key: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const section = profile === 'default' ? 'default' : `profile ${profile}`;
  return readIni(sharedConfigPaths(env).configFile).get(section)?.get(key);
}

/**
 * The endpoint the config file sets for a service (`cognito_sync`), as botocore finds it: the `endpoint_url` of that
 * service in the profile's `services` section, else the profile's own `endpoint_url`. The environment comes first
 * (resolveConnection); all of it is ignored when `ignore_configured_endpoint_urls` is true.
 */
export function configuredServiceEndpoint(profile: string, service: string, env: NodeJS.ProcessEnv = process.env): { service?: string; global?: string } {
  const config = readIni(sharedConfigPaths(env).configFile);
  const values = config.get(profile === 'default' ? 'default' : `profile ${profile}`);
  const servicesName = values?.get('services');
  if (servicesName !== undefined && !config.has(`services ${servicesName}`)) {
    // botocore's InvalidConfigError, word for word; raised only when the endpoint is looked up in the config file.
    throw new CogsyncError({
      code: 'InvalidConfig',
      message: `The profile is configured to use the services section but the "${servicesName}" services configuration does not exist.`,
      retryable: false,
      hint: `add a [services ${servicesName}] section to ${sharedConfigPaths(env).configFile}, or remove services = ${servicesName} from the profile`,
    });
  }
  return {
    service: servicesName === undefined ? undefined : config.get(`services ${servicesName}`)?.get(`${service}.endpoint_url`),
    global: values?.get('endpoint_url'),
  };
}

/** Whether the shared files declare this profile at all (for a clear "unknown profile" error). */
export function profileExists(profile: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return listProfiles(env).some((p) => p.name === profile);
}
