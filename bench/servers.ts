/** Starts every server the run compares, each on a free loopback port. */
import { execFileSync } from 'node:child_process'
import { copyFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { type BuiltWorker, bundleModules } from './build-worker.ts'
import type { Transport } from './load/echo-session.ts'
import type { ServerId } from './plan.ts'
import { freePort, type Server, startServer } from './processes.ts'
import { type ServedWorker, type WorkerModule, workerdConfig } from './workerd-config.ts'

export interface Servers {
  /** Which port serves `server` over `transport`, or undefined if it is not running. */
  portOf(server: ServerId, transport: Transport | 'hello'): number | undefined
  /** The workerd process that serves `server`, for its memory. */
  workerd(server: 'worker' | 'bare'): Server
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

async function serveWorker(
  workerd: string,
  dir: string,
  served: Omit<ServedWorker, 'port'>,
  worker: BuiltWorker
) {
  const port = await freePort()
  writeFileSync(
    join(dir, `${served.name}.capnp`),
    workerdConfig([{ ...served, port }], worker.settings)
  )
  return startServer(workerd, ['serve', `${served.name}.capnp`], port, { cwd: dir })
}

/** The built bundle's modules, with files relative to `dir`, where the configs live. */
export const builtModules = (worker: BuiltWorker, dir: string): WorkerModule[] =>
  worker.modules.map((m) => ({ ...m, file: relative(dir, join(worker.outdir, m.file)) }))

export async function startServers(
  root: string,
  dir: string,
  workerd: string,
  worker: BuiltWorker,
  python: string | null,
  /** A bundle folder (`wrangler deploy --dry-run --outdir`) to serve in the bare Worker's place. */
  against?: string
): Promise<Servers> {
  copyFileSync(join(root, 'bench', 'servers', 'bare-worker.js'), join(dir, 'bare.js'))
  const bareModules: WorkerModule[] = against
    ? bundleModules(against).map((m) => ({ ...m, file: relative(dir, join(against, m.file)) }))
    : [{ name: 'bare.js', file: 'bare.js', type: 'esModule' }]
  const servers = join(root, 'bench', 'servers')
  const node = (file: string) => async () => {
    const port = await freePort()
    return startServer(process.execPath, [join(servers, file), String(port)], port)
  }
  const [main, bare, nodeTcp, nodeHttp, asyncio] = await Promise.all([
    serveWorker(
      workerd,
      dir,
      { name: 'worker', modules: builtModules(worker, dir), durableObjects: worker.durableObjects },
      worker
    ),
    serveWorker(workerd, dir, { name: 'bare', modules: bareModules }, worker),
    node('node-line-echo.ts')(),
    node('node-websocket-echo.ts')(),
    python
      ? freePort().then((port) =>
          startServer(python, [join(servers, 'asyncio_echo.py'), String(port)], port)
        )
      : undefined,
  ])
  return {
    portOf: (server, transport) => {
      if (server === 'worker') return main.port
      if (server === 'bare') return bare.port
      if (server === 'asyncio') return transport === 'tcp' ? asyncio?.port : undefined
      return transport === 'tcp' ? nodeTcp.port : nodeHttp.port
    },
    workerd: (server) => (server === 'worker' ? main : bare),
  }
}
