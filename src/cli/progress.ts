/**
 * @module src/cli/progress — a one-line progress bar on a terminal; silent when the stream is not a TTY.
 */
const BAR_WIDTH = 30; // characters

export function progressBar(stream: NodeJS.WriteStream, total: number): { update: (done: number) => void; done: () => void } {
  if (!stream.isTTY || total === 0) return { update: () => undefined, done: () => undefined };
  let last = -1;
  const draw = (done: number): void => {
    const filled = Math.round((done / total) * BAR_WIDTH);
    if (filled === last && done !== total) return;
    last = filled;
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`);
  };
  return { update: draw, done: () => stream.write('\n') };
}
