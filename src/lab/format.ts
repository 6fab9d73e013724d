/**
 * The lines the lab program prints around the real tools' output (src/lab/c/coord.c and
 * main.c print them; `--emit-expected` prints the same from the simulator), written and read
 * in one place so both sides agree:
 *
 *   == anonscope lab: <title>
 *   -- scenario page size: <bytes> bytes (<arch>)
 *   -- machine: <what ran it>, ...
 *   == step <n>: <statement>                      ("(start)" for step 0)
 *   -- <proc> (pid <pid>): <RESULT>[: <detail>]   a process ran the statement
 *   -- <proc>: <RESULT>[: <detail>]                the coordinator refused it (no such process)
 *   -- (page daemon): <RESULT>                     the simulator's pageout
 *   -- skipped: <why>                              what a user program cannot do
 *   -- map <proc> (pid <pid>): <seg> <ADDR>+<pages> ...   the process's segments, page 0 each
 *   <pmap -x>  or, on Linux, "-- smaps of pid <pid>: ..." and one line per mapping
 *   <swap -s>  or, on Linux, "-- committed_as: <n> kB"
 *   == end
 */

export interface SegExtent {
  readonly name: string;
  /** address of the mapping's page 0, 16 upper-case hex digits */
  readonly origin: string;
  /** pages from page 0 to the mapping's end */
  readonly pages: number;
}

export interface ResultLine {
  readonly actor: string;
  readonly pid: number | null;
  /** ok, an errno name (EAGAIN), a signal name (SIGSEGV), or SKIPPED */
  readonly result: string;
  readonly detail: string;
}

export const stepMarker = (n: number, text: string): string => `== step ${n}: ${n === 0 ? "(start)" : text}`;

export function resultText(r: ResultLine): string {
  const who = r.pid === null ? r.actor : `${r.actor} (pid ${r.pid})`;
  return `-- ${who}: ${r.result}${r.detail ? `: ${r.detail}` : ""}`;
}

export function mapText(proc: string, pid: number, segs: readonly SegExtent[]): string {
  return `-- map ${proc} (pid ${pid}):${segs.map((s) => ` ${s.name} ${s.origin}+${s.pages}`).join("")}`;
}

export const PAGE_DAEMON = "(page daemon)";

// --- reading them back (linear regexes: no nested quantifiers) -------------------------------

export const RE_TITLE = /^== anonscope lab: (.*)$/;
export const RE_PAGE_SIZE = /^-- scenario page size: (\d{1,6}) bytes \((\w{1,8})\)$/;
export const RE_MACHINE = /^-- machine: (.*)$/;
export const RE_STEP = /^== step (\d{1,6}): (.*)$/;
export const RE_END = /^== end$/;
export const RE_FAILED = /^== lab failed: (.*)$/;
export const RE_RESULT =
  /^-- ([A-Za-z][A-Za-z0-9_]{0,31}|\(page daemon\))(?: \(pid (\d{1,10})\))?: ([A-Z][A-Z0-9_]{0,31}|ok)(?:: (.*))?$/;
export const RE_SKIPPED = /^-- skipped: (.*)$/;
export const RE_MAP = /^-- map ([A-Za-z][A-Za-z0-9_]{0,31}) \(pid (\d{1,10})\):(.*)$/;
const RE_MAP_SEG = /^([A-Za-z][A-Za-z0-9_]{0,31}) ([0-9A-F]{1,16})\+(\d{1,12})$/;
export const RE_SMAPS_HEAD = /^-- smaps of pid (\d{1,10})/;
export const RE_SMAPS_ROW =
  /^([0-9a-f]{1,16})-([0-9a-f]{1,16}) +(\d{1,15}) +(\d{1,15}) +(\d{1,15}) ([r-][w-][x-][s-][R-]) {2}(.*)$/;
export const RE_COMMITTED = /^-- committed_as: (\d{1,15}) kB$/;

/** The segments of a map line ("-- map P1 (pid 4242): buf 00007F..+4 ..."), or null if bad. */
export function parseMapSegs(rest: string): SegExtent[] | null {
  if (rest.length > 200_000) return null; // a real map line lists at most a few hundred segments
  const words = rest.split(" ").filter(Boolean);
  if (words.length % 2 !== 0) return null;
  const out: SegExtent[] = [];
  for (let i = 0; i < words.length; i += 2) {
    const m = RE_MAP_SEG.exec(`${words[i]} ${words[i + 1]}`);
    if (!m) return null;
    out.push({ name: m[1]!, origin: m[2]!.padStart(16, "0"), pages: Number(m[3]) });
  }
  return out;
}
