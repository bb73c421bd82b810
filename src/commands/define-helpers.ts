// Commander definitions of cogsync's own helpers (set, rm, export, import, copy). Each
// action loads its runner lazily; the runners hold the logic and are tested in-process.
import { Command, Option } from 'commander';
import { sanitizeLine } from '../util/sanitize.js';
import { addConnectionOptions, addOutputOption, exitLikeAwsCli, globalFlags, optionWithoutValue, runAndSetExitCode } from './global-options.js';
import { processIO } from './io.js';

const ON_CONFLICT = 'when a key changed on the server: fail (default: report, write nothing), mine (overwrite), theirs (keep the server\'s)';

/** What a value-taking option needs, in its refusal; a value by default. */
const VALUE_NOUN: Record<string, string> = { '--dataset': 'a dataset name', '--to-dataset': 'a dataset name', '--to-pool': 'an identity pool id' };

/**
 * A helper whose option values must not look like options, as argparse has it for the AWS CLI (and define-operation.ts
 * for the operations): `import --dataset --region eu-west-1 FILE` forgot the name, where commander would take
 * `--region` as one. A name that starts with a dash (the model allows it) is written `--dataset=-x`.
 */
class HelperCommand extends Command {
  override parseOptions(args: string[]): { operands: string[]; unknown: string[] } {
    const missing = optionWithoutValue(this, args);
    if (missing?.word !== undefined) {
      const { option, word } = missing;
      const long = option.long ?? option.flags;
      let taken = false;
      for (let c: Command | null = this; c; c = c.parent) taken ||= c.options.some((o) => o.long === word || o.short === word);
      const shown = sanitizeLine(word);
      const noun = VALUE_NOUN[long] ?? 'a value';
      const why = taken ? `the option ${shown}` : `'${shown}', which reads as an option: give a ${noun.split(' ').at(-1)} that starts with - as ${long}=${shown}`;
      this.error(`error: ${long} needs ${noun}, not ${why}`, { code: 'commander.optionMissingArgument' });
    }
    return super.parseOptions(args);
  }
}

function helper(name: string, summary: string, withOutput = false): Command {
  const command = new HelperCommand(name).summary(summary).description(summary);
  addConnectionOptions(command);
  if (withOutput) addOutputOption(command);
  exitLikeAwsCli(command);
  return command;
}

