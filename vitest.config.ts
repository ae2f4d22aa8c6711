import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        // Unit and integration tests, inside workerd with wrangler.toml's bindings.
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          // The Worker's session log lines are expected; show them only for failing tests.
          silent: 'passed-only',
        },
      },
    ],
  },
})
