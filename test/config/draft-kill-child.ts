// Child process for the "killed right after staging" test: stages one edit through the
// debounced path the editor uses, then kills itself with SIGKILL before the quiet time ends.
import { DraftStore } from '../../src/config/drafts.js';
import { createDataset, stagePut } from '../../src/sync/index.js';

const address = JSON.parse(process.argv[2]!) as { connection: string; identityPoolId: string; identityId: string; datasetName: string };
const drafts = new DraftStore({ debounceMs: 60_000 });
drafts.scheduleSave(address, stagePut(createDataset([], 0), 'k', 'staged just before the kill'));
process.kill(process.pid, 'SIGKILL');
