/** Names the machine a run was measured on, for the report. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, cpus, release, type } from 'node:os'

export interface Machine {
  readonly cpu: string
  readonly cores: number
  readonly os: string
  readonly node: string
  readonly workerd: string
  readonly python: string | null
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))
    if (pretty?.[1]) return `${pretty[1]} (${type()} ${release()})`
  } catch {
    // Not Linux: the kernel name will do.
  }
  return `${type()} ${release()}`
}

export function describeMachine(workerdPath: string, python: string | null): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: availableParallelism(),
    os: osName(),
    node: process.version,
    workerd: execFileSync(workerdPath, ['--version'], { encoding: 'utf8' }).trim(),
    python: python && execFileSync(python, ['--version'], { encoding: 'utf8' }).trim(),
  }
}
