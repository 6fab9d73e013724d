import type { Position, Reply } from "../contract/wire/protocol";

export interface SeekAsk {
  readonly gen: number;
  readonly pos: Position;
  /** the main thread shows it already (a snapshot sent ahead): the engine only moves there */
  readonly have: boolean;
}

/**
 * The user's moves, latest wins: one seek in flight at a time, and of the asks made meanwhile
 * only the last is sent when it returns. Scrubbing fast costs one snapshot per round trip.
 */
export class SeekQueue {
  private busy = false;
  private next: SeekAsk | null = null;
  private onReply: (r: Reply) => void = () => {};
  /** bumped by reset: a reply from before it starts no new round */
  private round = 0;

  constructor(private readonly send: (ask: SeekAsk) => Promise<Reply>) {}

  ask(ask: SeekAsk, onReply: (r: Reply) => void): void {
    this.next = ask;
    this.onReply = onReply;
    if (!this.busy) this.pump();
  }

  /** The ask waiting to be sent, if any. */
  waiting(): SeekAsk | null {
    return this.next;
  }

  /** Forget the waiting ask (a load or a resume moves the screen instead). */
  drop(): void {
    this.next = null;
  }

  /** The engine was restarted: nothing is in flight, nothing waits. */
  reset(): void {
    this.busy = false;
    this.next = null;
    this.round++;
  }

  private pump(): void {
    const next = this.next;
    this.next = null;
    if (!next) {
      this.busy = false;
      return;
    }
    this.busy = true;
    const round = this.round;
    void this.send(next).then((r) => {
      this.onReply(r);
      // after a restart the pump starts afresh
      if (round === this.round) this.pump();
    });
  }
}
