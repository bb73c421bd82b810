// Child for the concurrent-open test: waits until the shared start time, opens the database, prints isNew or the error.
import { openDatabase } from '../../src/local/schema.js';

const [path, startAt] = [process.argv[2]!, Number(process.argv[3])];
while (Date.now() < startAt) {
  /* busy-wait so that every child opens at the same moment */
}
try {
  const { db, isNew } = openDatabase(path);
  db.close();
  process.stdout.write(isNew ? 'new' : 'existing');
} catch (error) {
  process.stdout.write(`error: ${(error as Error).message}`);
}
