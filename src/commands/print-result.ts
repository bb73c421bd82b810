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

/** `output` is the SDK's answer, or (with `skeleton`) already plain sample data. */
export function printResult(io: CommandIO, format: OutputFormat, op: Operation, output: unknown, options: { skeleton?: boolean } = {}): void {
  const plain = options.skeleton ? (output as PlainValue) : toPlainOutput(outputShape(op), output);
  io.stdout(formatOutput(format, op.name, plain, { terminalWidth: io.terminalWidth }));
}
