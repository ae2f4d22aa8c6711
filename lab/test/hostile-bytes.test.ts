/**
 * Hostile bytes over HTTP: random byte streams cut into random pieces, lines at and over
 * the limit, bodies without a single newline. The echo must be byte-exact throughout.
 */
import { describe, expect, it } from 'vitest'
import { curlSession } from '../../test/e2e/echo/helpers/curl-session'
import { waitForSessionLogs } from '../../test/e2e/echo/helpers/worker-session-logs'
import { logMark } from '../../test/e2e/helpers/worker-log'
import { workerUrl } from '../../test/e2e/helpers/worker-under-test'
import { itWithCurl } from './helpers/cli-clients'
import { type Random, randomSeed, seededRandom } from './helpers/seeded-random'
import { streamedPost } from './helpers/streamed-post'

const MAX_LINE_BYTES = 65536 // wrangler.toml [vars]
const goodbye = (ip: string) => Buffer.from(`Good bye, client @ ${ip}\n`)
const isWhitespace = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)

/**
 * About `totalBytes` of random lines: any byte but `\n` (invalid UTF-8, NULs, lone CRs
 * included), never blank (a blank line would end the session), the last one possibly
 * unterminated.
 */
function randomLines(random: Random, totalBytes: number): Buffer {
  const lines: Buffer[] = []
  let size = 0
  while (size < totalBytes) {
    const line = Buffer.from(random.bytes(random.int(1, 300)).map((b) => (b === 0x0a ? 0x0b : b)))
    if (line.every(isWhitespace)) line[0] = 0x78
    const terminator = size + line.length >= totalBytes && random.next() < 0.5 ? '' : '\n'
    lines.push(line, Buffer.from(terminator))
    size += line.length + terminator.length
  }
  return Buffer.concat(lines)
}

/** POSTs `body` in pieces of random size, each written after the previous one left. */
async function postInRandomPieces(url: string, ip: string, body: Buffer, random: Random) {
  const post = streamedPost(`${url}/echo`, { clientIp: ip })
  for (let at = 0; at < body.length; ) {
    const piece = body.subarray(at, at + random.int(1, 4096))
    await post.write(piece)
    at += piece.length
    // Let the piece reach the socket on its own, rather than coalesced with the next.
    await new Promise((resolve) => setImmediate(resolve))
  }
  post.end()
  return post.finished(20_000)
}

describe('hostile bytes over HTTP', () => {
  // A fixed seed, and a fresh one each run (E2E_SEED=<seed> replays a failure).
  const seeds = [0x5eed, Number(process.env.E2E_SEED ?? randomSeed())]
  it.each(seeds)(
    'echoes a random byte stream in random pieces byte-exact (seed %i)',
    async (seed) => {
      console.log(`random byte stream seed: ${seed} (replay with E2E_SEED=${seed})`)
      const random = seededRandom(seed)
      const body = randomLines(random, 256 * 1024)
      const ip = '198.51.100.70'
      const since = logMark()
      const received = await postInRandomPieces(workerUrl(), ip, body, random)
      const unterminated = body[body.length - 1] !== 0x0a
      const expected = Buffer.concat([body, Buffer.from(unterminated ? '\n' : ''), goodbye(ip)])
      expect(received.length, `seed ${seed}`).toBe(expected.length)
      expect(received.equals(expected), `seed ${seed}: echo differs from what was sent`).toBe(true)
      const [log] = await waitForSessionLogs(since, 1, (l) => l.client === ip)
      expect(log).toMatchObject({
        bytes: expected.length - goodbye(ip).length,
        end: 'end-of-input',
      })
    }
  )

  it('echoes a line of exactly MAX_LINE_BYTES and refuses the next, longer one', async () => {
    const ip = '198.51.100.71'
    const random = seededRandom(71)
    const atLimit = Buffer.concat([Buffer.alloc(MAX_LINE_BYTES - 1, 'a'), Buffer.from('\n')])
    const overLimit = Buffer.concat([Buffer.alloc(MAX_LINE_BYTES, 'b'), Buffer.from('\n')])
    const body = Buffer.concat([atLimit, overLimit, Buffer.from('never echoed\n')])
    const since = logMark()
    const received = await postInRandomPieces(workerUrl(), ip, body, random)
    expect(received.toString('latin1')).toBe(
      `${atLimit.toString('latin1')}error: line longer than ${MAX_LINE_BYTES} bytes\nGood bye, client @ ${ip}\n`
    )
    expect(await waitForSessionLogs(since, 1, (l) => l.client === ip)).toMatchObject([
      { lines: 1, bytes: MAX_LINE_BYTES, end: 'line-too-long' },
    ])
  })

  itWithCurl('echoes a body with no newline at all with one added, at Ctrl-D', async () => {
    const curl = curlSession(`${workerUrl()}/echo`, '198.51.100.72')
    const body = Buffer.concat([
      Buffer.from('no newline at all, '),
      Buffer.from([0xff, 0xfe, 0x00, 0x0d]),
    ])
    curl.write(body)
    const { exitCode, stdout } = await curl.end()
    expect(exitCode).toBe(0)
    expect(stdout).toEqual(Buffer.concat([body, Buffer.from('\n'), goodbye('198.51.100.72')]))
  })

  it('refuses a body with no newline that outgrows the limit, without echoing it', async () => {
    const ip = '198.51.100.73'
    const body = Buffer.alloc(3 * MAX_LINE_BYTES, 'z')
    const received = await postInRandomPieces(workerUrl(), ip, body, seededRandom(73))
    expect(received.toString('utf8')).toBe(
      `error: line longer than ${MAX_LINE_BYTES} bytes\nGood bye, client @ ${ip}\n`
    )
  })
})
