import { availableParallelism } from 'node:os'
import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { kCurrentWorker } from 'miniflare'
import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Logs (the Worker's session lines among them) show only for failing tests. Vitest
    // reads this from the root config alone: set inside a project it does nothing.
    silent: 'passed-only',
    // Every core: Vitest's default leaves one idle, which on a 2-core machine runs the
    // projects one file at a time.
    maxWorkers: availableParallelism(),
    projects: [
      {
        // Unit and integration tests, inside workerd with wrangler.toml's bindings. Laid
        // out like src/: test/<feature> holds the tests of src/<feature>.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // src/index.ts plus the probes below, which only these bindings reach: the
            // boundaries a Worker meets once it calls other services (test/context).
            main: './test/test-worker.ts',
            miniflare: {
              durableObjects: { CONTEXT_PROBE_OBJECT: 'ContextProbeObject' },
              serviceBindings: {
                CONTEXT_PROBE: { name: kCurrentWorker, entrypoint: 'ContextProbeService' },
              },
              // PROBE_QUEUE in test/context/helpers/probes.ts. A short batch
              // timeout (the default is 1 s) keeps the queue's test quick.
              queueProducers: { CONTEXT_PROBE_QUEUE: 'context-probe' },
              queueConsumers: { 'context-probe': { maxBatchTimeout: 0.05 } },
            },
            // workerd --verbose (the plugin's default) prints the runtime's own notes on
            // errors it has already handled, such as an upload cut short when the Worker
            // stops reading it (a test may do that on purpose). Test failures, unhandled
            // rejections and the Worker's console output still show.
            verbose: false,
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/**/*.test.ts'],
          // A test after which the Worker threw uncaught fails with that error, and waits
          // for the Worker fail as soon as it throws: a lost context is not a timeout.
          setupFiles: ['test/setup/uncaught-errors.ts'],
          exclude: [...configDefaults.exclude, 'test/e2e/**', 'test/docs/**'],
          // One workerd per worker process, reused from file to file: starting one per file
          // took about a second each, most of `npm test`.
          isolate: false,
          // Longer than any helper's own wait (at most 10 s), so that on a slow runner a
          // test fails with what it was waiting for rather than a bare "timed out".
          testTimeout: 30_000,
        },
      },
      {
        // The project's docs, in Node: the TypeScript in its Markdown compiled against src/
        // with its own tsc, the links between pages, the Deploy button.
        test: { name: 'docs', include: ['test/docs/**/*.test.ts'], environment: 'node' },
      },
      {
        // End to end: the production build (`wrangler deploy --dry-run`, built once per run)
        // served by wrangler's own test harness on a real port, driven by real clients.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/setup/build-worker.ts'],
          setupFiles: ['test/e2e/setup/shared-worker.ts'],
          testTimeout: 30_000,
          // The files of one process share its Worker (isolate: false); the process's exit
          // ends the harness's workerd (forks: a process of its own).
          pool: 'forks',
          isolate: false,
        },
      },
    ],
  },
})
