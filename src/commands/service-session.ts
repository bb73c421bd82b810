// The SDK client for one command run, from --profile / --region / --endpoint-url through
// the aws/ layer (credential chain, request log). --debug prints each call on stderr,
// secrets removed. Loaded lazily: only commands that call AWS pay for the SDK.
import type { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { ClientFactory, connectionFromFlags, RequestLog, type ClientOptions } from '../aws/index.js';
import { redactParams } from '../aws/redact.js';
import { terminalSafeJson } from '../util/sanitize.js';
import { CommandError, ExitCode } from './errors.js';
import { describeHeaderValue } from './header-text.js';
import type { CommandIO, GlobalFlags } from './io.js';

export interface ServiceSession {
  sync: CognitoSyncClient;
  /** Prints a response on stderr when --debug is on (secrets removed, long values cut). */
  debugResponse(operation: string, output: unknown): void;
  /** Prints a header member as it is sent (`x-amz-Client-Context`), readable, when --debug is on. */
  debugHeader(operation: string, name: string, value: string): void;
  close(): void;
}

export function openServiceSession(io: CommandIO, globals: GlobalFlags, options: ClientOptions = {}): ServiceSession {
  const log = new RequestLog({ capacity: 50 });
  const debug = (line: string) => io.stderr(`${line}\n`);
  log.setDebug(Boolean(globals.debug), debug);
  openLogFile(log, globals.log);
  const factory = new ClientFactory({ log, env: io.env });
  const flags = { profile: globals.profile, region: globals.region, endpointUrl: globals.endpointUrl };
  let clients: ReturnType<ClientFactory['get']>;
  try {
    const transport: ClientOptions = {
      ...(globals.readTimeout === undefined ? {} : { requestTimeoutMs: globals.readTimeout * 1000 }),
      ...(globals.connectTimeout === undefined ? {} : { connectTimeoutMs: globals.connectTimeout * 1000 }),
      ...(globals.caBundle === undefined ? {} : { caBundle: globals.caBundle }),
      ...(globals.verifySsl === false ? { verifySsl: false } : {}),
    };
    // As the AWS CLI warns (urllib3's InsecureRequestWarning), once: nothing proves who answers.
    if (globals.verifySsl === false) io.stderr('warning: --no-verify-ssl: HTTPS certificates are not checked; anyone on the path can read and change this traffic\n');
    clients = factory.get(connectionFromFlags(flags, io.env), { ...transport, ...options });
  } catch (error) {
    log.setFileSink(undefined);
    throw error;
  }
  return {
    sync: clients.sync,
    debugResponse(operation, output) {
      if (!globals.debug) return;
      const { $metadata: _ignored, ...body } = (output ?? {}) as Record<string, unknown>;
      // Response values are untrusted: escaped for the terminal, still valid JSON.
      debug(`[cogsync] ${operation} response ${terminalSafeJson(JSON.stringify(redactParams(body)))}`);
    },
    debugHeader(operation, name, value) {
      if (globals.debug) debug(`[cogsync] ${operation} header ${name}: ${describeHeaderValue(value)}`);
    },
    close: () => {
      factory.destroy();
      log.setFileSink(undefined);
    },
  };
}

/** `--log FILE`: opened before the first call, so a bad path fails alone, with its reason. */
function openLogFile(log: RequestLog, path: string | undefined): void {
  if (path === undefined) return;
  try {
    log.setFileSink(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CommandError(`cogsync: cannot open the --log file '${path}': ${reason}`, ExitCode.Usage);
  }
}
