/** Starts every server the run compares, each on a free loopback port. */
import { execFileSync } from 'node:child_process'
import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BuiltWorker } from './build-worker.ts'
import type { Transport } from './load/echo-session.ts'
import type { ServerId } from './plan.ts'
import { freePort, type Server, startServer } from './processes.ts'
import { workerdConfig } from './workerd-config.ts'

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
  name: string,
  module: string,
  worker: BuiltWorker
) {
  const port = await freePort()
  const config = workerdConfig([{ name, module, port }], worker.settings)
  writeFileSync(join(dir, `${name}.capnp`), config)
  return startServer(workerd, ['serve', `${name}.capnp`], port, { cwd: dir })
}

export async function startServers(
  root: string,
  dir: string,
  workerd: string,
  worker: BuiltWorker,
  python: string | null,
  bareModule = join(root, 'bench', 'servers', 'bare-worker.js')
): Promise<Servers> {
  copyFileSync(worker.entry, join(dir, 'worker.js'))
  copyFileSync(bareModule, join(dir, 'bare.js'))
  const servers = join(root, 'bench', 'servers')
  const node = (file: string) => async () => {
    const port = await freePort()
    return startServer(process.execPath, [join(servers, file), String(port)], port)
  }
  const [main, bare, nodeTcp, nodeHttp, asyncio] = await Promise.all([
    serveWorker(workerd, dir, 'worker', 'worker.js', worker),
    serveWorker(workerd, dir, 'bare', 'bare.js', worker),
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
