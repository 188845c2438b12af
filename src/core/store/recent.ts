/**
 * Keeps count of the keys a lazy cache filled, oldest first, and drops the oldest (through `drop`) once more than
 * `limit` are held: what bounds the articles laid out and the annotations decoded in a long-running process.
 */
export function keepRecent(limit: number, drop: (key: number) => void): (key: number) => void {
  const recent: number[] = [];
  let oldest = 0;
  return (key) => {
    recent.push(key);
    if (recent.length - oldest <= limit) return;
    drop(recent[oldest++]!);
    if (oldest > limit) recent.splice(0, oldest), (oldest = 0);
  };
}
