/** The scenario's title: its `# title:` comment, else the name it was loaded from. */
export function scenarioTitle(source: string, fallback: string): string {
  const m = /^#\s*title:\s*(.{1,200})$/m.exec(source.slice(0, 4096));
  return m ? m[1]!.trim() : fallback;
}
