// `cogsync merge-identities`: merges one identity into another on a cogsync LOCAL server,
// through its admin route POST /_cogsync/merge-identities (SERVICE.md §3.6). AWS has no such
// API (merges happen through Cognito Identity login linking), so anything but a cogsync
// server on this machine is refused before a request is sent.
import { ClientFactory, connectionFromFlags, isLoopbackUrl } from '../aws/clients.js';
import { signedHeaders } from '../aws/sign-request.js';
import { RequestLog } from '../aws/request-log.js';
import { checkIdentityId, checkIdentityPoolId } from '../sync/index.js';
import { sanitizeLine } from '../util/sanitize.js';
import { CommandError, ExitCode } from './errors.js';
import type { CommandIO, GlobalFlags } from './io.js';
import { reportError } from './report-error.js';

export const MERGE_ROUTE = '/_cogsync/merge-identities';
export const HEALTH_ROUTE = '/_cogsync/health';

export interface MergeRequest {
  identityPoolId: string;
  sourceIdentityId: string;
  destinationIdentityId: string;
  globals: GlobalFlags;
}

export interface MergeDeps {
  /** The HTTP client (tests may wrap it); global fetch by default. */
  fetch?: typeof fetch;
  /** Milliseconds before a request is given up. */
  timeoutMs?: number;
}

/** Why `endpoint` may not receive admin requests, or undefined when it is a local URL. */
export function localEndpointProblem(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined || endpoint === '') {
    return 'merge-identities needs --endpoint-url of a cogsync local server (e.g. http://127.0.0.1:4567); on AWS, identities are merged by linking logins in Cognito Identity';
  }
  if (!isLoopbackUrl(endpoint)) {
    return `refusing to send an admin request to ${sanitizeLine(endpoint)}: merge-identities works only against a cogsync local server on this machine (127.0.0.1, ::1 or localhost); AWS has no such API`;
  }
  return undefined;
}

