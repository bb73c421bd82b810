// The SDK client for one command run, from --profile / --region / --endpoint-url through
// the aws/ layer (credential chain, request log). --debug prints each call on stderr,
// secrets removed. Loaded lazily: only commands that call AWS pay for the SDK.
import type { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { ClientFactory, connectionFromFlags, RequestLog, type ClientOptions } from '../aws/index.js';
import { redactParams } from '../aws/redact.js';
import type { CommandIO, GlobalFlags } from './io.js';

export interface ServiceSession {
  sync: CognitoSyncClient;
  /** Prints a response on stderr when --debug is on (secrets removed, long values cut). */
  debugResponse(operation: string, output: unknown): void;
  close(): void;
}

export function openServiceSession(io: CommandIO, globals: GlobalFlags, options: ClientOptions = {}): ServiceSession {
  const log = new RequestLog({ capacity: 50 });
  const debug = (line: string) => io.stderr(`${line}\n`);
  log.setDebug(Boolean(globals.debug), debug);
  const factory = new ClientFactory({ log, env: io.env });
  const flags = { profile: globals.profile, region: globals.region, endpointUrl: globals.endpointUrl };
  const clients = factory.get(connectionFromFlags(flags, io.env), options);
  return {
    sync: clients.sync,
    debugResponse(operation, output) {
      if (!globals.debug) return;
      const { $metadata: _ignored, ...body } = (output ?? {}) as Record<string, unknown>;
      debug(`[cogsync] ${operation} response ${JSON.stringify(redactParams(body))}`);
    },
    close: () => factory.destroy(),
  };
}