export function defineHelperCommands(): Command[] {
  const set = helper('set', 'Write keys of a dataset in one batch, with the right SyncCounts', true)
    .argument('<pool>', 'identity pool id')
    .argument('<identity>', 'identity id')
    .argument('<dataset>', 'dataset name (created if missing)')
    .argument('<assignments...>', 'KEY=VALUE (the first = splits; KEY= writes an empty value)')
    .option('--dry-run', 'print the record patches and send nothing')
    .option('--device-id <id>', 'sent as DeviceId (the server records it as LastModifiedBy)')
    .addOption(new Option('--on-conflict <policy>', ON_CONFLICT))
    .action(async (pool: string, identity: string, dataset: string, words: string[], _o: unknown, self: Command) => {
      await runAndSetExitCode(async () => (await import('./edit/set-rm.js')).runSet(editRequest(pool, identity, dataset, words, self), processIO()));
    });

  const rm = helper('rm', 'Remove keys of a dataset in one batch, with the right SyncCounts', true)
    .argument('<pool>', 'identity pool id')
    .argument('<identity>', 'identity id')
    .argument('<dataset>', 'dataset name')
    .argument('<keys...>', 'keys to remove')
    .option('--dry-run', 'print the record patches and send nothing')
    .option('--device-id <id>', 'sent as DeviceId (the server records it as LastModifiedBy)')
    .addOption(new Option('--on-conflict <policy>', ON_CONFLICT))
    .action(async (pool: string, identity: string, dataset: string, words: string[], _o: unknown, self: Command) => {
      await runAndSetExitCode(async () => (await import('./edit/set-rm.js')).runRemove(editRequest(pool, identity, dataset, words, self), processIO()));
    });

  const exportCommand = helper('export', "Print a dataset, or all of an identity's datasets, as JSON with SyncCounts")
    .argument('<pool>', 'identity pool id')
    .argument('<identity>', 'identity id')
    .argument('[dataset]', 'one dataset (default: every dataset of the identity)')
    .action(async (pool: string, identity: string, dataset: string | undefined, _o: unknown, self: Command) => {
      await runAndSetExitCode(async () =>
        (await import('./transfer/export.js')).runExport({ identityPoolId: pool, identityId: identity, datasetName: dataset, globals: globalFlags(self) }, processIO()),
      );
    });

  const importCommand = helper('import', 'Make datasets match an export file: prints the plan, writes with --apply')
    .argument('<file>', 'a file written by `cogsync export` (Records without SyncCount are not conflict-checked)')
    .option('--identity-pool-id <id>', "write to this pool instead of the file's")
    .option('--identity-id <id>', "write to this identity instead of the file's (SyncCounts are then not compared)")
    // One name (or comma list) per occurrence, never variadic: `--dataset a FILE` must leave FILE to the argument.
    .addOption(new Option('--dataset <name>', 'only this dataset of the file; repeat it (--dataset a --dataset b) or give a list (a,b)').argParser(collect))
    .option('--apply', 'write the plan (one UpdateRecords per dataset); without it nothing is written')
    .option('--prune', 'also remove keys the file does not list')
    .option('--json', 'print the plan as JSON')
    .addOption(new Option('--on-conflict <policy>', ON_CONFLICT))
    // Excess words reach the runner, which explains them (`--dataset a b` as it read before).
    .allowExcessArguments(true)
    .action(async (file: string, _o: unknown, self: Command) => {
      const o = self.opts() as Record<string, unknown>;
      await runAndSetExitCode(async () =>
        (await import('./transfer/import.js')).runImport(
          {
            file,
            extraArguments: self.args.slice(1),
            identityPoolId: o.identityPoolId as string | undefined,
            identityId: o.identityId as string | undefined,
            datasets: o.dataset as string[] | undefined,
            apply: o.apply === true,
            prune: o.prune === true,
            json: o.json === true,
            onConflict: o.onConflict as string | undefined,
            globals: globalFlags(self),
          },
          processIO(),
        ),
      );
    });

  const copy = helper('copy', "Copy a dataset's records onto another identity in one batch")
    .argument('<pool>', 'identity pool id')
    .argument('<source-identity>', 'identity to copy from')
    .argument('<dataset>', 'dataset name')
    .argument('<target-identity>', 'identity to copy onto')
    .option('--to-pool <id>', 'target identity pool (default: the same pool)')
    .option('--to-dataset <name>', 'target dataset name (default: the same name)')
    .option('--prune', 'also remove keys the source does not have')
    .option('--dry-run', 'print the plan and write nothing')
    .option('--json', 'print the plan as JSON')
    .addOption(new Option('--on-conflict <policy>', ON_CONFLICT))
    .action(async (pool: string, source: string, dataset: string, target: string, _o: unknown, self: Command) => {
      const o = self.opts() as Record<string, unknown>;
      await runAndSetExitCode(async () =>
        (await import('./transfer/copy.js')).runCopy(
          {
            identityPoolId: pool,
            sourceIdentityId: source,
            datasetName: dataset,
            targetIdentityId: target,
            targetPoolId: o.toPool as string | undefined,
            targetDatasetName: o.toDataset as string | undefined,
            prune: o.prune === true,
            dryRun: o.dryRun === true,
            json: o.json === true,
            onConflict: o.onConflict as string | undefined,
            globals: globalFlags(self),
          },
          processIO(),
        ),
      );
    });

  return [set, rm, exportCommand, importCommand, copy];
}

/** Repeatable option: every occurrence kept, in order. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function editRequest(pool: string, identity: string, dataset: string, words: string[], self: Command) {
  const o = self.opts() as Record<string, unknown>;
  return {
    identityPoolId: pool,
    identityId: identity,
    datasetName: dataset,
    words,
    dryRun: o.dryRun === true,
    deviceId: o.deviceId as string | undefined,
    onConflict: o.onConflict as string | undefined,
    globals: globalFlags(self),
  };
}
