import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Nothing from input is ever turned into HTML or code. React and d3 write text nodes and
 * attributes; these are the ways around that, banned from every source file under src/ (tests
 * included: a test that needs one has to say why here). The Content-Security-Policy of the
 * built app (index.html, vite.config.ts) enforces the same at run time.
 */
const BANNED: readonly (readonly [RegExp, string])[] = [
  [/\bdangerouslySetInnerHTML\b/, "dangerouslySetInnerHTML"],
  [/\.innerHTML\b/, "innerHTML"],
  [/\.outerHTML\s*=(?!=)/, "outerHTML assignment"],
  [/\binsertAdjacentHTML\b/, "insertAdjacentHTML"],
  [/\bcreateContextualFragment\b/, "createContextualFragment"],
  [/\bDOMParser\b/, "DOMParser"],
  [/\bdocument\.write(ln)?\s*\(/, "document.write"],
  [/\bsrcdoc\b/, "srcdoc"],
  [/\.html\s*\(/, "d3 selection.html()"],
  [/(^|[^.\w$])eval\s*\(/, "eval"],
  [/\bnew\s+Function\s*\(/, "new Function"],
  [/(^|[^.\w$])Function\s*\(\s*["'`]/, "Function(string)"],
  [/\bset(Timeout|Interval)\s*\(\s*["'`]/, "a timer with a string of code"],
  [/["'`]\s*javascript:/i, "a javascript: URL"],
];

const SRC = fileURLToPath(new URL(".", import.meta.url));
const SELF = fileURLToPath(import.meta.url);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx|js|mjs)$/.test(e.name) && p !== SELF ? [p] : [];
  });
}

/** Comments may name what they avoid ("never innerHTML"); only code counts. */
const code = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/(^|\s)\/\/.*$/gm, "$1");

describe("no HTML or code from strings", () => {
  const files = sources(SRC);

  it("finds the sources", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("no file under src/ uses innerHTML, dangerouslySetInnerHTML, eval, new Function or the like", () => {
    const found: string[] = [];
    for (const f of files) {
      const lines = code(readFileSync(f, "utf8")).split("\n");
      lines.forEach((line, i) => {
        for (const [re, what] of BANNED) {
          if (re.test(line)) found.push(`${relative(SRC, f)}:${i + 1}: ${what}: ${line.trim()}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it("the built page carries a strict Content-Security-Policy (index.html)", () => {
    const html = readFileSync(join(SRC, "..", "index.html"), "utf8");
    const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(m, "the CSP meta tag").not.toBeNull();
    const policy = new Map(
      m![1]!.split(";").map((d) => {
        const [name = "", ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("script-src")).toEqual(["'self'"]);
    expect(policy.get("style-src")).toEqual(["'self'"]);
    expect(policy.get("worker-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(m![1]).not.toMatch(/unsafe-(inline|eval|hashes)|\*/);
    // before anything it governs
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.search(/<script|<link/));
  });

  it("the check itself catches each of them", () => {
    const samples = [
      "<div dangerouslySetInnerHTML={{ __html: t }} />",
      "el.innerHTML = text;",
      "el.outerHTML = text;",
      'el.insertAdjacentHTML("beforeend", t);',
      "range.createContextualFragment(t)",
      'new DOMParser().parseFromString(t, "text/html")',
      "document.write(t)",
      "iframe.srcdoc = t",
      "sel.html(t)",
      "eval(t)",
      "const f = new Function('a', t);",
      'Function("return 1")',
      'setTimeout("go()", 1)',
      'a.href = "javascript:alert(1)"',
    ];
    for (const s of samples)
      expect(
        BANNED.some(([re]) => re.test(code(s))),
        s,
      ).toBe(true);
    for (const s of ["// never innerHTML", "/* eval( */", "x.evaluate(y)", "retrieval(x)", "isEqual(a, b)"])
      expect(
        BANNED.some(([re]) => re.test(code(s))),
        s,
      ).toBe(false);
  });
});
