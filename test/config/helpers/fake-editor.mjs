// A stand-in for $EDITOR: writes the JSON given in FAKE_EDITOR_CONTENT to the file named
// by the last argument, as a person saving their edit would.
import { writeFileSync } from 'node:fs';
writeFileSync(process.argv[process.argv.length - 1], process.env.FAKE_EDITOR_CONTENT ?? '');
