// One error type for everything that can go wrong talking to AWS or the local server,
// with what a person needs to act: the AWS code, the operation, the request id and, for
// the usual trouble (SSO expiry, no region, unreachable endpoint…), a hint.
import { redactText } from './redact.js';

export interface CogsyncErrorFields {
  /** AWS error code (`ResourceConflictException`) or one of ours (`NoRegion`, `EndpointUnreachable`…). */
  code: string;
  message: string;
  /** The API operation, without `Command` (`ListRecords`). */
  operation?: string;
  httpStatus?: number;
  requestId?: string;
  /** Whether trying the same call again later may succeed. */
  retryable: boolean;
  /** What to do about it, when we know. */
  hint?: string;
}

export class CogsyncError extends Error implements CogsyncErrorFields {
  readonly code: string;
  readonly operation?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly hint?: string;

  constructor(fields: CogsyncErrorFields, options?: { cause?: unknown }) {
    super(fields.message, options);
    this.name = 'CogsyncError';
    this.code = fields.code;
    this.operation = fields.operation;
    this.httpStatus = fields.httpStatus;
    this.requestId = fields.requestId;
    this.retryable = fields.retryable;
    this.hint = fields.hint;
  }

  toJSON(): CogsyncErrorFields {
    const { code, message, operation, httpStatus, requestId, retryable, hint } = this;
    return { code, message, operation, httpStatus, requestId, retryable, hint };
  }
}

/** What the caller knows that the raw error may not carry. */
export interface ErrorContext {
  operation?: string;
  /** The endpoint that was called, to name it when it cannot be reached. */
  endpoint?: string;
  /** The profile in use, for `aws sso login --profile X`. */
  profile?: string;
  region?: string;
}

/** Set on SDK errors by the request-log middleware, so errors know their operation. */
export const OPERATION_KEY = Symbol.for('cogsync.operation');
export const ENDPOINT_KEY = Symbol.for('cogsync.endpoint');

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);

/** Node's codes for an HTTPS certificate it does not trust. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const THROTTLING_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'LambdaThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
]);

const ACCESS_CODES = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'NotAuthorizedException',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);

/**
 * NotAuthorizedException texts that mean the signature or key was refused (AWS's wording,
 * also `cogsync serve --auth sigv4`'s), not that an IAM policy lacks a permission.
 */
const SIGNATURE_REFUSAL = /request signature we calculated|security token included in the request is invalid|missing authentication token|signature expired|signature not yet current|x-amz-content-sha256|credential should be scoped/i;

const EXPIRED_TOKEN_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);

type Loose = Record<string | symbol, unknown> & {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
  $fault?: unknown;
  $retryable?: unknown;
  $response?: { statusCode?: number };
};

