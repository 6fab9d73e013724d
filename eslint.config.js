import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import layers from "./eslint/layers.mjs";

export default tseslint.config(
  {
    ignores: [
      "dist",
      "dist-cli",
      ".pw-dist-*",
      "dist-*",
      "node_modules",
      "playwright-report",
      "test-results",
      "coverage",
      ".ci-out",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The engine is pure: no browser, no UI libraries, no clock, no randomness it does not own.
    files: ["src/engine/**/*.ts"],
    ignores: ["src/engine/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "react",
            "react-dom",
            "d3*",
            "zustand",
            "node:*",
            "**/ui/**",
            "**/state/**",
            "**/worker/**",
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        "window",
        "document",
        "setTimeout",
        "setInterval",
        "requestAnimationFrame",
        "Date",
        "fetch",
        "performance",
        "process",
      ],
      "no-restricted-properties": ["error", { object: "Math", property: "random" }],
    },
  },
  {
    // The layers import downward only (docs/architecture.md; eslint/layers.mjs says which may import which).
    files: ["src/**/*.ts", "src/**/*.tsx"],
    plugins: { layers },
    rules: { "layers/direction": "error" },
  },
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
);
