/**
 * The command-line clients the lab drives beside curl: websocat-like (ws),
 * python3-websockets, and any command in a terminal.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { itWithCurl, itWithDebianPackage } from '../../../test/e2e/echo/helpers/cli-clients'
import {
  type InteractiveProcess,
  spawnInteractive,
} from '../../../test/e2e/echo/helpers/interactive-process'
import { websocketUrl } from '../../../test/e2e/echo/helpers/ws-client'

export { itWithCurl }

const clientPath = (name: string) => join(import.meta.dirname, '..', 'clients', name)

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

export const itWithPythonWebsockets = itWithDebianPackage('python3-websockets', () =>
  runs(DEBIAN_PYTHON, ['-c', 'import websockets'])
)

export const itWithPython3 = itWithDebianPackage('python3', () =>
  runs('python3', ['-c', 'import pty'])
)

/** `it` for a test that types into curl in a terminal ({@link inTerminal}). */
export const itWithCurlInTerminal = itWithDebianPackage(
  'curl',
  () => runs('curl', ['--version']),
  itWithPython3
)

/**
 * Runs `command` in a pseudo-terminal (clients/in_terminal.py), so it behaves as at a
 * prompt: the test types into it (Enter is "\r", Ctrl-D "\x04") and reads what the
 * terminal shows, typed characters included. On exit its stderr ends with a JSON report
 * of the exit code and the command's CPU and wall time.
 */
export function inTerminal(command: string, args: readonly string[]): InteractiveProcess {
  return spawnInteractive('python3', [clientPath('in_terminal.py'), command, ...args])
}
