import { SaxesParser } from "saxes";

/** An SVG file as a tree, from a strict XML parser (saxes: it throws on any malformed XML). */
export interface Node {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: Node[];
  text: string;
}

export function parseSvg(xml: string): Node {
  const p = new SaxesParser({ xmlns: false });
  const root: Node = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: Node[] = [root];
  p.on("opentag", (t) => {
    const n: Node = { name: t.name, attrs: t.attributes, children: [], text: "" };
    stack[stack.length - 1]!.children.push(n);
    stack.push(n);
  });
  p.on("closetag", () => void stack.pop());
  p.on("text", (t) => {
    for (const n of stack) n.text += t;
  });
  p.on("error", (e) => {
    throw e;
  });
  p.write(xml).close();
  const svg = root.children[0];
  if (!svg || root.children.length !== 1) throw new Error("not one root element");
  return svg;
}

/** Every node under `n` (itself included) that `pred` accepts, in document order. */
export function all(n: Node, pred: (n: Node) => boolean): Node[] {
  const out: Node[] = pred(n) ? [n] : [];
  for (const c of n.children) out.push(...all(c, pred));
  return out;
}
