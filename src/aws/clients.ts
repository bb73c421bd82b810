// Builds the SDK clients for a connection (the local server or an AWS account), one pair
// per (profile, region, endpoint, attempts) and cached, so switching connections never
// reuses another key's credentials. Every client gets the request-log middleware.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { readFileSync } from 'node:fs';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { fromEnv, fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { derivedConnectionName, profileConnectionName } from '../config/reserved-name.js';
import { CogsyncError, noRegionError } from './errors.js';
import { rememberSecret } from './redact.js';
import { attachRequestLog, requestLog as defaultRequestLog, type RequestLog } from './request-log.js';
import { configuredServiceEndpoint, environmentProfile, profileConfigValue, profileExists, profileRegion, sharedConfigPaths } from './shared-config.js';

export interface Connection {
  /** What the user calls it (shown on the connections screen). */
  name: string;
  /** `local`: the embedded or a standalone cogsync server; `aws`: a real account. */
  kind: 'local' | 'aws';
  profile?: string;
  region?: string;
  endpointUrl?: string;
}

/** A connection with everything filled in from flags, environment and the shared config files. */
export interface ResolvedConnection {
  name: string;
  kind: 'local' | 'aws';
  /** Named profile, or undefined for the SDK's default chain (env keys, then `default`). */
  profile?: string;
  /** True when the profile came from AWS_DEFAULT_PROFILE / AWS_PROFILE, not from the connection or --profile. */
  profileFromEnvironment?: boolean;
  region: string;
  /** Explicit endpoints; undefined means the regional AWS endpoint. */
  syncEndpoint?: string;
  identityEndpoint?: string;
}

export interface ClientOptions {
  /** SDK attempts per call; commits use 1 so a batch is sent once. Default: the SDK's (3). */
  maxAttempts?: number;
  /** Abort a call whose response has not arrived in this time (0: never). Default 30 000 ms. */
  requestTimeoutMs?: number;
  /** Give up connecting after this time (0: never). Default 5 000 ms. */
  connectTimeoutMs?: number;
  /** PEM file of the certificates HTTPS is checked against (`--ca-bundle`); else AWS_CA_BUNDLE, then the profile's `ca_bundle`. */
  caBundle?: string;
  /** False: HTTPS certificates are not checked (`--no-verify-ssl`). */
  verifySsl?: boolean;
}

export interface AwsClients {
  sync: CognitoSyncClient;
  identity: CognitoIdentityClient;
  connection: ResolvedConnection;
  /** The cache key these clients were built for. */
  key: string;
}

/**
 * Dummy keys for the local server: it accepts any signature, and static keys keep the
 * SDK from searching for real credentials (so no AWS account is ever needed).
 */
export const LOCAL_CREDENTIALS = Object.freeze({ accessKeyId: 'COGSYNCLOCAL', secretAccessKey: 'cogsync-local-not-a-secret' });
export const LOCAL_DEFAULT_REGION = 'us-east-1';
const CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Fills in profile, region and endpoints. Precedence, as in the AWS CLI: the connection's
 * own values (which carry --profile / --region / --endpoint-url), then AWS_DEFAULT_PROFILE / AWS_PROFILE,
 * AWS_REGION, AWS_DEFAULT_REGION, then the profile's `region` in the config file; the endpoint as configuredEndpoint
 * finds it (environment, then the config file).
 */
