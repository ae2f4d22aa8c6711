/** Builds the worker as `wrangler deploy` would, and reads the settings workerd must repeat. */
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { unstable_readConfig } from 'wrangler'
import { SERVERS } from './paths.ts'
import type { WorkerModule, WorkerSettings } from './workerd-config.ts'

const MODULE_TYPES: Record<string, WorkerModule['type']> = {
  js: 'esModule',
  mjs: 'esModule',
  wasm: 'wasm',
  bin: 'data',
}

export interface BuiltWorker {
  /** The bundle's entry module (index.js), then any module it imports, in `outdir`. */
  readonly modules: readonly WorkerModule[]
  readonly outdir: string
  readonly bytes: number
  /** Measured as wrangler reports it: gzip of every uploaded module together. */
  readonly gzipBytes: number
  readonly settings: WorkerSettings
  readonly durableObjects: readonly { readonly binding: string; readonly className: string }[]
}

/**
 * Everything wrangler would upload from `outdir`: the entry (index.js) first, then the
 * modules it imports (text, wasm…), with files relative to `outdir`.
 */
export function bundleModules(outdir: string): WorkerModule[] {
  return readdirSync(outdir)
    .filter((name) => !/\.map$|^README\.md$/.test(name))
    .sort((a, b) => Number(b === 'index.js') - Number(a === 'index.js'))
    .map((name) => ({
      name,
      file: name,
      type: MODULE_TYPES[name.split('.').pop() ?? ''] ?? 'text',
    }))
}

/**
 * Builds with `config` (wrangler.toml by default). `flags` go to wrangler as they are:
 * the profile builds with --no-minify to read names.
 */
export async function buildWorker(
  root: string,
  outdir: string,
  flags: readonly string[] = [],
  config = join(root, 'wrangler.toml')
): Promise<BuiltWorker> {
  const wrangler = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js')
  const args = ['deploy', '--dry-run', '--config', config, '--outdir', outdir, ...flags]
  await run(process.execPath, [wrangler, ...args], root)
  return builtWorkerIn(outdir, config)
}

/** A build already made in `outdir` from `config` (`wrangler deploy --dry-run --outdir`). */
export const builtWorkerIn = (outdir: string, config: string): BuiltWorker =>
  readBuiltWorker(outdir, unstable_readConfig({ config }))

/**
 * Builds the template without its context: its own source and wrangler.toml, renamed, with
 * `node:async_hooks` replaced by a single slot (servers/no-context, through wrangler's
 * `alias`). Bundled exactly as the template is, so that the two differ by the context alone.
 */
export function buildWithoutContext(
  root: string,
  outdir: string,
  flags: readonly string[] = []
): Promise<BuiltWorker> {
  const slot = join(SERVERS, 'no-context', 'async-local-storage.js')
  const main = join(root, 'src', 'index.ts')
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8')
    .replace(/^name = .*$/m, 'name = "no-context"')
    .replace(
      /^main = .*$/m,
      `main = ${JSON.stringify(main)}\nalias = { "node:async_hooks" = ${JSON.stringify(slot)} }`
    )
  const config = join(dirname(outdir), 'no-context.wrangler.toml')
  writeFileSync(config, toml)
  return buildWorker(root, outdir, flags, config)
}

function readBuiltWorker(
  outdir: string,
  config: ReturnType<typeof unstable_readConfig>
): BuiltWorker {
  const modules = bundleModules(outdir)
  const contents = modules.map((module) => readFileSync(join(outdir, module.file)))
  if (!config.compatibility_date) throw new Error('wrangler.toml has no compatibility_date')
  return {
    outdir,
    modules,
    bytes: contents.reduce((sum, content) => sum + content.length, 0),
    gzipBytes: gzipSync(Buffer.concat(contents)).length,
    durableObjects: config.durable_objects.bindings.map(
      (b: { name: string; class_name: string }) => ({
        binding: b.name,
        className: b.class_name,
      })
    ),
    settings: {
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags,
      vars: Object.fromEntries(
        Object.entries(config.vars).map(([name, value]) => [
          name,
          typeof value === 'string' ? value : JSON.stringify(value),
        ])
      ),
    },
  }
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const keep = (data: Buffer) => {
      output += data.toString()
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`wrangler build failed (${code}):\n${output}`))
    )
  })
}
