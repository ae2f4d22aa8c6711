/** The servers under test as child processes: started in their own group, always stopped. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { writeSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'

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
  /** workerd's inspector, when `startServer` was asked to wait for it. */
  readonly inspectorPort?: number
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

/**
 * Starts `command` (stdout discarded), which listens on a port the system picks and reports
 * it on fd 3 the way workerd's `--control-fd=3` does (`{"event":"listen","port":N}`, and
 * `"listen-inspector"` for its inspector). Nothing picks a port, frees it and binds it again,
 * so servers started side by side, or by parallel tests, cannot take each other's.
 */
export async function startServer(
  command: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number; inspector?: boolean } = {}
): Promise<Server> {
  // taskset execs the command in place: the pid stays the server's own.
  const [program, argv] =
    pinning && SERVER_CPUS ? ['taskset', ['-c', SERVER_CPUS, command, ...args]] : [command, args]
  const child = spawn(program, argv, {
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  let stderr = ''
  child.stderr?.on('data', (data: Buffer) => {
    stderr = (stderr + data.toString()).slice(-4000)
  })
  const ports: { port?: number; inspectorPort?: number } = {}
  const timeoutMs = options.timeoutMs ?? 20_000
  await new Promise<void>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer)
      reject(new Error(`${command} ${why}:\n${stderr}`))
    }
    const timer = setTimeout(
      () => fail(`reported no listening port within ${timeoutMs} ms`),
      timeoutMs
    )
    const exited = (code: number | null, signal: string | null) =>
      fail(`exited (${signal ?? code}) before it listened`)
    child.once('exit', exited)
    const control = child.stdio[3] as Readable
    createInterface({ input: control }).on('line', (line) => {
      const message = JSON.parse(line) as { event?: string; port?: number }
      if (message.event === 'listen') ports.port ??= message.port
      if (message.event === 'listen-inspector') ports.inspectorPort = message.port
      if (ports.port !== undefined && (!options.inspector || ports.inspectorPort !== undefined)) {
        clearTimeout(timer)
        child.off('exit', exited)
        resolve()
      }
    })
  })
  return { pid: child.pid ?? -1, ...ports, port: ports.port as number, stderr: () => stderr }
}

/** What a server started by `startServer` writes on fd 3 once it listens on `port`. */
export function reportListening(port: number): void {
  writeSync(3, `${JSON.stringify({ event: 'listen', port })}\n`)
}
