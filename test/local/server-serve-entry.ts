// Child-process entry for server-serve-command.test.ts: runs runServe with the options
// given as JSON in argv[2], as `cogsync serve` would.
import { runServe, type ServeOptions } from '../../src/local/serve-command.js';

await runServe(JSON.parse(process.argv[2] ?? '{}') as ServeOptions);
