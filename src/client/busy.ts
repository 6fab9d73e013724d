import { BUSY_MS, PROGRESS_MS, type StatusEvent } from "./supervision";

/**
 * The busy sign: on once a request has waited BUSY_MS, off when nothing waits; and how far a
 * load got, told a few times a second at most.
 */
export class BusySign {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private busy = false;
  private told = 0;

  constructor(private readonly tell: ((e: StatusEvent) => void) | undefined) {}

  /** `pending` requests wait now. */
  waiting(pending: number): void {
    if (pending === 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.set(false);
    } else if (!this.busy && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.set(true);
      }, BUSY_MS);
    }
  }

  set(on: boolean): void {
    if (on === this.busy) return;
    this.busy = on;
    this.tell?.({ kind: "busy", busy: on });
  }

  progress(step: number, of: number): void {
    const t = Date.now();
    if (t - this.told < PROGRESS_MS) return;
    this.told = t;
    this.tell?.({ kind: "progress", step, of });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
