/**
 * The `# key: value` header lines at the top of a preset or lesson scenario
 * (`# title: …`, `# idea: …`).
 */
export function scenarioHeader(text: string, key: string): string | undefined {
  const re = new RegExp(`^#\\s*${key}\\s*:\\s*(.*?)\\s*$`);
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    if (!line.startsWith("#")) break;
    const m = re.exec(line);
    if (m) return m[1];
  }
  return undefined;
}
