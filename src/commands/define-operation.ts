// Builds the commander command for one Cognito Sync operation from the model: one option
// per input member under the AWS CLI's name (`--identity-pool-id`), lists as repeated
// words, plus --cli-input-json, --generate-cli-skeleton and the global options. Nothing
// heavy is imported here: the action loads the runner (and the SDK) when it runs.
import { Command, type Option } from 'commander';
import { addGlobalOptions, exitLikeAwsCli, globalFlags, missingValueError, optionWithoutValue, runAndSetExitCode } from './global-options.js';
import { processIO } from './io.js';
import { cliName, getOperation, getShape, inputShape, plainDocumentation, type Shape } from './model/service-model.js';
import { shorthandSyntax } from './params/shorthand-doc.js';
import { supportsShorthand } from './params/unpack.js';

/** Required members cogsync can fill in itself (see run-operation.ts). */
const SOFT_REQUIRED: Record<string, string[]> = { UpdateRecords: ['SyncSessionToken'] };

/** Commander's lookup of an option word as it reads a command line: in its JavaScript, not in its typings. */
interface OptionLookup {
  _findOption(arg: string): Option | undefined;
}

/**
 * A command whose repeated list option keeps only its last occurrence: `--record-patches A --record-patches B` sends
 * B, as the AWS CLI (argparse) does, where commander would send A and B, a write the user did not ask for.
 */
class OperationCommand extends Command {
  /** Commander calls this on each option word, before it reads the option's values: earlier words are dropped here. */
  _findOption(arg: string): Option | undefined {
    const option = (Command.prototype as unknown as OptionLookup)._findOption.call(this, arg);
    if (option?.variadic) this.setOptionValueWithSource(option.attributeName(), undefined, 'default');
    return option;
  }

  /**
   * An option's value must not look like an option, as argparse has it for the AWS CLI: `--dataset-name --identity-id
   * I` is refused (commander would name the dataset `--identity-id`), while `-1`, `-x y` (a space) and `--name=-x` are values.
   */
  override parseOptions(args: string[]): { operands: string[]; unknown: string[] } {
    const missing = optionWithoutValue(this, args);
    if (missing) this.error(missingValueError(missing.option), { code: 'commander.optionMissingArgument' });
    return super.parseOptions(args);
  }
}


export function defineOperationCommand(operationName: string): Command {
  const op = getOperation(operationName);
  const input = inputShape(op);
  const required = new Set(input.required ?? []);
  const command = new OperationCommand(cliName(operationName))
    .summary(plainDocumentation(op.documentation, 90))
    .description(plainDocumentation(op.documentation, 400));
  const members = Object.entries(input.members ?? {});
  for (const [member, ref] of members) {
    const shape = getShape(ref.shape);
    const flag = `--${cliName(member)} ${shape.type === 'list' ? '<value...>' : '<value>'}`;
    command.option(flag, optionHelp(member, shape, ref.documentation, required.has(member), SOFT_REQUIRED[operationName]?.includes(member)));
  }
  command
    .option('--cli-input-json <json>', 'read the request from JSON or file://PATH (the --generate-cli-skeleton shape); options given here win')
    .option('--generate-cli-skeleton [type]', 'print a sample request (input, the default) or response (output) as JSON and call nothing');
  addGlobalOptions(command);
  exitLikeAwsCli(command);
  command.action(async (_opts: unknown, self: Command) => {
    const opts = self.opts() as Record<string, unknown>;
    const options: Record<string, string | string[] | undefined> = {};
    for (const [member] of members) options[member] = opts[attributeName(member)] as string | string[] | undefined;
    await runAndSetExitCode(async () => {
      const { runOperation } = await import('./run-operation.js');
      return runOperation(
        {
          operation: operationName,
          options,
          cliInputJson: opts.cliInputJson as string | undefined,
          generateCliSkeleton: opts.generateCliSkeleton as string | boolean | undefined,
          globals: globalFlags(self),
        },
        processIO(),
      );
    });
  });
  return command;
}

/** Commander's attribute for `--identity-pool-id`: `identityPoolId`. */
function attributeName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function optionHelp(member: string, shape: Shape, documentation: string | undefined, required: boolean, soft: boolean | undefined): string {
  const parts: string[] = [];
  if (required && !soft) parts.push('(required)');
  if (soft) parts.push('(fetched with ListRecords when omitted)');
  const doc = plainDocumentation(documentation ?? shape.documentation, 120);
  if (doc) parts.push(doc);
  if (shape.enum) parts.push(`One of: ${shape.enum.join(', ')}.`);
  if (shape.type === 'integer' || shape.type === 'long') parts.push('(integer)');
  if (supportsShorthand(shape)) parts.push(`Shorthand: ${shorthandSyntax(shape)}  JSON and file://PATH work too.`);
  else if (shape.type === 'timestamp') parts.push('ISO 8601 or epoch seconds.');
  void member;
  return parts.join(' ');
}
