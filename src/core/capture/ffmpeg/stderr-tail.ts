/** Keeps the last few lines a child wrote to stderr, to say why it died. */
export class StderrTail {
  #lines: string[] = [];
  #partial = '';

  /** @param keep lines kept. Default 5. */
  constructor(private readonly keep = 5) {}

  push(chunk: Buffer): void {
    const lines = (this.#partial + chunk.toString('utf8')).split(/\r?\n|\r/);
    this.#partial = (lines.pop() ?? '').slice(-500);
    for (const line of lines) if (line.trim()) this.#lines.push(line.trim().slice(0, 500));
    this.#lines.splice(0, Math.max(0, this.#lines.length - this.keep));
  }

  /** The last non-empty line, or undefined. */
  last(): string | undefined {
    return this.#partial.trim() || this.#lines.at(-1);
  }

  all(): string[] {
    return [...this.#lines];
  }
}
