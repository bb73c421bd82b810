// Prints an operation's answer in the chosen output format, found as the AWS CLI finds it:
// --output, then AWS_DEFAULT_OUTPUT, then the profile's `output` setting, then json.
import { environmentProfile, profileConfigValue } from '../aws/shared-config.js';
import { CommandError, ExitCode, UsageError } from './errors.js';
import type { CommandIO, GlobalFlags } from './io.js';
import { outputShape, type Operation } from './model/service-model.js';
import { formatOutput, isOutputFormat, OUTPUT_FORMATS, type OutputFormat } from './output/format.js';
import { toPlainOutput, type PlainValue } from './output/plain-data.js';

export function resolveOutputFormat(globals: GlobalFlags, env: NodeJS.ProcessEnv): OutputFormat {
  if (globals.output !== undefined) {
    if (!isOutputFormat(globals.output)) {
      throw new UsageError(`cogsync: error: argument --output: Invalid choice '${globals.output}', valid choices are: ${OUTPUT_FORMATS.join(' | ')}`);
    }
    return globals.output;
  }
  const chosen = env.AWS_DEFAULT_OUTPUT?.trim() || undefined;
  if (chosen === undefined) return profileOutputFormat(globals, env);
  // A setting, not an option: the CLI's message for it (as for the profile's `output`), exit 255.
  if (!isOutputFormat(chosen)) throw new CommandError(`Unknown output type: ${chosen}`, ExitCode.Other);
  return chosen;
}

function profileOutputFormat(globals: GlobalFlags, env: NodeJS.ProcessEnv): OutputFormat {
  const profile = globals.profile?.trim() || environmentProfile(env) || 'default';
  const configured = profileConfigValue(profile, 'output', env) ?? 'json';
  // The CLI's own message for a bad `output =` line; refused before any request is made.
  if (!isOutputFormat(configured)) throw new CommandError(`Unknown output type: ${configured}`, ExitCode.Other);
  return configured;
}

/** A checked `--query` expression; applied by printResult. */
export interface OutputQuery {
  /** The parsed expression applied to `data`. */
  search(data: PlainValue): PlainValue;
}

/**
 * `--query` parsed before any request is made, so a typo costs nothing; the AWS CLI's
 * message and exit code. The JMESPath module is loaded only when a query is given.
 */
export async function checkQuery(globals: GlobalFlags): Promise<OutputQuery | undefined> {
  const expression = globals.query;
  if (expression === undefined) return undefined;
  const { compileQuery, QuerySyntaxError } = await import('./output/aws-jmespath.js');
  try {
    const compiled = compileQuery(expression);
    return { search: (data) => searchOrFail(compiled, data) };
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new UsageError(`Bad value for --query ${expression}: ${error.message}`);
    throw error;
  }
}

/** A query that fails on the answer (a function given the wrong type) is reported with its message, as the CLI does. */
function searchOrFail(compiled: { search(data: PlainValue): PlainValue }, data: PlainValue): PlainValue {
  try {
    return compiled.search(data);
  } catch (error) {
    throw new CommandError((error as Error).message, ExitCode.Other);
  }
}

/**
 * `output` is the SDK's answer, or (with `skeleton`) already plain sample data. A query is
 * applied to the answer as the CLI prints it (timestamps as ISO 8601 text), as the AWS CLI does.
 */
export function printResult(
  io: CommandIO,
  format: OutputFormat,
  op: Operation,
  output: unknown,
  options: { skeleton?: boolean; query?: OutputQuery } = {},
): void {
  let plain = options.skeleton ? (output as PlainValue) : toPlainOutput(outputShape(op), output);
  if (options.query) plain = options.query.search(plain);
  io.stdout(formatOutput(format, op.name, plain, { terminalWidth: io.terminalWidth }));
}
