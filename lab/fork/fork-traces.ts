/**
 * `node lab/fork/fork-traces.ts DIR`: after `npm run reset-project` in DIR (a copy of the
 * template), lists every line of its files (as git lists them, tracked or new) that still
 * names what the reset removed, as `file:line: names …: text`, and exits 1 if there is one.
 * `.ci/run` runs it on its reset copy; the words are in traces.ts.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { trackedFiles } from '../../test/docs/tracked-files.ts'
import { findTraces, formatTrace } from './traces.ts'

const [dir] = process.argv.slice(2)
if (dir === undefined) {
  console.error('Usage: node lab/fork/fork-traces.ts DIR')
  process.exit(2)
}
const readName = (root: string): string =>
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string }).name
const templateName = readName(resolve(import.meta.dirname, '..', '..'))
const forkName = readName(dir)

const files = new Map(
  trackedFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')] as const)
)

const found = findTraces(files, forkName === templateName ? {} : { templateName })
for (const trace of found) console.log(formatTrace(trace))
console.log(
  found.length === 0
    ? `${files.size} files of ${forkName} name nothing the reset removed.`
    : `${found.length} line(s) of ${forkName} still name what the reset removed (lab/fork/traces.ts).`
)
process.exit(found.length === 0 ? 0 : 1)
