/**
 * The layers of src/ and which ones each may import (docs/architecture.md). An import is checked
 * by where it resolves, not by how it is spelled: a file in src/<layer>/ may import its own layer
 * and the layers listed for it, nothing above. Tests may reach across (they drive the layers).
 */
import path from "node:path";

/** layer → the layers below it that it may import */
export const LAYERS = {
  contract: [],
  scenarios: ["contract"],
  engine: ["contract"],
  lessons: ["contract", "scenarios"],
  lab: ["contract", "scenarios", "engine"],
  worker: ["contract", "scenarios", "engine", "lab"],
  client: ["contract", "worker"],
  state: ["contract", "scenarios", "lessons", "client"],
  ui: ["contract", "scenarios", "lessons", "state", "lab"],
  cli: ["contract", "scenarios", "engine", "lab", "worker", "ui"],
  main: ["state", "ui"],
};

/** Parts of a permitted layer the UI still may not import: the lab's engine-driven halves. */
const UI_NEVER = [/^lab\/(emit_c|expected|cli)(\.ts)?$/];

/**
 * The only parts of the UI the CLI may import: the pure layout functions, the colour helpers and
 * the stylesheet's colours (`--walkthrough` draws its frames with them, src/cli/walkthrough).
 */
const CLI_UI_ONLY = [/^ui\/layout\/[^/]+$/, /^ui\/colors(\.ts)?$/, /^ui\/app\.css(\?raw)?$/];

function layerOf(abs, srcDir) {
  const rel = path.relative(srcDir, abs);
  if (rel.startsWith("..")) return null;
  const first = rel.split(path.sep)[0];
  return { layer: first.replace(/\.(ts|tsx)$/, ""), rel: rel.split(path.sep).join("/") };
}

export const direction = {
  meta: {
    type: "problem",
    docs: { description: "imports go down the layers of docs/architecture.md, never up or across" },
    messages: {
      up: "{{from}} may not import {{to}} ({{spec}}): {{from}} imports only {{allowed}} (docs/architecture.md)",
      uiNever: "the UI may not import {{spec}}: it runs the engine (ask the worker through state/)",
      cliUi:
        "the CLI may import only the UI's pure layout (ui/layout/), ui/colors.ts and ui/app.css, not {{spec}}",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const srcDir = path.join(context.cwd, "src");
    const me = layerOf(file, srcDir);
    if (!me || /(\.test|test-util)\.tsx?$/.test(file) || !(me.layer in LAYERS)) return {};
    const check = (node, spec) => {
      if (typeof spec !== "string" || !spec.startsWith(".")) return;
      const them = layerOf(path.resolve(path.dirname(file), spec), srcDir);
      if (!them || them.layer === me.layer) return;
      const allowed = LAYERS[me.layer];
      if (!allowed.includes(them.layer)) {
        context.report({
          node,
          messageId: "up",
          data: { from: me.layer, to: them.layer, spec, allowed: allowed.join(", ") || "nothing of the app" },
        });
      } else if (me.layer === "ui" && UI_NEVER.some((re) => re.test(them.rel))) {
        context.report({ node, messageId: "uiNever", data: { spec } });
      } else if (me.layer === "cli" && them.layer === "ui" && !CLI_UI_ONLY.some((re) => re.test(them.rel))) {
        context.report({ node, messageId: "cliUi", data: { spec } });
      }
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === "Literal" && check(n, n.source.value),
    };
  },
};

export default { rules: { direction } };
