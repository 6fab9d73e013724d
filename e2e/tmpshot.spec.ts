import { open, settle, test } from "./fixtures";
test("tmp", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await open(page);
  for (const id of ["large-fork", "private-file", "pageout-cow", "two-level-anon-hdr", "munmap-split"]) {
    await page.getByRole("combobox", { name: "Presets" }).selectOption(id);
    await settle(page);
    await page.mouse.move(1, 1);
    await page.screenshot({ path: `/tmp/shot-${id}.png` });
  }
});
