import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One PostgreSQL for the whole run (tests/helpers/postgres.ts); each file makes a database on it.
    globalSetup: ['tests/helpers/postgres-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Vitest leaves a core free by default, which on a 2-core CI machine means one file at a time; most of
    // the suite's time is spent waiting on the processes and sockets it starts, so two at a time finish the
    // run in about two thirds of the time.
    maxWorkers: 2,
  },
})
