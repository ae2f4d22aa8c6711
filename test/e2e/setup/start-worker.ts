/**
 * Vitest global setup for the end-to-end project: starts the Worker with `wrangler dev`
 * on a loopback port the system picks, exactly as `npm start` does, and always stops it again.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:PORT of the running Worker. */
    workerUrl: string
    /** File that collects the Worker's stdout (its session log lines among them). */
    workerLog: string
    /** Process group of `wrangler dev` and its workerd. */
    workerGroup: number
  }
}

/** The arguments `npm start` gives `wrangler dev` (package.json), so the tests run what it runs. */
function npmStartArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'))
  const [command, subcommand, ...args] = String(pkg.scripts?.start).split(/\s+/)
  if (command !== 'wrangler' || subcommand !== 'dev') {
    throw new Error(`npm start is not "wrangler dev …": ${pkg.scripts?.start}`)
  }
  return args
}

/**
 * Resolves with the URL wrangler reports ("Ready on http://127.0.0.1:PORT") once it answers
 * there. wrangler binds port 0 itself, so no other process can hold the port it reports.
 */
async function waitUntilAnswering(
  child: ChildProcess,
  log: string,
  timeoutMs: number
): Promise<string> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`wrangler dev exited with ${child.exitCode}:\n${readFileSync(log, 'utf8')}`)
    }
    // The log file opens asynchronously: it may not exist yet.
    const text = existsSync(log) ? readFileSync(log, 'utf8') : ''
    const url = /Ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1]
    try {
      // Any answer of the Worker: a fork's GET / may well be a 404, and a bad setting answers
      // 500, stamped with its x-request-id like every answer (wrangler's own errors are not).
      const response = url && (await fetch(url, { signal: AbortSignal.timeout(1000) }))
      if (response && (response.status < 500 || response.headers.has('x-request-id'))) return url
    } catch {
      // Not answering yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(
    `wrangler dev did not answer within ${timeoutMs} ms:\n${readFileSync(log, 'utf8')}`
  )
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve()
  const pid = child.pid
  return new Promise((resolve) => {
    const kill = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL')
      } catch {}
    }, 5000)
    child.once('exit', () => {
      clearTimeout(kill)
      // workerd may outlive wrangler by a moment: make sure the whole group is gone.
      try {
        process.kill(-pid, 'SIGKILL')
      } catch {}
      resolve()
    })
    try {
      process.kill(-pid, 'SIGTERM')
    } catch {
      resolve()
    }
  })
}

export interface RunningWorker {
  /** http://127.0.0.1:PORT */
  readonly url: string
  /** File that collects the Worker's stdout and stderr. */
  readonly log: string
  /** Process group of `wrangler dev` and its workerd. */
  readonly group: number
  /** Ends the whole process group; resolves once wrangler has exited. */
  stop(): Promise<void>
}

/**
 * Starts `wrangler dev` on a loopback port the system picks, with `npm start`'s own arguments,
 * and waits until it answers. Used once for the whole e2e project (below), and by tests
 * that need a Worker of their own, with `vars` overriding wrangler.toml's.
 */
export async function launchWorker(vars: Record<string, string> = {}): Promise<RunningWorker> {
  const log = join(mkdtempSync(join(tmpdir(), 'worker-e2e-')), 'worker.log')
  const out = createWriteStream(log)
  const wrangler = join(process.cwd(), 'node_modules/wrangler/bin/wrangler.js')
  const child = spawn(
    process.execPath,
    [
      wrangler,
      'dev',
      ...npmStartArgs(),
      '--ip',
      '127.0.0.1',
      '--port',
      '0',
      '--inspector-port',
      '0',
      '--show-interactive-dev-session=false',
      ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    ],
    // Its own process group, so teardown can end wrangler and workerd together.
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    }
  )
  child.stdout?.pipe(out)
  child.stderr?.pipe(out)
  const onExit = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
  }
  process.once('exit', onExit)
  let url: string
  try {
    url = await waitUntilAnswering(child, log, 60_000)
  } catch (error) {
    process.off('exit', onExit)
    await stop(child)
    throw error
  }
  return {
    url,
    log,
    group: child.pid as number,
    async stop() {
      process.off('exit', onExit)
      await stop(child)
    },
  }
}

export default async function startWorker(project: TestProject) {
  const worker = await launchWorker()
  project.provide('workerUrl', worker.url)
  project.provide('workerLog', worker.log)
  project.provide('workerGroup', worker.group)
  return () => worker.stop()
}
