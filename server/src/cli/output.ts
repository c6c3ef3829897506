// Where a command writes. Commands write through this, so tests and `--output` can redirect it.

export interface Output {
  /** The command's result (stdout, or the `--output` file). */
  out(text: string): void;
  /** Messages for the person at the terminal (stderr). */
  err(text: string): void;
  /** True when a person watches the output in a terminal: only then is progress shown. */
  interactive: boolean;
  /** The terminal's width in characters, when known; progress lines are cut to fit. */
  width?: number;
}

/** The process's own streams, as they are now (a start-up snapshot asks again when it wakes). */
export function currentProcessOutput(): Output {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    // Piped or redirected output (CI logs, files) gets no progress lines.
    interactive: Boolean(process.stdout.isTTY && process.stderr.isTTY),
    width: process.stderr.columns,
  };
}

export const processOutput: Output = currentProcessOutput();

/** Runs shorter than this show no progress at all. */
const PROGRESS_AFTER_MS = 500;

/** A one-line progress indicator on stderr that rewrites itself; only on long interactive runs. */
export function progress(output: Output): { update(text: string): void; done(): void } {
  const started = Date.now();
  let shown = false;
  return {
    update(text) {
      if (!output.interactive || Date.now() - started < PROGRESS_AFTER_MS) return;
      // A line wider than the terminal would wrap, and \r could not take it back.
      const fitted = output.width && text.length >= output.width ? text.slice(0, output.width - 2) + '…' : text;
      output.err(`\r\x1b[2K${fitted}`);
      shown = true;
    },
    done() {
      if (shown) output.err('\r\x1b[2K');
      shown = false;
    },
  };
}
