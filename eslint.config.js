// @ts-check
import eslint from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: [
      "generated/**",
      "dist/**",
      "site/**",
      "coverage/**",
      "test-results/**",
      "bench/results/**",
      "node_modules/**",
      ".tmp/**",
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Template literals with numbers are idiomatic in messages ("after 60000 ms").
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
    },
  },
  {
    files: ["test/**", "bench/**"],
    rules: {
      // Tests assert on values they know are there; a `!` reads better than a guard there.
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
