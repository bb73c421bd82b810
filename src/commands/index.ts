// The scripted commands: every Cognito Sync operation under the AWS CLI's name and
// options (`cogsync update-records …`, also as `cogsync cognito-sync update-records …` so
// `aws` can be swapped for `cogsync` in a script), plus cogsync's safer helpers: set, rm,
// export, import and copy. Registration reads only the bundled model; each action loads
// the SDK when it runs, so `--help` stays fast.
import { Command } from 'commander';
import { defineDemoCommands } from './define-demo.js';
import { defineHelperCommands } from './define-helpers.js';
import { defineOperationCommand } from './define-operation.js';
import { addGlobalOptions, exitLikeAwsCli } from './global-options.js';
import { operationNames } from './model/service-model.js';

export function registerCommands(program: Command): void {
  for (const name of operationNames()) program.addCommand(defineOperationCommand(name));
  const group = new Command('cognito-sync')
    .description('The same Cognito Sync commands, spelled as in `aws cognito-sync <command>`')
    // `cogsync cognito-sync --output text list-datasets …`, as the AWS CLI takes it; after the command, the command's.
    .enablePositionalOptions();
  addGlobalOptions(group);
  exitLikeAwsCli(group);
  for (const name of operationNames()) group.addCommand(defineOperationCommand(name));
  program.addCommand(group);
  for (const command of defineHelperCommands()) program.addCommand(command);
  for (const command of defineDemoCommands()) program.addCommand(command);
}
