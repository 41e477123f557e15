import { hashPassword, passwordProblem } from './password';
import { SessionStore } from './session-store';

/**
 * Reads one line from stdin: typed without echo on a terminal, or piped (`printf '%s\n' … | npm run serve --
 * --set-password`). Resolves on Enter or the end of the input.
 */
export function readSecretLine(prompt: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let text = '';
    const tty = input.isTTY === true;
    if (tty) {
      process.stderr.write(prompt);
      input.setRawMode(true);
    }
    input.setEncoding('utf8');
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.off('end', onEnd);
      if (tty) {
        input.setRawMode(false);
        process.stderr.write('\n');
      }
      input.pause();
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new Error('--set-password: cancelled'));
        if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else text += char;
      }
    };
    const onEnd = () => finish();
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}

/** `--set-password`: stores the scrypt hash of the password read from stdin in the data dir's access database. */
export async function setPasswordFromStdin(dataDir: string): Promise<void> {
  const password = await readSecretLine('new sign-in password: ');
  const problem = passwordProblem(password);
  if (problem) throw new Error(`--set-password: ${problem}`);
  const store = new SessionStore(dataDir);
  try {
    store.setPasswordHash(await hashPassword(password));
  } finally {
    store.close();
  }
}
