// Where a command writes. Commands write through this, so tests and `--output` can redirect it.

export interface Output {
  /** The command's result (stdout, or the `--output` file). */
  out(text: string): void;
  /** Messages for the person at the terminal (stderr). */
  err(text: string): void;
  /** True when stderr is an interactive terminal: only then is progress shown. */
  interactive: boolean;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
};

/** A one-line progress indicator that rewrites itself; silent unless interactive. */
export function progress(output: Output): { update(text: string): void; done(): void } {
  let shown = false;
  return {
    update(text) {
      if (!output.interactive) return;
      output.err(`\r\x1b[2K${text}`);
      shown = true;
    },
    done() {
      if (shown) output.err('\r\x1b[2K');
      shown = false;
    },
  };
}
