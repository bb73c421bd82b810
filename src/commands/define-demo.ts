// Commander definitions of the demo tools: `cogsync demo` (a guided tour) and
// `cogsync merge-identities` (the local server's admin route). Runners load lazily.
import { Command } from 'commander';
import { addConnectionOptions, exitLikeAwsCli, globalFlags, runAndSetExitCode } from './global-options.js';
import { ExitCode } from './errors.js';
import { processIO } from './io.js';

export function defineDemoCommands(): Command[] {
  const demo = new Command('demo')
    .summary('Print a guided tour of the demo data: commands and keys to try')
    .description('Print a guided tour of the demo data: commands and keys to try (nothing is sent)')
    .option('--endpoint-url <url>', 'the server the printed commands should name', 'http://127.0.0.1:4567')
    .action(async (options: { endpointUrl: string }) => {
      await runAndSetExitCode(async () => {
        const io = processIO();
        let url: URL;
        try {
          url = new URL(options.endpointUrl);
        } catch {
          io.stderr(`cogsync: --endpoint-url must be a URL such as http://127.0.0.1:4567, got '${options.endpointUrl}'\n`);
          return ExitCode.Usage;
        }
        const { demoTour } = await import('./demo-tour.js');
        io.stdout(demoTour({ endpointUrl: url.origin }));
        return 0;
      });
    });
  exitLikeAwsCli(demo);

  const merge = new Command('merge-identities')
    .summary('Merge one identity into another on a cogsync local server (admin route; refused elsewhere)')
    .description(
      'Merge one identity into another on a cogsync local server, as Cognito Identity does when logins are linked: ' +
        "each dataset D of the source becomes D.<source id> under the destination, and the source goes. Local servers only.",
    )
    .requiredOption('--identity-pool-id <id>', 'the identity pool of both identities')
    .requiredOption('--source-identity-id <id>', 'the identity merged away')
    .requiredOption('--destination-identity-id <id>', 'the identity that receives the datasets');
  addConnectionOptions(merge);
  exitLikeAwsCli(merge);
  merge.action(async (_o: unknown, self: Command) => {
    const o = self.opts() as Record<string, string>;
    await runAndSetExitCode(async () =>
      (await import('./merge-identities.js')).runMergeIdentities(
        {
          identityPoolId: o.identityPoolId,
          sourceIdentityId: o.sourceIdentityId,
          destinationIdentityId: o.destinationIdentityId,
          globals: globalFlags(self),
        },
        processIO(),
      ),
    );
  });
  return [demo, merge];
}
