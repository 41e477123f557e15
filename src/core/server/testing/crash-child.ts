/**
 * Child process for the crash test: store + hub + server on 127.0.0.1:0 over a given data dir.
 *   burst <dataDir> <clients>: once <clients> streams are connected, publishes motion start/end
 *     pairs as fast as the store allows until it is killed (or 100,000 events).
 *   serve <dataDir>: publishes one motion event and serves.
 *   open <dataDir>: starts a motion event, notes its progress 3 s later, and serves with it open.
 * Prints `port N`, in serve mode `published ID`, in open mode `open ID` on stdout.
 */
import { SNAPSHOT, startTestServer } from './test-server';

async function main(): Promise<void> {
  const [mode, dataDir, clients = '1'] = process.argv.slice(2);
  const s = await startTestServer({ dataDir });
  process.stdout.write(`port ${s.port}\n`);
  if (mode === 'serve') {
    process.stdout.write(`published ${s.motion()}\n`);
    return;
  }
  if (mode === 'open') {
    // Whole seconds ten seconds ago: recent enough for retention, exact enough to compare.
    const ts = Math.floor(Date.now() / 1000) - 10;
    const start = s.hub.publishMotionStart({ camera: 'camera', ts, change: 4, box: null }, SNAPSHOT);
    s.store.noteProgress({ motionId: start.id, ts: ts + 3, frames: 12, peakChange: 9, box: null });
    process.stdout.write(`open ${start.id}\n`);
    return;
  }
  while (s.hub.subscriberCount < Number(clients)) await new Promise((r) => setTimeout(r, 5));
  for (let i = 0; i < 50_000; i++) {
    const motionId = s.motion();
    s.hub.publishMotionEnd({
      camera: 'camera',
      motionId,
      ts: Date.now() / 1000,
      duration: 0,
      peakChange: 5,
      frames: 1,
      box: null,
    });
    await new Promise((r) => setImmediate(r));
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
