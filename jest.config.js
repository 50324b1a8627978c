// Jest for the LWC components (TypeScript sources run directly; sfdx-lwc-jest strips the types).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

export default {
  ...jestConfig,
  // Only the components: the plugin and scripts have their own runners.
  roots: ['<rootDir>/force-app'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  resolver: '<rootDir>/force-app/test/jest-resolver.cjs',
  setupFilesAfterEnv: [...jestConfig.setupFilesAfterEnv, '<rootDir>/force-app/test/jest-setup.js'],
  collectCoverageFrom: ['force-app/main/default/lwc/**/*.ts', '!**/__tests__/**'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: { global: { lines: 90 } },
  testTimeout: 30000,
};
