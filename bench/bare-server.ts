// The baseline of the server benchmark, run in a process of its own as `cogsync serve` is: a bare node:http server
// that reads each request body whole, into one buffer as any server must before it can parse JSON, then answers
// with fixed bytes: the ListRecords reply for a GET, the UpdateRecords reply for anything else.
// Usage: node --import tsx bench/bare-server.ts LIST_REPLY_FILE UPDATE_REPLY_FILE; prints its URL on one line.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Starts the bare server on 127.0.0.1 and a free port. */
export function startBareServer(listBody: Buffer, updateBody: Buffer): Promise<{ url: URL; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      chunks.push(c);
      size += c.length;
    });
    req.on('end', () => {
      const received = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      if (received.length !== Number(req.headers['content-length'] ?? 0)) throw new Error('bare server: short body');
      const body = req.method === 'GET' ? listBody : updateBody;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length, 'x-amzn-RequestId': randomUUID() });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('bare server has no port');
      resolve({
        url: new URL(`http://127.0.0.1:${address.port}`),
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    }),
  );
}

if (process.argv[1]?.endsWith('bare-server.ts') && process.argv.length === 4) {
  const bare = await startBareServer(readFileSync(process.argv[2]), readFileSync(process.argv[3]));
  process.stdout.write(`${bare.url.origin}\n`);
  process.on('SIGTERM', () => void bare.close().then(() => process.exit(0)));
}
