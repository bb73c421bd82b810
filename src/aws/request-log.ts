// Every AWS call cogsync makes passes through one SDK middleware that records it here:
// operation, parameters (secrets removed), status, duration, request id, error code and
// the sync counts seen. The UI reads the ring buffer (request inspector) and the
// in-flight count (spinner); `--log FILE` appends JSONL, `--debug` prints to stderr.
import { closeSync, openSync, writeSync } from 'node:fs';
import { ENDPOINT_KEY, OPERATION_KEY } from './errors.js';
import { sanitizeLine, terminalSafeJson } from '../util/sanitize.js';
import { cutString, redactParams, redactText } from './redact.js';

export interface RequestLogEntry {
  /** Increasing per process. */
  id: number;
  /** Start time, ISO 8601. */
  time: string;
  /** `cognito-sync` or `cognito-identity`. */
  service: string;
  operation: string;
  /** Connection name, when the factory knows it. */
  connection?: string;
  endpoint?: string;
  /** Command input with secrets replaced, tokens shortened and long values cut. */
  params: unknown;
  state: 'in-flight' | 'ok' | 'error';
  httpStatus?: number;
  durationMs?: number;
  requestId?: string;
  /** SDK attempts (more than 1 when the SDK retried). */
  attempts?: number;
  errorCode?: string;
  errorMessage?: string;
  /** DatasetSyncCount in the response (ListRecords). */
  datasetSyncCount?: number;
  /** Distinct SyncCounts of the returned records, ascending (at most 20). */
  recordSyncCounts?: number[];
  /** The response body ($metadata dropped), secrets removed and long values cut, for the request inspector. */
  response?: unknown;
}

export type RequestLogEvent = { type: 'start'; entry: RequestLogEntry } | { type: 'end'; entry: RequestLogEntry };
export type RequestLogListener = (event: RequestLogEvent, log: RequestLog) => void;

export interface RequestLogOptions {
  /** Entries kept in memory (oldest dropped first). */
  capacity?: number;
}

const MAX_SYNC_COUNTS = 20;
/**
 * A response is made safe to show (the SDK's filter, redaction, cutting) this long after the
 * call, unless someone reads it first: that is ~10 ms for a 1,024-record listing, which
 * should not delay its records reaching the screen; and waiting any longer would keep the
 * whole response in memory.
 */
const RESPONSE_VIEW_DELAY_MS = 1000;

export class RequestLog {
  private readonly capacity: number;
  private readonly ring: RequestLogEntry[] = [];
  private readonly listeners = new Set<RequestLogListener>();
  private nextId = 1;
  private inFlightCount = 0;
  private fileFd: number | undefined;
  private debugWrite: ((line: string) => void) | undefined;
  /** Entries whose `response` is still to be made from the SDK's output (see `end`). */
  private readonly pendingResponses = new Map<RequestLogEntry, () => unknown>();

