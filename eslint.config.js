// Lint: LWC rules (@salesforce/eslint-config-lwc recommended, TypeScript flavour) for the components and
// typescript-eslint for the tooling. The plugin has its own config (plugin/eslint.config.js): the
// sf-plugin rules read messages/ relative to the working directory.
import { createRequire } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const require = createRequire(import.meta.url);
const lwcConfig = require('@salesforce/eslint-config-lwc');

const LWC = 'force-app/main/default/lwc/**/*.ts';

export default [
  {
    ignores: [
      '**/node_modules/**',
      'coverage/**',
      'plugin/**',
      '.localorg/**',
      '.preview/**',
      'test-artifacts/**',
      'force-app/main/default/lwc/**/*.js',
      'types/**',
    ],
  },
  ...lwcConfig.configs.recommendedTs.map((config) => ({ ...config, files: [LWC] })),
  {
    // The recommended-ts config parses with Babel, whose scope analysis sees type names as undefined
    // variables. typescript-eslint's parser gives the LWC rules the same ESTree with a type-aware scope.
    files: [LWC],
    languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': 'error',
    },
  },
  {
    files: ['force-app/**/__tests__/**/*.ts'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
    rules: {
      // Tests import JSON fixtures and mock modules; the LWC import rules target component code.
      '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
    },
  },
  {
    files: ['force-app/test/**/*.{js,cjs}', 'jest.config.js', 'eslint.config.js'],
    ...js.configs.recommended,
    languageOptions: { globals: { ...globals.node } },
  },
  // Test helpers shared by the component tests (TypeScript beside the jest setup).
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['force-app/test/**/*.ts'] })),
  {
    files: ['force-app/test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
  },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['scripts/**/*.ts'] })),
  {
    files: ['scripts/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
];
