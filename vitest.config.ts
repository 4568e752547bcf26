import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
    setupFiles: ['tests/setup/contract.ts'],
    globalSetup: ['tests/setup/contract-tally.ts'],
  },
});
