import type { Arch } from "../contract/ast";

// The machine line is text the user wrote: it is rewritten in place (comments and the other
// settings kept) rather than printed again from the parsed scenario.

const MACHINE = /^(\s*)machine\b([^#]*)(#.*)?$/;

/**
 * The scenario with its `machine` line set to `arch`: the arch= of an existing machine line is
 * replaced (or added), else a machine line goes in after the leading comments. x86 is the
 * default, so a text without a machine line stays as it is for x86.
 */
export function withArch(text: string, arch: Arch): string {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => MACHINE.test(l));
  if (i >= 0) {
    const m = MACHINE.exec(lines[i]!)!;
    const args = m[2]!;
    const next = /\barch=\S*/.test(args)
      ? args.replace(/\barch=\S*/, `arch=${arch}`)
      : ` arch=${arch}${args}`;
    lines[i] = `${m[1]}machine${next}${m[3] ?? ""}`;
    return lines.join("\n");
  }
  if (arch === "x86") return text;
  let at = 0;
  while (at < lines.length && (lines[at]!.trim() === "" || lines[at]!.trim().startsWith("#"))) at++;
  // keep a blank line that ends the header comments below the new line
  while (at > 0 && lines[at - 1]!.trim() === "") at--;
  lines.splice(at, 0, `machine arch=${arch}`);
  return lines.join("\n");
}
