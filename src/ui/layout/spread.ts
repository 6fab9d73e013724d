/**
 * One-dimensional placement without overlap: boxes of width w want to sit at `ideal` x
 * positions (left edges) inside [min, max]; keep their order, push apart where they collide,
 * and slide the whole run back inside the bounds. If they cannot all fit, they are squeezed
 * evenly (the caller should then pick a smaller box).
 */
export function spread1D(
  ideal: readonly number[],
  w: number,
  gap: number,
  min: number,
  max: number,
): number[] {
  const n = ideal.length;
  if (n === 0) return [];
  const step = w + gap;
  const room = max - min;
  if (n * w + (n - 1) * gap > room) {
    const s = n === 1 ? 0 : (room - w) / (n - 1);
    return ideal.map((_, i) => min + Math.max(0, s) * i);
  }
  const xs = ideal.map((x) => Math.min(Math.max(x, min), max - w));
  for (let i = 1; i < n; i++) xs[i] = Math.max(xs[i]!, xs[i - 1]! + step);
  // past the right edge: pull back from the right
  if (xs[n - 1]! > max - w) {
    xs[n - 1] = max - w;
    for (let i = n - 2; i >= 0; i--) xs[i] = Math.min(xs[i]!, xs[i + 1]! - step);
  }
  return xs;
}

/** Largest box width (capped) that lets n boxes with gaps fit in `room`. */
export function fitWidth(n: number, room: number, gap: number, cap: number): number {
  if (n <= 0) return cap;
  return Math.max(0, Math.min(cap, (room - gap * (n - 1)) / n));
}
