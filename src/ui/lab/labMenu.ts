import type { MenuGroup } from "../teach/Menu";
import { notify } from "../../state/view";
import { openCompare } from "./labStore";

/**
 * The lab's entries in the Export menu. Their code loads on the first click (a dynamic
 * import), so the first load of the app stays as it was.
 */

const failed = (e: unknown): void =>
  notify("error", `The lab could not load: ${e instanceof Error ? e.message : String(e)}`);

export const labExportGroup = (ready: boolean): MenuGroup => ({
  label: "Lab (a real machine)",
  items: [
    {
      label: "C program (.c)",
      note: "runs this scenario on illumos",
      onSelect: () => void import("./exportLab").then((m) => m.exportCProgram()).catch(failed),
      disabled: !ready,
    },
    {
      label: "Expected output (.txt)",
      note: "for diff after a real run",
      onSelect: () => void import("./exportLab").then((m) => m.exportExpected()).catch(failed),
      disabled: !ready,
    },
    { label: "Compare with a real run…", onSelect: openCompare, disabled: !ready },
  ],
});
