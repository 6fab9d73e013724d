/**
 * Text from a scenario placed into C source safely. Scenario names are plain, but file paths and
 * statement text may hold any printable character, so nothing is pasted into the program raw:
 * a string literal escapes every byte that could end it, splice it or start a trigraph, and a
 * comment cannot be closed or nested by the text it quotes.
 */

const encoder = new TextEncoder();

/** A C string literal of `s` (UTF-8): printable ASCII as is, `"` `\` `?` escaped, the rest octal. */
export function cString(s: string): string {
  let out = '"';
  for (const b of encoder.encode(s)) {
    if (b === 0x22) out += '\\"';
    else if (b === 0x5c) out += "\\\\";
    else if (b === 0x3f)
      out += "\\?"; // "??/" would be a trigraph in C99
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += "\\" + b.toString(8).padStart(3, "0");
  }
  return out + '"';
}

/**
 * `s` made safe inside a C block comment: it can neither close the comment nor open a nested
 * one (gcc -Wall warns about that), and control characters become blanks.
 */
export function cCommentText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, " ")
      .replace(/\*\//g, "* /")
      .replace(/\/\*/g, "/ *")
  );
}

/** Wrap words into comment lines of at most `width` characters, each starting with ` * `. */
export function commentLines(text: string, width = 96): string[] {
  const words = cCommentText(text).split(/ +/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - 3) {
      lines.push(` * ${line}`);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(` * ${line}`);
  return lines;
}