  constructor(options: RequestLogOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? 500);
  }

  /** Finished and in-flight calls, oldest first (copies). */
  entries(): RequestLogEntry[] {
    return this.ring.map((e) => ({ ...this.withResponse(e) }));
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  /** Calls `listener` on every start and end; returns the unsubscribe function. */
  subscribe(listener: RequestLogListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Appends one JSON line per finished call to `path` (created 0600), or stops with `undefined`. */
  setFileSink(path: string | undefined): void {
    if (this.fileFd !== undefined) closeSync(this.fileFd);
    this.fileFd = undefined;
    // Opening now, not at the first call, so a bad --log path fails at start-up with its own error.
    if (path !== undefined) this.fileFd = openSync(path, 'a', 0o600);
  }

  /** Prints one line per finished call (to stderr unless another writer is given), or stops. */
  setDebug(enabled: boolean, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
    this.debugWrite = enabled ? write : undefined;
  }

  clear(): void {
    this.ring.length = 0;
    this.pendingResponses.clear();
  }

  /** Records the start of a call; pass the result to `end()`. */
  start(fields: Pick<RequestLogEntry, 'service' | 'operation' | 'params' | 'connection' | 'endpoint'>): RequestLogEntry {
    const entry: RequestLogEntry = { id: this.nextId++, time: new Date().toISOString(), state: 'in-flight', ...fields };
    this.ring.push(entry);
    if (this.ring.length > this.capacity) this.ring.shift();
    this.inFlightCount++;
    this.emit({ type: 'start', entry: { ...entry } });
    return entry;
  }

  /**
   * Records how a call ended. `response` makes the entry's response view; it runs when the
   * entry is first read (request inspector, --log) or soon after, not now.
   */
  end(entry: RequestLogEntry, outcome: Partial<RequestLogEntry>, response?: () => unknown): void {
    Object.assign(entry, outcome);
    this.inFlightCount = Math.max(0, this.inFlightCount - 1);
    if (response) {
      this.pendingResponses.set(entry, response);
      setTimeout(() => this.withResponse(entry), RESPONSE_VIEW_DELAY_MS).unref();
    }
    if (this.fileFd !== undefined) {
      try {
        writeSync(this.fileFd, `${terminalSafeJson(JSON.stringify(this.withResponse(entry)))}\n`);
      } catch {
        // A full disk must not fail the AWS call being logged.
      }
    }
    this.debugWrite?.(formatEntry(entry));
    this.emit({ type: 'end', entry: { ...entry } });
  }

  /** `entry` with its response view made, if it was still pending. */
  private withResponse(entry: RequestLogEntry): RequestLogEntry {
    const make = this.pendingResponses.get(entry);
    if (make) {
      this.pendingResponses.delete(entry);
      entry.response = make();
    }
    return entry;
  }

  private emit(event: RequestLogEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event, this);
      } catch {
        // A broken subscriber (UI) must not break the call.
      }
    }
  }
}

/** The process-wide log that the client factory uses unless given another. */
export const requestLog = new RequestLog();

/** `12:00:01.123 cognito-sync ListRecords 200 35ms req 3f2a9c1e… {…}` */
export function formatEntry(entry: RequestLogEntry): string {
  const time = entry.time.slice(11, 23);
  const status = entry.state === 'error' ? `${entry.httpStatus ?? '---'} ${entry.errorCode ?? 'error'}` : `${entry.httpStatus ?? ''}`;
  const req = entry.requestId ? ` req ${entry.requestId.slice(0, 8)}…` : '';
  const counts = entry.datasetSyncCount !== undefined ? ` count=${entry.datasetSyncCount}` : '';
  // Parameters and error codes come from the user and the server: nothing raw reaches the terminal.
  return sanitizeLine(`[cogsync] ${time} ${entry.service} ${entry.operation} ${status} ${entry.durationMs ?? '?'}ms${req}${counts} ${JSON.stringify(entry.params)}`);
}

interface CallMeta {
  service: string;
  connection?: string;
  endpoint?: string;
}

type AnyArgs = { input: object };
type AnyResult = { output: object };
type Context = {
  commandName?: string;
  clientName?: string;
  inputFilterSensitiveLog?: (input: unknown) => unknown;
  outputFilterSensitiveLog?: (output: unknown) => unknown;
  endpointV2?: { url?: URL };
};
type Next = (args: AnyArgs) => Promise<AnyResult>;

/**
 * The SDK middleware (initialize step, so one entry per call however many retries).
 * Typed loosely here and given to `middlewareStack.add` by `attachRequestLog`.
 */
