/**
 * A read of the layout (scrollWidth, offsetLeft, scrollIntoView) done at the start of the next
 * frame rather than at once. Read inside React's commit, it forces the browser to lay the whole
 * page out there and then, and again once later effects have written to it: in the 1 GB preset
 * that was a fifth of a step's main-thread time. At the next frame the layout is the one the
 * frame needs anyway. Calls in the same frame run the read once.
 */
export interface FrameRead {
  (): void;
  cancel: () => void;
}

export function frameRead(read: () => void): FrameRead {
  let id = 0;
  const ask = (() => {
    if (id) return;
    id = requestAnimationFrame(() => {
      id = 0;
      read();
    });
  }) as FrameRead;
  ask.cancel = () => {
    if (id) cancelAnimationFrame(id);
    id = 0;
  };
  return ask;
}
