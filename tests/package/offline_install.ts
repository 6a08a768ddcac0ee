// Installs a packed l4wasm tarball into a fresh project without the network: a lock file for the
// project is written from l4wasm's own (whose dependencies `npm ci` put into the npm cache), so
// `npm ci --offline` finds every tarball in the cache. Falls back to a plain
// `npm install --prefer-offline` (which needs the registry) when the cache lacks something.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** The package name of a lock key: the part after the last node_modules/. */
function nameOf(key: string): string {
  return key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

function registryUrl(name: string, version: string): string {
  return `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`;
}

export interface InstallResult { status: number | null; output: string; offline: boolean }

/**
 * Makes `dir` a project that depends on the tarball `tgz` (copied there by the caller) and on
 * `extra` packages of l4wasm's lock (e.g. @types/node), and installs it.
 */
export function installTarball(root: string, dir: string, tgz: string, extra: string[]): InstallResult {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string; version: string; dependencies: Record<string, string>; bin: Record<string, string>; engines?: unknown;
  };
  const file = basename(tgz);
  const packages: Record<string, LockEntry> = {};
  const extraDeps: Record<string, string> = {};
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '') continue;
    const name = nameOf(key);
    const wanted = !entry.dev || extra.includes(name) || (key === 'node_modules/undici-types' && extra.includes('@types/node'));
    if (!wanted || entry.version === undefined) continue;
    const { dev: _dev, ...rest } = entry;
    packages[key] = { ...rest, resolved: entry.resolved ?? registryUrl(name, entry.version) };
    if (extra.includes(name) && key === `node_modules/${name}`) extraDeps[name] = entry.version;
  }
  const integrity = 'sha512-' + createHash('sha512').update(readFileSync(tgz)).digest('base64');
  packages[`node_modules/${pkg.name}`] = {
    version: pkg.version, resolved: `file:${file}`, integrity, license: 'MIT',
    dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines,
  };
  const dependencies = { [pkg.name]: `file:${file}`, ...extraDeps };
  const project = { name: 'l4wasm-pack-check', version: '1.0.0', private: true, type: 'module', dependencies };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(project, null, 2));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({
    name: project.name, version: project.version, lockfileVersion: 3, requires: true,
    packages: { '': { name: project.name, version: project.version, dependencies }, ...packages },
  }, null, 2));
  const npm = (args: string[]) => spawnSync('npm', args, { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  const offline = npm(['ci', '--offline', ...quiet]);
  if (offline.status === 0) return { status: 0, output: offline.stdout + offline.stderr, offline: true };
  const online = npm(['install', '--prefer-offline', ...quiet]);
  return { status: online.status, output: offline.stderr + online.stdout + online.stderr, offline: false };
}