export function requestLogMiddleware(log: RequestLog, meta: CallMeta) {
  return (next: Next, context: Context) =>
    async (args: AnyArgs): Promise<AnyResult> => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const entry = log.start({
        service: meta.service,
        operation,
        params: safeParams(args.input, context),
        connection: meta.connection,
        endpoint: meta.endpoint,
      });
      const started = performance.now();
      try {
        const result = await next(args);
        const output = result.output as { $metadata?: Metadata; DatasetSyncCount?: unknown; Records?: unknown };
        log.end(entry, {
          state: 'ok',
          durationMs: elapsed(started),
          endpoint: actualEndpoint(context) ?? meta.endpoint,
          httpStatus: output.$metadata?.httpStatusCode,
          requestId: output.$metadata?.requestId,
          attempts: output.$metadata?.attempts,
          ...syncCountsOf(output),
        }, () => safeResponse(output, context));
        return result;
      } catch (error) {
        const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string | symbol, unknown> & {
          name?: string;
          code?: string;
          message?: string;
          $metadata?: Metadata;
        };
        const endpoint = actualEndpoint(context) ?? meta.endpoint;
        log.end(entry, {
          state: 'error',
          durationMs: elapsed(started),
          endpoint,
          httpStatus: e.$metadata?.httpStatusCode,
          requestId: e.$metadata?.requestId || undefined,
          attempts: e.$metadata?.attempts,
          errorCode: e.name && e.name !== 'Error' ? e.name : e.code ?? 'Error',
          errorMessage: cutString(redactText(String(e.message ?? error))),
        });
        // Let errors.ts name the operation and endpoint without the caller repeating them.
        if (Object.isExtensible(e)) {
          try {
            Object.defineProperty(e, OPERATION_KEY, { value: operation, configurable: true });
            if (endpoint) Object.defineProperty(e, ENDPOINT_KEY, { value: endpoint, configurable: true });
          } catch {
            // frozen or exotic error objects: nothing to annotate
          }
        }
        throw error;
      }
    };
}

type Metadata = { httpStatusCode?: number; requestId?: string; attempts?: number };

/** Adds the logging middleware to a client (once). */
export function attachRequestLog(
  client: { middlewareStack: { add: (...args: never[]) => void; remove?: (name: string) => boolean } },
  log: RequestLog,
  meta: CallMeta,
): void {
  const add = client.middlewareStack.add as unknown as (mw: unknown, options: { step: 'initialize'; name: string; override: boolean }) => void;
  add.call(client.middlewareStack, requestLogMiddleware(log, meta), { step: 'initialize', name: 'cogsyncRequestLog', override: true });
}

function safeParams(input: unknown, context: Context): unknown {
  let filtered = input;
  try {
    // The SDK's own filter hides members its model marks sensitive; ours runs after it.
    if (context.inputFilterSensitiveLog) filtered = context.inputFilterSensitiveLog(input) ?? input;
  } catch {
    filtered = input;
  }
  return redactParams(filtered);
}

function safeResponse(output: object, context: Context): unknown {
  const { $metadata: _metadata, ...body } = output as Record<string, unknown>;
  let filtered: unknown = body;
  try {
    if (context.outputFilterSensitiveLog) filtered = context.outputFilterSensitiveLog(body) ?? body;
  } catch {
    filtered = body;
  }
  return redactParams(filtered);
}

function syncCountsOf(output: { DatasetSyncCount?: unknown; Records?: unknown }): Partial<RequestLogEntry> {
  const out: Partial<RequestLogEntry> = {};
  if (typeof output.DatasetSyncCount === 'number') out.datasetSyncCount = output.DatasetSyncCount;
  if (Array.isArray(output.Records)) {
    const counts = new Set<number>();
    for (const r of output.Records as Array<{ SyncCount?: unknown }>) {
      if (typeof r?.SyncCount === 'number') counts.add(r.SyncCount);
    }
    const sorted = [...counts].sort((a, b) => a - b);
    // Keep both ends when there are many: the range is what a reader looks for.
    out.recordSyncCounts =
      sorted.length > MAX_SYNC_COUNTS
        ? [...sorted.slice(0, MAX_SYNC_COUNTS / 2), ...sorted.slice(-MAX_SYNC_COUNTS / 2)]
        : sorted;
  }
  return out;
}

function actualEndpoint(context: Context): string | undefined {
  const url = context.endpointV2?.url;
  return url ? `${url.protocol}//${url.host}` : undefined;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
