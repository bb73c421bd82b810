// One Cognito Sync operation run the AWS CLI way: options unpacked (shorthand, JSON,
// file://), --cli-input-json merged under them, --generate-cli-skeleton answered without
// a call, parameters validated against the model, one SDK call, the answer printed as
// json/text/table, and the CLI's exit codes. The commander layer only collects strings.
import { ExitCode, UsageError } from './errors.js';
import type { CommandIO, GlobalFlags } from './io.js';
import { cliName, getOperation, inputShape, outputShape, type Operation } from './model/service-model.js';
import { checkQuery, resolveOutputFormat, printResult } from './print-result.js';
import { mergeCliInputJson, readCliInputJson } from './params/cli-input-json.js';
import { generateSkeleton, type SkeletonKind } from './params/skeleton.js';
import { headerNames, UTF8_HEADERS_PLACE, utf8HeadersMiddleware } from './header-text.js';
import { unpackOption, type RawOption } from './params/unpack.js';
import { validateParams } from './params/validate.js';
import { openSessionLazily, type OpenSession } from './open-session.js';
import { reportError } from './report-error.js';
import type { ServiceSession } from './service-session.js';

export interface OperationRequest {
  /** Model name, `UpdateRecords`. */
  operation: string;
  /** Raw option values by input member name (`RecordPatches` → the shell words). */
  options: Record<string, RawOption | undefined>;
  cliInputJson?: string;
  /** `true` when the flag was given without a value (means `input`). */
  generateCliSkeleton?: string | boolean;
  globals: GlobalFlags;
}

export interface OperationDeps {
  /** Opens the SDK client; tests may substitute one (the default goes through src/aws). */
  openSession?: OpenSession;
}

/** Members the AWS CLI requires that cogsync can do without (it fills them in safely). */
const OPTIONAL_HERE: Record<string, string[]> = { UpdateRecords: ['SyncSessionToken'] };

export async function runOperation(request: OperationRequest, io: CommandIO, deps: OperationDeps = {}): Promise<number> {
  const { operation: name, globals } = request;
  let session: ServiceSession | undefined;
  try {
    const format = resolveOutputFormat(globals, io.env);
    const query = await checkQuery(globals);
    const op = getOperation(name);
    const skeleton = skeletonKind(request.generateCliSkeleton);
    if (skeleton === 'input') {
      io.stdout(`${JSON.stringify(generateSkeleton(inputShape(op), 'input'), null, 4)}\n`);
      return ExitCode.Ok;
    }
    let params = unpackOptions(op, request.options, io);
    if (request.cliInputJson !== undefined) params = mergeCliInputJson(params, readCliInputJson(request.cliInputJson, io));
    else checkRequiredOptions(op, params);
    const fetchToken = name === 'UpdateRecords' && params.SyncSessionToken === undefined;
    const validated = validateParams(inputShape(op), fetchToken ? { ...params, SyncSessionToken: 'to-be-fetched' } : params);
    if (skeleton === 'output') {
      printResult(io, format, op, generateSkeleton(outputShape(op), 'output'), { skeleton: true, query });
      return ExitCode.Ok;
    }
    session = await (deps.openSession ?? openSessionLazily)(io, globals);
    if (fetchToken) {
      const { fetchSyncSessionToken } = await import('./sync-token.js');
      validated.SyncSessionToken = await fetchSyncSessionToken(session, validated, io);
    }
    const output = await send(session, name, validated);
    session.debugResponse(name, output);
    printResult(io, format, op, output, { query });
    return ExitCode.Ok;
  } catch (error) {
    return reportError(io, error, name);
  } finally {
    session?.close();
  }
}


/** One SDK call. UpdateRecords goes out exactly once: a silent resend could double-write. */
async function send(session: ServiceSession, name: string, params: Record<string, unknown>): Promise<unknown> {
  const sdk = (await import('@aws-sdk/client-cognito-sync')) as unknown as Record<string, new (input: unknown) => unknown>;
  const Command = sdk[`${name}Command`];
  if (!Command) throw new Error(`the AWS SDK has no ${name}Command`);
  let command = new Command(params);
  const headers = headerNames(inputShape(getOperation(name)));
  if (headers.length > 0) {
    const stack = (command as { middlewareStack: { addRelativeTo: (mw: unknown, options: Record<string, unknown>) => void } }).middlewareStack;
    const show = (header: string, value: string) => session.debugHeader(name, header, value);
    // After the signer: the SDK signs the text, the wire gets its UTF-8 bytes (header-text.ts).
    stack.addRelativeTo(utf8HeadersMiddleware(headers, show), UTF8_HEADERS_PLACE);
  }
  if (name === 'UpdateRecords') {
    const { withoutRetries } = await import('../session/send-once.js');
    command = withoutRetries(command);
  }
  try {
    return await (session.sync as unknown as { send: (c: unknown) => Promise<unknown> }).send(command);
  } catch (error) {
    throw name === 'UpdateRecords' ? await explainLostUpdate(error) : error;
  }
}

/** A cut or late answer to UpdateRecords: the batch may be written; resending blindly would conflict with it. */
async function explainLostUpdate(error: unknown): Promise<unknown> {
  const { CogsyncError, toCogsyncError } = await import('../aws/errors.js');
  const e = toCogsyncError(error, { operation: 'UpdateRecords' });
  if (e.code !== 'EndpointUnreachable' || /^cannot reach /.test(e.message)) return error;
  return new CogsyncError(
    { ...e.toJSON(), hint: 'the batch may have been written: check with list-records before sending it again (cogsync set checks for you)' },
    { cause: error },
  );
}

function skeletonKind(value: string | boolean | undefined): SkeletonKind | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true || value === 'input') return 'input';
  if (value === 'output') return 'output';
  throw new UsageError(`cogsync: error: argument --generate-cli-skeleton: Invalid choice '${value}', valid choices are: input | output`);
}

function unpackOptions(op: Operation, options: OperationRequest['options'], io: CommandIO): Record<string, unknown> {
  const members = inputShape(op).members ?? {};
  const params: Record<string, unknown> = {};
  for (const [member, ref] of Object.entries(members)) {
    const raw = options[member];
    if (raw === undefined) continue;
    params[member] = unpackOption(`--${cliName(member)}`, member, ref.shape, raw, io);
  }
  return params;
}

/** argparse's check, before anything is read from the network. */
function checkRequiredOptions(op: Operation, params: Record<string, unknown>): void {
  const optional = OPTIONAL_HERE[op.name] ?? [];
  const shape = inputShape(op);
  const required = new Set(shape.required ?? []);
  // In the model's member order, as argparse lists them.
  const missing = Object.keys(shape.members ?? {}).filter((m) => required.has(m) && params[m] === undefined && !optional.includes(m));
  if (missing.length > 0) {
    throw new UsageError(`cogsync: error: the following arguments are required: ${missing.map((m) => `--${cliName(m)}`).join(', ')}`);
  }
}
