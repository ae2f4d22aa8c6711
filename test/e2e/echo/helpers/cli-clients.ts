/** The command-line WebSocket clients the tests drive: websocat-like (ws) and python3-websockets. */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { it } from 'vitest'
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

const hasPythonWebsockets = () =>
  spawnSync(DEBIAN_PYTHON, ['-c', 'import websockets'], { stdio: 'ignore' }).status === 0

/**
 * `it` for tests that need python3-websockets: skipped (with the package named) where it
 * is missing, but failing in CI (CI=true), where .ci/run installs it.
 */
export function itWithPythonWebsockets(
  name: string,
  test: () => Promise<void>,
  timeoutMs?: number
) {
  if (hasPythonWebsockets()) return it(name, test, timeoutMs)
  const missing = `Debian package python3-websockets is missing (apt-get install python3-websockets)`
  if (process.env.CI === 'true') {
    return it(name, () => {
      throw new Error(missing)
    })
  }
  console.warn(`skipping "${name}": ${missing}`)
  return it.skip(`${name} [skipped: ${missing}]`, test)
}
