// Child process for the concurrent-append tests: appends N entries with a big value each (optionally rotating at
// MAX_BYTES and keeping KEEP rotated files).
import { Journal } from '../../src/config/journal.js';

const [tag, count] = [process.argv[2]!, Number(process.argv[3])];
const [maxBytes, keep] = [process.argv[4], process.argv[5]].map((a) => (a === undefined ? undefined : Number(a)));
const journal = new Journal({ maxBytes, keep });
const value = tag.repeat(20_000);
for (let i = 0; i < count; i++) {
  journal.append({
    time: new Date().toISOString(), connection: tag, identityPoolId: 'us-east-1:p', identityId: 'us-east-1:i', datasetName: 'd',
    syncCountBefore: i, syncCountAfter: i + 1, changes: [{ key: `k${i}`, op: 'replace', after: { syncCount: i + 1, value } }],
  });
}