/** Maps anything thrown by the SDK, the network or the credential chain to a CogsyncError. */
export function toCogsyncError(error: unknown, context: ErrorContext = {}): CogsyncError {
  if (error instanceof CogsyncError) {
    if (error.operation || !context.operation) return error;
    return new CogsyncError({ ...error.toJSON(), operation: context.operation }, { cause: error.cause });
  }
  const e: Loose = typeof error === 'object' && error !== null ? (error as Loose) : { message: String(error) };
  const operation = context.operation ?? stringOrUndefined(e[OPERATION_KEY]);
  const endpoint = context.endpoint ?? stringOrUndefined(e[ENDPOINT_KEY]);
  const rawMessage = stringOrUndefined(e.message) ?? String(error);
  const message = redactText(rawMessage.trim() || 'unknown error');
  const httpStatus = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const requestId = e.$metadata?.requestId || undefined;
  const profileFlag = context.profile ? ` --profile ${context.profile}` : '';

  const certificateCode = findCode(e, CERTIFICATE_CODES);
  if (certificateCode) {
    return new CogsyncError(
      {
        code: 'CertificateRefused',
        message: `the HTTPS certificate of ${endpoint ?? 'the endpoint'} is ${certificateCode === 'ERR_TLS_CERT_ALTNAME_INVALID' ? 'for another host name' : 'not trusted'}: ${message} (${certificateCode})`,
        operation,
        retryable: false,
        // Behind a company's TLS-inspecting proxy, or a server with its own certificate; a certificate for another
        // name is no matter of trust.
        hint:
          certificateCode === 'ERR_TLS_CERT_ALTNAME_INVALID'
            ? 'the certificate is for another host name: check the host in --endpoint-url (a CA bundle cannot fix this)'
            : 'when you trust it, give its CA with --ca-bundle FILE or AWS_CA_BUNDLE (or the profile\'s ca_bundle); --no-verify-ssl skips the check',
      },
      { cause: error },
    );
  }

  const networkCode = findCode(e, NETWORK_CODES);
  if (networkCode || e.name === 'TimeoutError') {
    const where = endpoint ?? 'the endpoint';
    const failure = networkFailure(networkCode, message);
    const detail = message.replace(SDK_DESERIALIZATION_NOISE, '').trim();
    const text =
      failure === 'cut'
        ? `the connection to ${where} was cut before the answer arrived (${networkCode})`
        : failure === 'slow'
          ? `no answer from ${where} in time (timed out)`
          : `cannot reach ${where} (${networkCode === 'ENOTFOUND' || networkCode === 'EAI_AGAIN' ? 'host not found' : networkCode ?? 'timed out'})`;
    return new CogsyncError(
      {
        code: 'EndpointUnreachable',
        message: `${text}: ${detail}`,
        operation,
        retryable: true,
        // A cut or late answer means the request may have been carried out: say so.
        hint:
          failure !== 'unreachable'
            ? `${where} got the request but its answer was lost: try again (a write may already have been applied)`
            : endpoint
              ? `check that ${endpoint} is up and reachable (is the local server running? is --endpoint-url right?)`
              : 'check your network connection, --region and --endpoint-url',
      },
      { cause: error },
    );
  }

  const name = stringOrUndefined(e.name) ?? 'Error';
  if (httpStatus !== undefined && !isServiceAnswer(e, name)) return notServiceAnswer(httpStatus, endpoint, operation, error);
  const code = awsCode(e, name);
  const base = { code, message, operation, httpStatus, requestId };

  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || /could not load credentials/i.test(message)) {
    if (/sso/i.test(message) && /(expired|invalid|refresh)/i.test(message)) {
      return new CogsyncError(
        { ...base, code: 'SsoSessionExpired', retryable: false, hint: `run: aws sso login${profileFlag}` },
        { cause: error },
      );
    }
    if (/expired/i.test(message)) {
      return new CogsyncError(
        { ...base, code: 'CredentialsExpired', retryable: false, hint: 'the credentials have expired: refresh them (new temporary keys, or whatever the profile\'s credential_process uses)' },
        { cause: error },
      );
    }
    return new CogsyncError(
      {
        ...base,
        code: 'NoCredentials',
        retryable: false,
        hint: context.profile
          ? `profile '${context.profile}' has no usable credentials: check ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), or run: aws sso login${profileFlag}`
          : 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or AWS_PROFILE / --profile naming a profile in ~/.aws/config',
      },
      { cause: error },
    );
  }
  if (/region is missing/i.test(message)) return noRegionError(context.profile, operation, error);

  if (EXPIRED_TOKEN_CODES.has(code) || /security token included in the request is expired/i.test(message)) {
    return new CogsyncError(
      { ...base, retryable: false, hint: `the credentials have expired: refresh them (aws sso login${profileFlag}, or new temporary keys)` },
      { cause: error },
    );
  }
  if (ACCESS_CODES.has(code) || httpStatus === 403) {
    return new CogsyncError(
      {
        ...base,
        retryable: false,
        hint: code === 'UnrecognizedClientException' || code === 'InvalidClientTokenId' || code.includes('Signature') || SIGNATURE_REFUSAL.test(message)
          ? 'the credentials were rejected: check the access key, the profile and the clock'
          : 'the credentials lack permission for this call: check the IAM policy (cognito-sync:* / cognito-identity:*)',
      },
      { cause: error },
    );
  }
  if (THROTTLING_CODES.has(code) || httpStatus === 429) {
    return new CogsyncError({ ...base, retryable: true, hint: 'AWS is throttling requests: wait a moment and try again' }, { cause: error });
  }
  const serverFault = e.$fault === 'server' || (httpStatus !== undefined && httpStatus >= 500);
  return new CogsyncError({ ...base, retryable: serverFault || Boolean(e.$retryable) }, { cause: error });
}

