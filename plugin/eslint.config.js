// Lint for the sf plugin: typescript-eslint plus eslint-plugin-sf-plugin (its rules read ./messages,
// so eslint runs from this folder: `npm run lint --workspace plugin`).
import { createRequire } from 'node:module';
import { fixupPluginRules } from '@eslint/compat';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const require = createRequire(import.meta.url);
const sfPlugin = require('eslint-plugin-sf-plugin');

export default [
  { ignores: ['lib/**', 'node_modules/**', 'src/domain/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      // Some sf-plugin rules need type information.
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  // eslint-plugin-sf-plugin ships an eslintrc-style config for ESLint 8: take its rules, and register the
  // plugin through @eslint/compat, which supplies the context methods ESLint 9 removed.
  {
    files: ['src/**/*.ts'],
    plugins: { 'sf-plugin': fixupPluginRules(sfPlugin) },
    rules: sfPlugin.configs.recommended.rules,
  },
];
