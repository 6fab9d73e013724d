import { describe, expect, it } from "vitest";
import { LESSONS } from "../lessons/lessons";
import { parseScenario } from "../scenarios/parse";
import { PRESETS } from "../scenarios/presets";
import { lessonShown } from "./lesson";
import { modeFromSearch, proseParts, scenarioTitle, withQuery } from "./teachText";
import { withArch } from "../scenarios/arch";

describe("the query string", () => {
  it("reads the modes and leaves everything else alone", () => {
    expect(modeFromSearch("")).toEqual({
      embed: false,
      print: false,
      predict: false,
      lesson: null,
      sw: false,
    });
    expect(modeFromSearch("?mode=predict&embed&lesson=swap")).toEqual({
      embed: true,
      print: false,
      predict: true,
      lesson: "swap",
      sw: false,
    });
    expect(modeFromSearch("?print&sw").print).toBe(true);
    expect(modeFromSearch("?mode=other").predict).toBe(false);
  });

  it("sets and removes one key, writing flags bare", () => {
    expect(withQuery("", "mode", "predict")).toBe("?mode=predict");
    expect(withQuery("?embed", "mode", "predict")).toBe("?embed&mode=predict");
    expect(withQuery("?embed&mode=predict", "embed", null)).toBe("?mode=predict");
    expect(withQuery("?mode=predict", "mode", null)).toBe("");
    expect(withQuery("?x=1", "print", "")).toBe("?x=1&print");
  });
});

describe("withArch", () => {
  const text = "# title: T\n# idea: I\n\nspawn P1\nP1 write heap 0\n";

  it("inserts a machine line after the header comments, and only when it is not the default", () => {
    expect(withArch(text, "x86")).toBe(text);
    const sparc = withArch(text, "sparc");
    expect(sparc).toBe("# title: T\n# idea: I\nmachine arch=sparc\n\nspawn P1\nP1 write heap 0\n");
    expect(parseScenario(sparc).ok).toBe(true);
  });

  it("rewrites or adds arch= on an existing machine line, keeping its comment", () => {
    const m = "machine arch=x86 ram=64m swap=64m # small\nspawn P1\n";
    expect(withArch(m, "sparc")).toBe("machine arch=sparc ram=64m swap=64m # small\nspawn P1\n");
    expect(withArch("machine ram=64m\nspawn P1\n", "sparc")).toBe("machine arch=sparc ram=64m\nspawn P1\n");
    expect(withArch(withArch(m, "sparc"), "x86")).toBe(m);
  });

  it("turns every preset and lesson into a sparc scenario that runs", () => {
    for (const t of [...PRESETS.map((p) => p.text), ...LESSONS.map((l) => l.scenario)]) {
      const r = parseScenario(withArch(t, "sparc"));
      expect(r.ok && r.scenario.machine.arch).toBe("sparc");
    }
  });

  it("a lesson stays shown whatever its page size", () => {
    const l = LESSONS[0]!;
    expect(lessonShown(l, withArch(l.scenario, "sparc"))).toBe(true);
    expect(lessonShown(l, `${l.scenario}P1 exit\n`)).toBe(false);
  });
});

describe("lesson prose", () => {
  it("splits [text](url) links out of the text, and only web links become links", () => {
    expect(proseParts("See [anon_zero](https://x.org/a?b=1) and [x](javascript:alert(1)).")).toEqual([
      "See ",
      { text: "anon_zero", href: "https://x.org/a?b=1" },
      " and ",
      "x",
      ").",
    ]);
    expect(proseParts("no links")).toEqual(["no links"]);
  });

  it("every lesson link is a web link", () => {
    for (const l of LESSONS)
      for (const p of l.prose) {
        const links = proseParts(p).filter((x) => typeof x !== "string");
        expect(links.length).toBe([...p.matchAll(/\]\(/g)].length);
      }
  });

  it("titles come from the scenario's header", () => {
    expect(scenarioTitle("# title: Hello\nspawn P1\n", null)).toBe("Hello");
    expect(scenarioTitle("spawn P1\n", null)).toBe(null);
  });
});
