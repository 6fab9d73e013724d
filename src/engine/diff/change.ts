import type { Change, ChangeKind, Part } from "../../contract/change";

/** Parts put together in order: what each differ returns to the next one up. */
export class Parts {
  readonly items: Change[] = [];
  folded = 0;
  push(...c: Change[]): void {
    this.items.push(...c);
  }
  add(p: Part): void {
    this.items.push(...p.items);
    this.folded += p.folded;
  }
  get part(): Part {
    return { items: this.items, folded: this.folded };
  }
}

/**
 * Collects the changes of one group (one kind, one segment): the first `keep` are listed one by
 * one; past that, a single summary line says how many there were. A fork of a 1 GB segment
 * changes 262,144 slots: the list must stay readable and its cost bounded.
 */
export class Group {
  private readonly list: Change[] = [];
  count = 0;
  constructor(
    readonly kind: ChangeKind,
    private readonly keep: number,
  ) {}

  add(make: () => Change): void {
    this.count++;
    if (this.count <= this.keep) this.list.push(make());
  }

  /** the listed items, or the first ones and a summary made by `sum` from the count */
  done(sum: (count: number) => Change): Part {
    if (this.count <= this.keep) return { items: this.list, folded: 0 };
    const shown = this.list.slice(0, Math.max(0, this.keep - 1));
    return { items: [...shown, sum(this.count - shown.length)], folded: this.count - shown.length };
  }
}

/** "4k", "1,024k": sizes as swap -s and pmap print them (KB). */
export const kb = (pages: number, pageSize: number): string =>
  `${((pages * pageSize) / 1024).toLocaleString("en-US")}k`;

export const n = (x: number): string => x.toLocaleString("en-US");
