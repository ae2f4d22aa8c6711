/** Runs `curl -sN -T .` as the README tells users to. */
import { type InteractiveProcess, spawnInteractive } from './interactive-process'

/** curl streaming its stdin to `url` as `clientIp`; each typed line goes out at once. */
export function curlSession(url: string, clientIp?: string): InteractiveProcess {
  const header = clientIp === undefined ? [] : ['-H', `cf-connecting-ip: ${clientIp}`]
  // -T . reads stdin without blocking (with -T -, curl 7.88 holds a line back).
  return spawnInteractive('curl', ['-sN', '-T', '.', ...header, url])
}
