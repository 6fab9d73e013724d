import { it } from "vitest";
import { anonLayout } from "./anonLayer";
import { spanOf } from "./anonBand";
it("dbg", () => {
  const lay = anonLayout(
    [
      { proc: "P1", order: 0, pages: 4, slots: Int32Array.from([2, 3, 4, 5]) },
      { proc: "P2", order: 1, pages: 4, slots: Int32Array.from([2, 6, 4, 5]) },
    ],
    [],
    { width: 765, height: 258, u: 1, span: spanOf(6, 4096, 6) },
  );
  console.log(
    lay.height,
    lay.rows[0]!.cardLevel,
    lay.anons[0]!.level,
    lay.anons[0]!.w,
    lay.rows[0]!.cells[0]!.w,
  );
});
