import { protText } from "./prot";
/**
 * The scenario language as data: what the parser produces and the engine runs.
 * See ../shared/spec/scenario-format.md §1 (kept in docs/scenario-format.md).
 */

export type Arch = "x86" | "sparc";

/** Protection as the language writes it: a subset of rwx. */
export interface Prot {
  readonly r: boolean;
  readonly w: boolean;
  readonly x: boolean;
}

/** A page or an inclusive range of pages, counted from the start of the named mapping. */
export interface PageRange {
  readonly from: number;
  readonly to: number;
}

/** Where a statement sits in the text, for messages and for the UI's editor. */
interface Where {
  readonly line: number;
  readonly text: string;
}

export interface MachineDecl {
  readonly arch: Arch;
  /** pages of physical memory; undefined means the default (see DEFAULT_MACHINE) */
  readonly ramPages?: number | undefined;
  /** pages of the one swap device, label page included; undefined means the default */
  readonly swapPages?: number | undefined;
}

export interface FileDecl {
  readonly path: string;
  /** in pages of the machine's page size */
  readonly pages: number;
}

export type Op =
  | { readonly op: "spawn"; readonly proc: string; readonly empty: boolean }
  | {
      readonly op: "mmap";
      readonly proc: string;
      readonly seg: string;
      /** "/dev/zero", "anon", or a declared file path */
      readonly source: string;
      readonly pages: number;
      readonly prot: Prot;
      readonly shared: boolean;
      /** pages into the file */
      readonly offset: number;
      readonly noreserve: boolean;
    }
  | { readonly op: "munmap"; readonly proc: string; readonly seg: string; readonly range: PageRange | null }
  | {
      readonly op: "mprotect";
      readonly proc: string;
      readonly seg: string;
      readonly prot: Prot;
      readonly range: PageRange | null;
    }
  | { readonly op: "read" | "write"; readonly proc: string; readonly seg: string; readonly range: PageRange }
  | { readonly op: "fork"; readonly proc: string; readonly child: string }
  | { readonly op: "exit"; readonly proc: string }
  | { readonly op: "sbrk"; readonly proc: string; readonly pages: number }
  | { readonly op: "stack"; readonly proc: string; readonly pages: number }
  | {
      readonly op: "pageout";
      readonly proc: string;
      readonly seg: string;
      readonly range: PageRange;
      /** `reuse`: the frames are taken for other uses at once (memory is short) */
      readonly reuse: boolean;
    };

export type Statement = Op & { readonly where: Where };

export interface Scenario {
  readonly machine: MachineDecl;
  readonly files: readonly FileDecl[];
  readonly steps: readonly Statement[];
}

export interface ParseError {
  readonly line: number;
  readonly column: number;
  /** what was expected, in plain words; the full message is `line N, column M: message` */
  readonly message: string;
}

export type ParseResult =
  { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly error: ParseError };

export const protString = (p: Prot): string => protText((p.r ? 1 : 0) | (p.w ? 2 : 0) | (p.x ? 4 : 0));
