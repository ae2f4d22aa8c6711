/**
 * Vitest global setup for the end-to-end project: builds the Worker once per run exactly as
 * `wrangler deploy` would ship it (minified, `keep_names = false`), so that what is
 * deployed is what the end-to-end tests serve.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The output of `wrangler deploy --dry-run --outdir`: the production build. */
    builtWorkerDir: string
  }
}

export default function buildWorker(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'worker-build-'))
  // The Worker of this file's project, wherever the suite runs from.
  const root = resolve(import.meta.dirname, '..', '..', '..')
  const wrangler = join(root, 'node_modules/wrangler/bin/wrangler.js')
  try {
    execFileSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', dir], {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    })
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer }
    throw new Error(`wrangler deploy --dry-run failed:\n${stdout}\n${stderr}`)
  }
  project.provide('builtWorkerDir', dir)
  return () => rmSync(dir, { recursive: true, force: true })
}
