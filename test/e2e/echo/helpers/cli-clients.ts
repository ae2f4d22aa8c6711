/**
 * The command-line clients the tests drive: websocat-like (ws), python3-websockets, and
 * any command in a terminal.
 */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { it, type TestContext } from 'vitest'
import { type InteractiveProcess, spawnInteractive } from './interactive-process'
import { websocketUrl } from './websocket-client'

const clientPath = (name: string) =>
  join(dirname(fileURLToPath(import.meta.url)), '..', 'clients', name)

/** The websocat-style client: one text message per stdin line, Close at end of input. */
export function websocatLike(httpUrl: string, path: string, clientIp?: string): InteractiveProcess {
  const args = [clientPath('websocat-like.ts'), websocketUrl(httpUrl, path)]
  return spawnInteractive(process.execPath, clientIp === undefined ? args : [...args, clientIp])
}

// Debian's interpreter, not a pyenv one on PATH: python3-websockets is installed for it.
const DEBIAN_PYTHON = '/usr/bin/python3'

/** Debian's python3-websockets session client (clients/websockets_session.py). */
export function pythonWebsockets(
  httpUrl: string,
  path: string,
  clientIp: string
): InteractiveProcess {
  return spawnInteractive(DEBIAN_PYTHON, [
    clientPath('websockets_session.py'),
    websocketUrl(httpUrl, path),
    clientIp,
  ])
}

const runs = (command: string, args: readonly string[]) =>
  spawnSync(command, args, { stdio: 'ignore' }).status === 0

/**
 * `it` for a test whose client comes from a Debian package: skipped, with the package
 * named, where it is missing, but failing in CI (CI=true), where .ci/run installs it.
 * The package is looked for when a test starts, never when the file loads, so a missing
 * one cannot stop the file's other tests from running. `.each` works as on `it`.
 */
function itWithDebianPackage(
  debianPackage: string,
  available: () => boolean,
  base: typeof it = it
) {
  let installed: boolean | undefined
  return base.extend<{ [debianPackage: string]: undefined }>({
    [debianPackage]: [
      async ({ skip, task }: TestContext, use: (value: undefined) => Promise<void>) => {
        installed ??= available()
        if (!installed) {
          const missing = `Debian package ${debianPackage} is missing (apt-get install ${debianPackage})`
          if (process.env.CI === 'true') throw new Error(missing)
          console.warn(`skipping "${task.name}": ${missing}`)
          skip(missing)
        }
        await use(undefined)
      },
      { auto: true },
    ],
  })
}

export const itWithPythonWebsockets = itWithDebianPackage('python3-websockets', () =>
  runs(DEBIAN_PYTHON, ['-c', 'import websockets'])
)

export const itWithPython3 = itWithDebianPackage('python3', () =>
  runs('python3', ['-c', 'import pty'])
)

/** `it` for a test that runs curl (helpers/curl-session.ts, or in a terminal). */
const curlRuns = () => runs('curl', ['--version'])
export const itWithCurl = itWithDebianPackage('curl', curlRuns)

/** `it` for a test that types into curl in a terminal ({@link inTerminal}). */
export const itWithCurlInTerminal = itWithDebianPackage('curl', curlRuns, itWithPython3)

/**
 * Runs `command` in a pseudo-terminal (clients/in_terminal.py), so it behaves as at a
 * prompt: the test types into it (Enter is "\r", Ctrl-D "\x04") and reads what the
 * terminal shows, typed characters included. On exit its stderr ends with a JSON report
 * of the exit code and the command's CPU and wall time.
 */
export function inTerminal(command: string, args: readonly string[]): InteractiveProcess {
  return spawnInteractive('python3', [clientPath('in_terminal.py'), command, ...args])
}
