/**
 * The Worker under test, served by wrangler's own test harness (`createTestHarness()`) from
 * the production build, on a real loopback URL: its log lines come from the harness, its
 * traces from wrangler's local observability store.
 */
import { join } from 'node:path'
import { inject } from 'vitest'
import { createTestHarness, type TestHarness } from 'wrangler'

/** One line the Worker logged, as the harness captured it. */
export interface WorkerLog {
  readonly timestamp: number
  readonly level: string
  /** What console.log() printed: a JSON line under `LOG_FORMAT = "json"`. */
  readonly message: string
}

export interface WorkerUnderTest {
  /** http://127.0.0.1:PORT */
  readonly url: string
  /** wrangler's harness itself, for what it offers beyond these (evicting a Durable Object). */
  readonly harness: TestHarness
  /** Every line the Worker has logged since it started, oldest first. */
  logs(): readonly WorkerLog[]
  /** Rows of a read-only SQL query over the local observability store (tables spans, logs). */
  query(sql: string): Promise<Record<string, unknown>[]>
  close(): Promise<void>
}

/** Serves the production build with `npm start`'s JSON log lines and `vars` over wrangler.toml's. */
export async function startWorker(vars: Record<string, string> = {}): Promise<WorkerUnderTest> {
  const server = createTestHarness({
    workers: [
      {
        // From this file, so that a suite run from another folder serves this Worker too.
        configPath: join(import.meta.dirname, '..', '..', '..', 'wrangler.toml'),
        prebuiltWorkerDir: inject('builtWorkerDir'),
        vars: { LOG_FORMAT: 'json', ...vars },
      },
    ],
  })
  const { url } = await server.listen()
  const base = url.href.replace(/\/$/, '')
  return {
    url: base,
    harness: server,
    logs: () => server.getLogs(),
    async query(sql) {
      const response = await fetch(`${base}/cdn-cgi/explorer/api/local/observability/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sql }),
      })
      const answer = (await response.json()) as {
        success: boolean
        errors?: unknown
        result?: { columns: string[]; rows: unknown[][] }
      }
      if (!answer.success || !answer.result) {
        throw new Error(`observability query failed: ${JSON.stringify(answer.errors)}\n${sql}`)
      }
      const { columns, rows } = answer.result
      return rows.map((row) => Object.fromEntries(columns.map((name, i) => [name, row[i]])))
    },
    close: () => server.close(),
  }
}

// On globalThis: the end-to-end files share one process (vitest's isolate: false), and a
// module may be evaluated again for each file.
const SHARED = Symbol.for('e2e.shared-worker')
type Shared = { [SHARED]?: Promise<WorkerUnderTest> }

let current: WorkerUnderTest | undefined

/** Starts the Worker every end-to-end file of this process shares, on first use (the setup file). */
export async function useSharedWorker(): Promise<void> {
  const shared = globalThis as Shared
  shared[SHARED] ??= startWorker()
  current = await shared[SHARED]
}

/** The shared Worker, once the setup file has started it. */
export function worker(): WorkerUnderTest {
  if (!current) throw new Error('no shared Worker: test/e2e/setup/shared-worker.ts starts it')
  return current
}

/** http://127.0.0.1:PORT of the shared Worker. */
export const workerUrl = (): string => worker().url