export async function runMergeIdentities(request: MergeRequest, io: CommandIO, deps: MergeDeps = {}): Promise<number> {
  const log = new RequestLog({ capacity: 10 });
  try {
    const endpoint = request.globals.endpointUrl;
    const problem = localEndpointProblem(endpoint);
    if (problem) throw new CommandError(`cogsync: ${problem}`, ExitCode.Usage);
    const issues = [
      ...checkIdentityPoolId(request.identityPoolId),
      ...checkIdentityId(request.sourceIdentityId).map((i) => ({ ...i, message: `source: ${i.message}` })),
      ...checkIdentityId(request.destinationIdentityId).map((i) => ({ ...i, message: `destination: ${i.message}` })),
    ];
    if (issues.length > 0) throw new CommandError(`cogsync: ${issues.map((i) => i.message).join('; ')}`, ExitCode.Usage);
    if (request.sourceIdentityId === request.destinationIdentityId) {
      throw new CommandError('cogsync: --source-identity-id and --destination-identity-id must be different identities', ExitCode.Usage);
    }
    if (request.globals.log !== undefined) openLog(log, request.globals.log);
    if (request.globals.debug) log.setDebug(true, (line) => io.stderr(`${line}\n`));

    const base = endpoint!.replace(/\/+$/, '');
    const http = deps.fetch ?? fetch;
    const timeoutMs = deps.timeoutMs ?? 10_000;
    await checkCogsyncServer(http, base, timeoutMs);

    const body = {
      IdentityPoolId: request.identityPoolId,
      SourceIdentityId: request.sourceIdentityId,
      DestinationIdentityId: request.destinationIdentityId,
    };
    const text = JSON.stringify(body);
    // Signed like every other call (the server checks it under `--auth sigv4`, ignores it otherwise): dummy keys
    // without a profile or keys in the environment, else the standard credential chain.
    const headers = await signAdminRequest(`${base}${MERGE_ROUTE}`, text, request.globals, io.env);
    const entry = log.start({ service: 'cogsync-admin', operation: 'MergeIdentities', params: body, endpoint: base });
    const started = performance.now();
    let response: Response;
    try {
      response = await http(`${base}${MERGE_ROUTE}`, {
        method: 'POST',
        headers,
        body: text,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      log.end(entry, { state: 'error', errorCode: 'EndpointUnreachable', errorMessage: String((error as Error).message ?? error) });
      throw new CommandError(`cogsync: could not reach ${sanitizeLine(base)}: ${(error as Error).message ?? error}`, ExitCode.Other);
    }
    const requestId = response.headers.get('x-amzn-requestid') ?? undefined;
    const answer = await response.text();
    const parsed = parseObject(answer);
    const durationMs = Math.round(performance.now() - started);
    if (!response.ok) {
      const code = response.headers.get('x-amzn-errortype') ?? stringField(parsed, '__type') ?? `HTTP ${response.status}`;
      const message = stringField(parsed, 'message') ?? answer.slice(0, 200);
      log.end(entry, { state: 'error', httpStatus: response.status, requestId, durationMs, errorCode: code, errorMessage: message });
      io.stderr(`\nAn error occurred (${sanitizeLine(code)}) when calling the MergeIdentities operation: ${sanitizeLine(message)}\n`);
      return ExitCode.Service;
    }
    log.end(entry, { state: 'ok', httpStatus: response.status, requestId, durationMs });
    io.stdout(`${JSON.stringify(parsed ?? {}, null, 4)}\n`);
    const merged = Array.isArray(parsed?.MergedDatasetNames) ? (parsed.MergedDatasetNames as unknown[]).length : 0;
    io.stderr(
      merged === 0
        ? 'merged: the source identity had no datasets; its logins moved to the destination and it is gone\n'
        : `merged: ${merged} dataset${merged === 1 ? '' : 's'} now under the destination as <name>.<source id> (ListRecords on <name> reports them in MergedDatasetNames)\n`,
    );
    return ExitCode.Ok;
  } catch (error) {
    return reportError(io, error, 'MergeIdentities');
  } finally {
    log.setFileSink(undefined);
  }
}

/** GET /_cogsync/health must answer `{"service":"cogsync-local"}`: anything else is not ours to administer. */
async function checkCogsyncServer(http: typeof fetch, base: string, timeoutMs: number): Promise<void> {
  let body: Record<string, unknown> | undefined;
  try {
    const response = await http(`${base}${HEALTH_ROUTE}`, { signal: AbortSignal.timeout(timeoutMs) });
    body = response.ok ? parseObject(await response.text()) : undefined;
  } catch (error) {
    throw new CommandError(`cogsync: could not reach ${sanitizeLine(base)}: ${(error as Error).message ?? error}`, ExitCode.Other);
  }
  if (body?.service !== 'cogsync-local') {
    throw new CommandError(
      `cogsync: ${sanitizeLine(base)} does not answer as a cogsync local server (GET ${HEALTH_ROUTE}); start one with \`cogsync serve\``,
      ExitCode.Usage,
    );
  }
}

/** The admin request's headers, signed with the credentials the other commands would use for these flags. */
async function signAdminRequest(url: string, body: string, globals: GlobalFlags, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const factory = new ClientFactory({ log: new RequestLog({ capacity: 1 }), env });
  try {
    const clients = factory.get(connectionFromFlags(globals, env));
    return await signedHeaders(
      { method: 'POST', url: new URL(url), headers: { 'content-type': 'application/json' }, body },
      { service: 'cognito-sync', region: clients.connection.region, credentials: clients.sync.config.credentials },
    );
  } finally {
    factory.destroy();
  }
}

function openLog(log: RequestLog, path: string): void {
  try {
    log.setFileSink(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CommandError(`cogsync: cannot open the --log file '${path}': ${reason}`, ExitCode.Usage);
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stringField(object: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = object?.[name];
  return typeof value === 'string' ? value : undefined;
}
