/** The servers under test as child processes: started in their own group, always stopped. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { connect, createServer } from 'node:net'
import { availableParallelism } from 'node:os'

const running = new Set<ChildProcess>()

/** Stops every server still running; also on exit, so none outlives the bench. */
export function stopAll(): void {
  for (const child of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
  running.clear()
}
process.once('exit', stopAll)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopAll()
    process.exit(130)
  })
}

export interface Server {
  readonly pid: number
  readonly port: number
  /** The last of what the server wrote to stderr, for error messages. */
  stderr(): string
}

/**
 * On a machine of two or more cores, servers run on the last core and the load client
 * (this process, all its threads) on the others, so that they do not take each other's
 * time: each server's CPU per line is then its own work, not contention's.
 */
const cores = availableParallelism()
const SERVER_CPUS = cores >= 2 ? String(cores - 1) : undefined
const CLIENT_CPUS = cores >= 2 ? `0-${cores - 2}` : undefined

function pinnable(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const pinning = SERVER_CPUS !== undefined && pinnable()

/** Pins the load client (this process) away from the servers' core; false if it cannot. */
export function pinLoadClient(): boolean {
  if (!pinning || CLIENT_CPUS === undefined) return false
  execFileSync('taskset', ['-a', '-p', '-c', CLIENT_CPUS, String(process.pid)], { stdio: 'ignore' })
  return true
}

/** Starts `command` (stdout discarded) and resolves once `port` accepts connections. */
export async function startServer(
  command: string,
  args: readonly string[],
  port: number,
  options: { cwd?: string; timeoutMs?: number } = {}
): Promise<Server> {
  // taskset execs the command in place: the pid stays the server's own.
  const [program, argv] =
    pinning && SERVER_CPUS ? ['taskset', ['-c', SERVER_CPUS, command, ...args]] : [command, args]
  const child = spawn(program, argv, {
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  running.add(child)
  let stderr = ''
  child.stderr?.on('data', (data: Buffer) => {
    stderr = (stderr + data.toString()).slice(-4000)
  })
  const server = { pid: child.pid ?? -1, port, stderr: () => stderr }
  const deadline = Date.now() + (options.timeoutMs ?? 20_000)
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    if (await accepts(port)) return server
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${command} did not listen on ${port}:\n${stderr}`)
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
