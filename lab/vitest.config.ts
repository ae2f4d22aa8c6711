import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Measurements and logs show only for failing tests; --silent=false shows them all.
    silent: 'passed-only',
    projects: [
      {
        // The pure parts of the bench (stats, tables, configs) and of the fork check.
        test: {
          name: 'units',
          include: ['bench/test/**/*.test.ts', 'fork/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // The template from outside: its production build, served by wrangler's harness
        // (the template's own end-to-end setup) or by a workerd of its own, under load,
        // floods, faults, hostile clients and real clients (curl in a terminal,
        // python3-websockets, Chromium).
        test: {
          name: 'lab',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['../test/e2e/setup/build-worker.ts'],
          setupFiles: ['../test/e2e/setup/shared-worker.ts'],
          testTimeout: 30_000,
          // One Worker serves every file: they share one process (isolate: false), whose
          // exit ends the harness's workerd, and run one at a time, after the bench's tests,
          // so that load, memory and log measurements see only their own sessions.
          pool: 'forks',
          isolate: false,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
