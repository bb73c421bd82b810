// Child process for the kill -9 test: saves ever-changing drafts as fast as it can and
// prints the number of each finished save, until it is killed.
import { DraftStore } from '../../src/config/drafts.js';
import { createDataset, stagePut } from '../../src/sync/index.js';

const address = JSON.parse(process.argv[2]!) as { connection: string; identityPoolId: string; identityId: string; datasetName: string };
const drafts = new DraftStore({ debounceMs: 0 });
const big = 'v'.repeat(64 * 1024);
for (let n = 1; ; n++) {
  let state = createDataset([], 0);
  for (let k = 0; k < 8; k++) state = stagePut(state, `key${k}`, `${n}:${big}`);
  drafts.save(address, state);
  process.stdout.write(`${n}\n`);
}