/**
 * Whether the SDK read the answer as the service's: not when its body was no JSON (the SDK's SyntaxError, "…inspect
 * the hidden field {error}.$response") or an error status named no error type (the SDK's `Unknown`), as from a web
 * server, a proxy's error page or another service at that address. Cognito Sync names the type of every error.
 */
function isServiceAnswer(e: Loose, name: string): boolean {
  if (name === 'Unknown') return false;
  return !(name === 'SyntaxError' || SDK_DESERIALIZATION_NOISE.test(stringOrUndefined(e.message) ?? ''));
}

/**
 * `HTTP 404 from http://…: the answer is not Cognito Sync JSON`. An error status keeps the status as its code, as the
 * AWS CLI names it (`An error occurred (404)`, a service error: exit 254); a success status carrying something else
 * is no error from the service (exit 255).
 */
function notServiceAnswer(httpStatus: number, endpoint: string | undefined, operation: string | undefined, cause: unknown): CogsyncError {
  const failed = httpStatus >= 300;
  return new CogsyncError(
    {
      code: failed ? String(httpStatus) : 'InvalidResponse',
      message: `HTTP ${httpStatus} from ${endpoint ?? 'the endpoint'}: the answer is not Cognito Sync JSON (is --endpoint-url right?)`,
      operation,
      httpStatus: failed ? httpStatus : undefined,
      retryable: httpStatus >= 500,
    },
    { cause },
  );
}

/** The SDK's advice for developers, appended when a response body was cut. */
const SDK_DESERIALIZATION_NOISE = /\s*Deserialization error: to see the raw response, inspect the hidden field \{error\}\.\$response on this object\.?/;

/**
 * `unreachable`: no connection was made (refused, no route, unknown host, connect timeout);
 * `cut`: the connection dropped during the exchange; `slow`: no complete answer in time.
 */
function networkFailure(code: string | undefined, message: string): 'unreachable' | 'cut' | 'slow' {
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return 'cut';
  if (/requestTimeout|of inactivity/.test(message)) return 'slow';
  return 'unreachable';
}

/** The error for "no region anywhere": named, with every place a region can come from. */
export function noRegionError(profile?: string, operation?: string, cause?: unknown): CogsyncError {
  return new CogsyncError(
    {
      code: 'NoRegion',
      message: 'no AWS region is configured',
      operation,
      retryable: false,
      hint: `pass --region, set AWS_REGION (or AWS_DEFAULT_REGION), or add region = … to ${profile ? `[profile ${profile}]` : '[default]'} in ~/.aws/config`,
    },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * One line for a terminal or a script's stderr:
 * `✗ ResourceConflictException · UpdateRecords · req 3f2a9c1e… : Current SyncCount for: a is: 5 not: 4`
 */
export function formatError(error: unknown, options: { hint?: boolean } = {}): string {
  const e = toCogsyncError(error);
  const parts = [e.code];
  if (e.operation) parts.push(e.operation);
  if (e.requestId) parts.push(`req ${e.requestId.length > 8 ? `${e.requestId.slice(0, 8)}…` : e.requestId}`);
  let line = `✗ ${parts.join(' · ')} : ${oneLine(e.message)}`;
  if (options.hint !== false && e.hint) line += ` (hint: ${oneLine(e.hint)})`;
  return line;
}

/** Server text is untrusted: no newlines or control sequences reach the terminal. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function awsCode(e: Loose, name: string): string {
  // The SDK names errors after the shape; unmodelled ones keep the wire name in `name`
  // too, while plain JS errors are just `Error` (use `code` if present).
  if (name === 'Error' && typeof e.code === 'string' && e.code) return e.code;
  return name;
}

/** The first of `codes` on the error, its causes or (an AggregateError's) inner errors. */
function findCode(e: Loose, codes: ReadonlySet<string>, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  if (typeof e.code === 'string' && codes.has(e.code)) return e.code;
  // Node's happy-eyeballs connect raises an AggregateError holding one error per address.
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      if (typeof inner === 'object' && inner !== null) {
        const found = findCode(inner as Loose, codes, depth + 1);
        if (found) return found;
      }
    }
  }
  if (typeof e.cause === 'object' && e.cause !== null) return findCode(e.cause as Loose, codes, depth + 1);
  return undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
