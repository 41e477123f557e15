import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { CameraProcess } from '/work/wt/pipeline/bench/pipeline-procs';

async function main() {
  const cam = new CameraProcess('640x480', 30, process.argv[2] ?? 'bare');
  const r = await cam.ready();
  console.log('ready', r.port);
  const app = spawn(
    process.execPath,
    [
      '--cpu-prof',
      '--cpu-prof-dir',
      '/tmp/pipeprof',
      'out/main/headless.js',
      '--source',
      `url:http://127.0.0.1:${r.port}/app.mjpg`,
      '--port',
      '0',
      '--data-dir',
      '/tmp/pipeprof/data',
      '--no-auth',
    ],
    { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  await sleep(25000);
  app.kill('SIGINT');
  await sleep(3000);
  cam.stop();
}
main();
