export interface CompareRow {
  part: "engine" | "browser";
  k: string;
  v: number | null;
  b: number;
  mark: string;
}
type Figures = Partial<Record<"engine" | "browser", Record<string, number>>>;
export function compare(base: Figures, now: Figures, ratio?: number): CompareRow[];
export function current(): Figures & { machine: unknown };