export function resolveConnection(connection: Connection, env: NodeJS.ProcessEnv = process.env): ResolvedConnection {
  if (connection.kind === 'local') {
    if (!connection.endpointUrl) {
      throw new CogsyncError({ code: 'InvalidEndpoint', message: `local connection '${connection.name}' has no endpoint URL`, retryable: false });
    }
    const endpoint = checkEndpoint(connection.endpointUrl);
    const region = connection.region ? checkRegion(connection.region) : LOCAL_DEFAULT_REGION;
    return { name: connection.name, kind: 'local', region, syncEndpoint: endpoint, identityEndpoint: endpoint };
  }
  const profile = nonEmpty(connection.profile) ?? environmentProfile(env);
  // `default` may legitimately live nowhere (env keys, SSO-less containers); a named one must exist.
  if (profile !== undefined && profile !== 'default' && !profileExists(profile, env)) {
    const paths = sharedConfigPaths(env);
    throw new CogsyncError({
      code: 'ProfileNotFound',
      message: `profile '${profile}' is not in ${paths.configFile} or ${paths.credentialsFile}`,
      retryable: false,
      hint: 'check the spelling, AWS_PROFILE / AWS_DEFAULT_PROFILE, AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, or run: aws configure --profile ' + profile,
    });
  }
  // botocore's chain stops at the first place that is set, even empty: `--region ''`, else AWS_DEFAULT_REGION set
  // but empty (the config file's region is not read). Then there is no region, which is enough with an endpoint
  // (aws signs for region '').
  const blankFlag = connection.region !== undefined && nonEmpty(connection.region) === undefined;
  const blankVariable = nonEmpty(env.AWS_DEFAULT_REGION) === undefined && env.AWS_DEFAULT_REGION !== undefined;
  let region = blankFlag
    ? ''
    : (nonEmpty(connection.region) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? (blankVariable ? '' : profileRegion(profile ?? 'default', env)));
  if (region === undefined) throw noRegionError(profile);
  const explicit = nonEmpty(connection.endpointUrl);
  const syncEndpoint = explicit ?? configuredEndpoint(profile ?? 'default', 'cognito_sync', env);
  const identityEndpoint = explicit ?? configuredEndpoint(profile ?? 'default', 'cognito_identity', env);
  if (region === '') {
    const missing = syncEndpoint === undefined ? 'cognito-sync' : identityEndpoint === undefined ? 'cognito-identity' : undefined;
    if (missing !== undefined) {
      throw new CogsyncError({
        code: 'InvalidEndpoint',
        message: `Invalid endpoint: https://${missing}..amazonaws.com`,
        retryable: false,
        hint: blankFlag
          ? '--region is empty: give a region such as us-east-1, leave --region out, or give --endpoint-url'
          : 'AWS_DEFAULT_REGION is set but empty: set it to a region or unset it, pass --region, or give --endpoint-url',
      });
    }
    // The SDK needs a region to sign with even when it is given the endpoint; this one stands in for aws's ''.
    region = LOCAL_DEFAULT_REGION;
  }
  return {
    name: connection.name,
    kind: 'aws',
    profile,
    ...(profile !== undefined && nonEmpty(connection.profile) === undefined ? { profileFromEnvironment: true } : {}),
    region: checkRegion(region),
    syncEndpoint: syncEndpoint === undefined ? undefined : checkEndpoint(syncEndpoint),
    identityEndpoint: identityEndpoint === undefined ? undefined : checkEndpoint(identityEndpoint),
  };
}

/**
 * botocore's configured endpoint: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's services section, the
 * profile's endpoint_url; none of them when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (else the profile's
 * ignore_configured_endpoint_urls) is true.
 */
