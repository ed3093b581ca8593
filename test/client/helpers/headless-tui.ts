import { PassThrough } from 'node:stream';
import { createTui, type Tui } from '../../../client/tui.js';

/** A terminal that is only streams: what blessed needs to run without a tty. */
export interface HeadlessTerminal {
  tui: Tui;
  input: PassThrough;
  output: PassThrough & { columns: number; rows: number };
  /** Everything written to the terminal so far. */
  written(): string;
  resize(cols: number, rows: number): void;
  /** The screen as one string, rows joined by newlines. */
  screen(): string;
  destroy(): void;
}

export function headlessTerminal(cols = 80, rows = 24, options: { mono?: boolean; mouse?: boolean } = {}): HeadlessTerminal {
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { columns: cols, rows, isTTY: true });
  let out = '';
  output.on('data', (d: Buffer) => { out += d.toString('utf8'); });
  (input as unknown as { setRawMode: (b: boolean) => void }).setRawMode = () => {};
  (input as unknown as { isTTY: boolean }).isTTY = true;
  const tui = createTui({ input, output, mouse: options.mouse ?? false, mono: options.mono ?? false });
  return {
    tui,
    input,
    output,
    written: () => out,
    resize(c, r) {
      output.columns = c;
      output.rows = r;
      output.emit('resize');
    },
    screen: () => tui.text().join('\n'),
    destroy: () => tui.destroy(),
  };
}

/** Polls until `check` passes, failing with what was last seen after `timeoutMs`. */
export async function until(check: () => boolean, describe: () => string, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms; last seen:\n${describe()}`);
    await new Promise((r) => setImmediate(r));
  }
}
