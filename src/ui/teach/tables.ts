/**
 * The facts of the diagrams as rows: the worker builds them (worker/docView.ts), each table
 * capped, so the table view, the printable view and the text copy all say the same thing.
 */
import type { DocTable } from "../../contract/docView";

export type Table = DocTable;

/** A table as tab-separated text, for notes and spreadsheets. */
export function tableText(t: Table): string {
  return [`# ${t.caption}`, t.head.join("\t"), ...t.rows.map((r) => r.join("\t"))].join("\n") + "\n";
}