function configuredEndpoint(profile: string, service: 'cognito_sync' | 'cognito_identity', env: NodeJS.ProcessEnv): string | undefined {
  const ignore = nonEmpty(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) ?? profileConfigValue(profile, 'ignore_configured_endpoint_urls', env);
  if (ignore?.toLowerCase() === 'true') return undefined;
  const fromEnv = nonEmpty(env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`]) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  if (fromEnv !== undefined) return fromEnv;
  const configured = configuredServiceEndpoint(profile, service, env);
  return nonEmpty(configured.service) ?? nonEmpty(configured.global);
}

/** `profile|region|endpoint|attempts`: two connections share clients only if all of these match. */
export function clientCacheKey(resolved: ResolvedConnection, options: ClientOptions = {}): string {
  // Local and AWS never share: the local connection uses dummy keys, not the profile's.
  // A profile the environment names may lose to the environment's keys; one given on purpose never does.
  const profile = resolved.kind === 'local' ? '(local)' : `${resolved.profile ?? '(default chain)'}${resolved.profileFromEnvironment ? ' (from the environment)' : ''}`;
  const endpoint =
    resolved.syncEndpoint === resolved.identityEndpoint
      ? resolved.syncEndpoint ?? '(aws)'
      : `${resolved.syncEndpoint ?? '(aws)'},${resolved.identityEndpoint ?? '(aws)'}`;
  const tls = `${options.caBundle ?? 'default CAs'}${options.verifySsl === false ? ' unverified' : ''}`;
  return [profile, resolved.region, endpoint, options.maxAttempts ?? 'default', options.requestTimeoutMs ?? 'default', options.connectTimeoutMs ?? 'default', tls].join('|');
}

export interface ClientFactoryOptions {
  /** Where calls are recorded; the process-wide log by default. */
  log?: RequestLog;
  /** Environment to resolve against (tests pass their own); process.env by default. */
  env?: NodeJS.ProcessEnv;
}

export class ClientFactory {
  private readonly cache = new Map<string, AwsClients>();
  private readonly log: RequestLog;
  private readonly env: NodeJS.ProcessEnv | undefined;

  constructor(options: ClientFactoryOptions = {}) {
    this.log = options.log ?? defaultRequestLog;
    this.env = options.env;
  }

  /** The clients for this connection, built on first use. Throws CogsyncError on a bad connection. */
  get(connection: Connection, options: ClientOptions = {}): AwsClients {
    checkOptions(options);
    const env = this.env ?? process.env;
    const resolved = resolveConnection(connection, env);
    options = { ...options, ...withCaBundle(resolved, options, env) };
    const key = clientCacheKey(resolved, options);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const built = buildClients(resolved, options, key, this.log);
    this.cache.set(key, built);
    return built;
  }

  get size(): number {
    return this.cache.size;
  }

  /** Closes every client's sockets and forgets them (credentials included). */
  destroy(): void {
    for (const clients of this.cache.values()) {
      clients.sync.destroy();
      clients.identity.destroy();
    }
    this.cache.clear();
  }
}

function buildClients(resolved: ResolvedConnection, options: ClientOptions, key: string, log: RequestLog): AwsClients {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const credentials = resolved.kind === 'local' ? { ...LOCAL_CREDENTIALS } : chainCredentials(resolved.profile, resolved.profileFromEnvironment === true);
  const common = {
    region: resolved.region,
    credentials,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    // Without throwOnRequestTimeout this SDK only logs a warning (on the terminal, over the
    // editor) and keeps waiting: a server that never answers would hang every call.
    requestHandler: {
      connectionTimeout: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // The request timeout ends when the answer's headers arrive; a body that then stops coming would wait forever.
      socketTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      ...httpsAgentOptions(options),
    },
  };
  const sync = new CognitoSyncClient({ ...common, ...(resolved.syncEndpoint ? { endpoint: resolved.syncEndpoint } : {}) });
  const identity = new CognitoIdentityClient({ ...common, ...(resolved.identityEndpoint ? { endpoint: resolved.identityEndpoint } : {}) });
  attachRequestLog(sync, log, { service: 'cognito-sync', connection: resolved.name, endpoint: resolved.syncEndpoint });
  attachRequestLog(identity, log, { service: 'cognito-identity', connection: resolved.name, endpoint: resolved.identityEndpoint });
  return { sync, identity, connection: resolved, key };
}

/**
 * The CA bundle as the AWS CLI finds it: `--ca-bundle`, AWS_CA_BUNDLE, the profile's `ca_bundle` (the JS SDK reads
 * none of them). Only looked for when a call may use HTTPS: the local server's plain HTTP never does.
 */
function withCaBundle(resolved: ResolvedConnection, options: ClientOptions, env: NodeJS.ProcessEnv): Pick<ClientOptions, 'caBundle'> {
  const plainHttp = [resolved.syncEndpoint, resolved.identityEndpoint].every((e) => e !== undefined && e.startsWith('http:'));
  if (options.caBundle !== undefined || plainHttp) return {};
  const found = nonEmpty(env.AWS_CA_BUNDLE) ?? (resolved.kind === 'aws' ? nonEmpty(profileConfigValue(resolved.profile ?? 'default', 'ca_bundle', env)) : undefined);
  return found === undefined ? {} : { caBundle: found };
}

/** The HTTPS agent's certificate settings; a CA bundle that cannot be read is refused before any call. */
function httpsAgentOptions(options: ClientOptions): { httpsAgent?: { ca?: Buffer; rejectUnauthorized?: boolean } } {
  if (options.caBundle === undefined && options.verifySsl !== false) return {};
  let ca: Buffer | undefined;
  if (options.caBundle !== undefined) {
    try {
      ca = readFileSync(options.caBundle);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new CogsyncError({ code: 'InvalidCaBundle', message: `cannot read the CA bundle ${options.caBundle} (${reason})`, retryable: false, hint: 'check --ca-bundle, AWS_CA_BUNDLE or the profile\'s ca_bundle' });
    }
  }
  return { httpsAgent: { ...(ca ? { ca } : {}), ...(options.verifySsl === false ? { rejectUnauthorized: false } : {}) } };
}

/** The SDK's own messages (its "multiple credential sources" warning) must not reach the terminal under the editor. */
const QUIET_LOGGER = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * The SDK's standard chain (env, shared files, SSO, credential_process, container/IMDS),
 * for one profile. The secret parts are remembered only so the log can redact them.
 */
function chainCredentials(profile: string | undefined, profileFromEnvironment: boolean) {
  // As botocore orders them: keys in the environment come before a profile the environment names; only a profile
  // given on purpose (--profile, a saved connection) passes them over. The JS SDK would use the profile either way,
  // and print a warning over the editor's screen about it.
  const envKeys = nonEmpty(process.env.AWS_ACCESS_KEY_ID) !== undefined && nonEmpty(process.env.AWS_SECRET_ACCESS_KEY) !== undefined;
  const chain = profileFromEnvironment && envKeys ? fromEnv() : fromNodeProviderChain({ ...(profile === undefined ? {} : { profile }), logger: QUIET_LOGGER });
  return async (props?: Parameters<typeof chain>[0]) => {
    let credentials: Awaited<ReturnType<typeof chain>>;
    try {
      credentials = await chain(props);
    } catch (error) {
      throw profile === undefined ? error : await profileFailure(profile, error);
    }
    rememberSecret(credentials.secretAccessKey);
    rememberSecret(credentials.sessionToken);
    return credentials;
  };
}

/**
 * The chain ends with "Could not load credentials from any providers", dropping why the
 * profile failed (e.g. "credential_process returned expired credentials"). A named
 * profile's credentials come from the shared files: ask them alone for the reason.
 */
async function profileFailure(profile: string, chainError: unknown): Promise<unknown> {
  if (!/could not load credentials from any providers/i.test(String((chainError as Error)?.message))) return chainError;
  try {
    await fromIni({ profile })();
  } catch (reason) {
    return reason;
  }
  return chainError;
}

/**
 * A connection built from CLI flags (`--profile`, `--region`, `--endpoint-url`).
 * An endpoint on this machine (a `cogsync serve`) with no profile and no keys in the
 * environment is treated as the local server: dummy credentials and us-east-1 by default,
 * so no AWS account is needed. Give a profile or env keys to sign with real ones
 * (e.g. against `cogsync serve --auth sigv4`). It is never named `local`, the embedded server's reserved name
 * (reserved-name.ts): a profile or an endpoint host called so gives `profile:local` or `endpoint:local`.
 */
export function connectionFromFlags(
  flags: { profile?: string; region?: string; endpointUrl?: string },
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  const profile = nonEmpty(flags.profile);
  const endpointUrl = nonEmpty(flags.endpointUrl);
  const profileName = profile ?? environmentProfile(env);
  const name = profileName !== undefined
    ? profileConnectionName(profileName)
    : endpointUrl ? derivedConnectionName('endpoint', safeHost(endpointUrl)) : 'default';
  // `--region ''` hides the variables here too: the local server then signs for its default region.
  const region = flags.region !== undefined ? nonEmpty(flags.region) : (nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION));
  const noCredentialsGiven = !profile && !environmentProfile(env) && !nonEmpty(env.AWS_ACCESS_KEY_ID);
  if (endpointUrl && isLoopbackUrl(endpointUrl) && noCredentialsGiven) {
    return { name, kind: 'local', region, endpointUrl };
  }
  // `--region ''` stays empty: as for aws, it hides every other region (resolveConnection).
  return { name, kind: 'aws', profile, region: flags.region, endpointUrl };
}

/** True for http(s) URLs on 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackUrl(value: string): boolean {
  let host: string;
  try {
    host = new URL(value).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function checkOptions(options: ClientOptions): void {
  if (options.maxAttempts !== undefined && (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1)) {
    throw new CogsyncError({ code: 'InvalidOption', message: `maxAttempts must be a whole number ≥ 1, got ${options.maxAttempts}`, retryable: false });
  }
  for (const name of ['requestTimeoutMs', 'connectTimeoutMs'] as const) {
    const value = options[name];
    if (value !== undefined && !(value >= 0)) {
      throw new CogsyncError({ code: 'InvalidOption', message: `${name} must be 0 (none) or positive, got ${value}`, retryable: false });
    }
  }
}

function checkEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CogsyncError({ code: 'InvalidEndpoint', message: `endpoint URL '${value}' is not a URL`, retryable: false, hint: 'use a full URL such as http://127.0.0.1:4567' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CogsyncError({ code: 'InvalidEndpoint', message: `endpoint URL '${value}' must start with http:// or https://`, retryable: false });
  }
  if (url.username || url.password) {
    // Never keep credentials in a URL: it is logged and shown.
    throw new CogsyncError({ code: 'InvalidEndpoint', message: 'endpoint URL must not contain a user name or password', retryable: false });
  }
  return value.replace(/\/+$/, '');
}

function checkRegion(value: string): string {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(value)) {
    throw new CogsyncError({ code: 'InvalidRegion', message: `'${value}' is not a region name`, retryable: false, hint: 'regions look like us-east-1 or eu-west-2' });
  }
  return value;
}

function safeHost(value: string): string {
  try {
    return new URL(value).host || value;
  } catch {
    return value;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
