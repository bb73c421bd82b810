// Prints an operation's answer in the chosen --output format (AWS_DEFAULT_OUTPUT when
// the flag is absent, json by default), as the AWS CLI does.
import { UsageError } from './errors.js';
import type { CommandIO, GlobalFlags } from './io.js';
import { outputShape, type Operation } from './model/service-model.js';
import { formatOutput, isOutputFormat, OUTPUT_FORMATS, type OutputFormat } from './output/format.js';
import { toPlainOutput, type PlainValue } from './output/plain-data.js';

export function resolveOutputFormat(globals: GlobalFlags, env: NodeJS.ProcessEnv): OutputFormat {
  const chosen = globals.output ?? (env.AWS_DEFAULT_OUTPUT?.trim() || 'json');
  if (!isOutputFormat(chosen)) {
    throw new UsageError(`cogsync: error: argument --output: Invalid choice '${chosen}', valid choices are: ${OUTPUT_FORMATS.join(' | ')}`);
  }
  return chosen;
}

/** A checked `--query` expression; applied by printResult. */
export interface OutputQuery {
  /** The parsed expression applied to `data`. */
  search(data: PlainValue): PlainValue;
}

/**
 * `--query` parsed before any request is made, so a typo costs nothing; the AWS CLI's
 * message and exit code. jmespath is loaded only when a query is given.
 */
export async function checkQuery(globals: GlobalFlags): Promise<OutputQuery | undefined> {
  const expression = globals.query;
  if (expression === undefined) return undefined;
  const jmespath = (await import('jmespath')).default;
  try {
    // The typings declare only search(); compile() parses without evaluating.
    (jmespath as unknown as { compile(expression: string): unknown }).compile(expression);
  } catch (error) {
    throw new UsageError(`Bad value for --query ${expression}: ${(error as Error).message}`);
  }
  return { search: (data) => jmespath.search(data, expression) as PlainValue };
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
