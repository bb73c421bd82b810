// Child process for the concurrent-append test: appends N entries with a big value each.
import { Journal } from '../../src/config/journal.js';

const [tag, count] = [process.argv[2]!, Number(process.argv[3])];
const journal = new Journal();
const value = tag.repeat(20_000);
for (let i = 0; i < count; i++) {
  journal.append({
    time: new Date().toISOString(), connection: tag, identityPoolId: 'us-east-1:p', identityId: 'us-east-1:i', datasetName: 'd',
    syncCountBefore: i, syncCountAfter: i + 1, changes: [{ key: `k${i}`, op: 'replace', after: { syncCount: i + 1, value } }],
  });
}
