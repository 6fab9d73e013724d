import { describe, expect, it } from "vitest";
import { markSetOf } from "../../../state/markSet";
import { pmapText, swapLText, swapSText } from "../../../engine/report/text";
import { markedCells, totalsOf, type ConsoleLine } from "./consoleCells";

const marks = markSetOf([
  {
    kind: "pmap",
    text: "pmap P2 buf RSS 0k→4k, Anon 0k→4k",
    refs: { proc: "P2", seg: "buf" },
    fields: ["RSS", "Anon"],
  },
  { kind: "swap", text: "swap -s used 96k→100k", refs: {}, fields: ["used"] },
  { kind: "swap", text: "swap -l free", refs: {}, fields: ["free"] },
]);
const cut = (l: ConsoleLine): string[] =>
  markedCells(l, marks, totalsOf(marks)).map(([a, b]) => l.text.slice(a, b).trim());

describe("the console cells a diff names", () => {
  it("pmap -x: the changed columns of the segment's rows and of the total; nothing else", () => {
    // as the tool prints it: a row of 16k, RSS 4k, Anon 4k, then the rule and the total
    const rows = [
      {
        addr: "0xfffffd7fff3f0000",
        kbytes: 16,
        rss: 4,
        anon: 4,
        locked: 0,
        mode: "rw---",
        mapped: "[ anon ]",
        segment: "buf",
      },
      {
        addr: "0xfffffd7fffdfe000",
        kbytes: 8,
        rss: 8,
        anon: 0,
        locked: 0,
        mode: "rw---",
        mapped: "[ stack ]",
        segment: "stack",
      },
    ];
    const [, , row, , , total] = pmapText(102, "P2", rows).split("\n");
    expect(cut({ text: row!, cmd: false, role: "pmap-row", proc: "P2", segment: "buf" })).toEqual(["4", "4"]);
    expect(cut({ text: row!, cmd: false, role: "pmap-row", proc: "P1", segment: "buf" })).toEqual([]);
    expect(cut({ text: row!, cmd: false, role: "pmap-row", proc: "P2", segment: "stack" })).toEqual([]);
    expect(cut({ text: total!, cmd: false, role: "pmap-total", proc: "P2" })).toEqual(["12", "4"]);
  });

  it("swap -s and swap -l: the figures named", () => {
    const s = swapSText({ allocated: 6, reserved: 19, used: 25, available: 1472 }, 4096).trimEnd();
    expect(cut({ text: s, cmd: false, role: "swap-s" })).toEqual(["100k"]);
    const l = swapLText(4095, 4094, 4096).trimEnd().split("\n")[1]!;
    expect(cut({ text: l, cmd: false, role: "swap-l" })).toEqual(["32752"]);
  });
});
