// A child process for the signal/exit tests in databases-signals.test.ts: starts
// one provider, prints what it created as one JSON line, then either runs a long
// statement (so the signal arrives mid-run) or exits without stopping.
//   node --import tsx test/databases-child.ts <kind> <sleep|exit> [databaseUrl]

import { startDatabase } from '../src/verify/databases/index';

const [kind, mode, databaseUrl] = process.argv.slice(2);
const db = await startDatabase(kind, { databaseUrl });
await db.exec('CREATE TABLE child_marker (id int)');
const info = db as unknown as Record<string, unknown>;
process.stdout.write(
  JSON.stringify({
    kind: db.kind,
    pid: info.pid,
    tempDir: info.tempDir,
    containerId: info.containerId,
    runId: info.runId,
    scratchDatabase: info.scratchDatabase,
  }) + '\n',
);
if (mode === 'exit') {
  // leave without stop(): only the 'exit' handler's synchronous cleanup runs
  process.exit(3);
}
await db.query('SELECT pg_sleep(60)').catch(() => {});
