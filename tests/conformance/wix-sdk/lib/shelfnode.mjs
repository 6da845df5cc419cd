// Runs the real shelfnode binary (SHELFNODE_BIN) against the emulator, one command at a time.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function shelfnodeBin() {
  const bin = process.env.SHELFNODE_BIN;
  if (!bin) throw new Error('SHELFNODE_BIN is not set: point it at build/gcc/firmware/shelfnode');
  return bin;
}

// A data dir of its own, connected to `site` on the emulator. `run(args)` -> {code, out, err}.
export function device(emu, site) {
  const dir = mkdtempSync(join(tmpdir(), 'wix-sdk-device-'));
  const data = join(dir, 'data');
  const keyFile = join(dir, 'wix-key');
  writeFileSync(keyFile, `${site.apiKey}\n`);
  chmodSync(keyFile, 0o600);
  const run = (args, { expect = [0] } = {}) => {
    const r = spawnSync(shelfnodeBin(), ['--data-dir', data, ...args],
                        { encoding: 'utf8', timeout: 60000, env: { ...process.env, SHELFNODE_DATA_DIR: '' } });
    const result = { code: r.status, out: r.stdout, err: r.stderr };
    if (!expect.includes(r.status)) {
      throw new Error(`shelfnode ${args.join(' ')} exited ${r.status} (expected ${expect}):\n${r.stdout}${r.stderr}`);
    }
    return result;
  };
  const connect = () => run(['connect', '--site-id', site.siteId, '--api-key-file', keyFile,
                             '--base-url', emu.clientUrl, '--ca-file', emu.caFile]);
  return { dir, data, run, connect, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
