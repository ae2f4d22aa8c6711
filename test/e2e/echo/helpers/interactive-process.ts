/** A command-line client run as a user runs it: the test types into stdin and reads stdout. */
import { spawn } from 'node:child_process'
import { onTestFinished } from 'vitest'
import { waitFor, within } from '../../helpers/wait-for'

export interface InteractiveProcess {
  /** Types into the program's stdin. */
  write(data: string | Uint8Array): void
  /** Waits until stdout ends with `suffix`; returns what it printed since the last call. */
  readUntil(suffix: string, timeoutMs?: number): Promise<string>
  /** Ctrl-D: ends stdin, then waits for the program to exit. */
  end(timeoutMs?: number): Promise<ProcessResult>
  /** Waits for the program to exit by itself, stdin left open. */
  exited(timeoutMs?: number): Promise<ProcessResult>
  /** Whether the program is still running, now: it has neither exited nor been killed. */
  running(): boolean
}

export interface ProcessResult {
  exitCode: number | null
  stdout: Buffer
  stderr: string
}

/** Starts `command`; it is killed when the test ends, passed or not. */
export function spawnInteractive(command: string, args: readonly string[]): InteractiveProcess {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] })
  onTestFinished(() => {
    child.kill('SIGKILL')
  })
  const chunks: Buffer[] = []
  let stdoutLength = 0
  let readTo = 0
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    chunks.push(chunk)
    stdoutLength += chunk.length
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  child.stdin.on('error', () => {}) // EPIPE once the program has gone.
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve))
  const stdout = () => Buffer.concat(chunks, stdoutLength)
  const exited = async (timeoutMs = 10_000) => {
    const exitCode = await within(closed, timeoutMs, () => `${command} to exit; stderr: ${stderr}`)
    return { exitCode, stdout: stdout(), stderr }
  }
  return {
    write: (data) => child.stdin.write(data),
    async readUntil(suffix, timeoutMs = 5000) {
      const text = await waitFor(
        () => {
          const seen = stdout().subarray(readTo).toString('utf8')
          return seen.endsWith(suffix) ? seen : undefined
        },
        `${command} to print ${JSON.stringify(suffix)}`,
        {
          timeoutMs,
          describe: () =>
            `; it printed ${JSON.stringify(stdout().toString('utf8'))}, stderr ${stderr}`,
        }
      )
      readTo = stdoutLength
      return text
    },
    end(timeoutMs) {
      child.stdin.end()
      return exited(timeoutMs)
    },
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
  }
}
