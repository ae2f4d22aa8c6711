/** Starts every server the run compares, each on a free loopback port. */

import { execFileSync } from 'node:child_process'
import { copyFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { type BuiltWorker, bundleModules } from './build-worker.ts'
import type { Transport } from './load/echo-session.ts'
import { SERVERS } from './paths.ts'
import type { ServerId, WorkerdServerId } from './plan.ts'
import { type Server, startServer } from './processes.ts'
import { type ServedWorker, type WorkerModule, workerdConfig } from './workerd-config.ts'

export interface Servers {
  /** Which port serves `server` over `transport`, or undefined if it is not running. */
  portOf(server: ServerId, transport: Transport | 'hello'): number | undefined
  /** The process that serves `server` over `transport`, for its CPU time. */
  pidOf(server: ServerId, transport: Transport | 'hello'): number | undefined
  /** The workerd process that serves `server`, for its memory. */
  workerd(server: WorkerdServerId): Server
}

/** python3 if it runs here; the asyncio column is skipped without it. */
export function findPython(): string | null {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' })
    return 'python3'
  } catch {
    return null
  }
}

/** Serves one Worker on a workerd process of its own, on a port the system picks. */
export async function serveWorker(
  workerd: string,
  dir: string,
  served: Omit<ServedWorker, 'port'>,
  worker: BuiltWorker,
  v8Flags: readonly string[] = []
) {
  writeFileSync(
    join(dir, `${served.name}.capnp`),
    workerdConfig([{ ...served, port: 0 }], worker.settings, v8Flags)
  )
  return startServer(workerd, ['serve', `${served.name}.capnp`, '--control-fd=3'], { cwd: dir })
}

/** The built bundle's modules, with files relative to `dir`, where the configs live. */
export const builtModules = (worker: BuiltWorker, dir: string): WorkerModule[] =>
  worker.modules.map((m) => ({ ...m, file: relative(dir, join(worker.outdir, m.file)) }))

export async function startServers(
  dir: string,
  workerd: string,
  built: { readonly worker: BuiltWorker; readonly noContext: BuiltWorker },
  python: string | null,
  /** A bundle folder (`wrangler deploy --dry-run --outdir`) to serve in the no-context build's place. */
  against?: string
): Promise<Servers> {
  const { worker, noContext } = built
  copyFileSync(join(SERVERS, 'bare-worker.js'), join(dir, 'bare.js'))
  const noContextModules = against
    ? bundleModules(against).map((m) => ({ ...m, file: relative(dir, join(against, m.file)) }))
    : builtModules(noContext, dir)
  const node = (file: string) => () => startServer(process.execPath, [join(SERVERS, file)])
  const { durableObjects } = worker
  const [main, withoutContext, bare, nodeTcp, nodeHttp, asyncio] = await Promise.all([
    serveWorker(
      workerd,
      dir,
      { name: 'worker', modules: builtModules(worker, dir), durableObjects },
      worker
    ),
    serveWorker(
      workerd,
      dir,
      { name: 'nocontext', modules: noContextModules, durableObjects },
      worker
    ),
    serveWorker(
      workerd,
      dir,
      { name: 'bare', modules: [{ name: 'bare.js', file: 'bare.js', type: 'esModule' }] },
      worker
    ),
    node('node-line-echo.ts')(),
    node('node-websocket-echo.ts')(),
    python ? startServer(python, [join(SERVERS, 'asyncio_echo.py')]) : undefined,
  ])
  const serverOf = (server: ServerId, transport: Transport | 'hello'): Server | undefined => {
    if (server === 'worker') return main
    if (server === 'noContext') return withoutContext
    if (server === 'bare') return bare
    if (server === 'asyncio') return transport === 'tcp' ? asyncio : undefined
    return transport === 'tcp' ? nodeTcp : nodeHttp
  }
  return {
    portOf: (server, transport) => serverOf(server, transport)?.port,
    pidOf: (server, transport) => serverOf(server, transport)?.pid,
    workerd: (server) => serverOf(server, 'hello') as Server,
  }
}
