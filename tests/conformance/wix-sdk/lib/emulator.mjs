// Starts the Wix emulator (tools/wix-emulator) on 127.0.0.1 with its own test CA, and talks
// to its admin routes. Every process started here is stopped by its PID.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const sourceDir = resolve(fileURLToPath(import.meta.url), '../../../../..');

const kReadyTimeoutMs = 20000;

// HTTPS request to the emulator, trusting only its CA. Resolves {status, headers, body}.
export function send(emu, method, path, { headers = {}, body } = {}) {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: emu.port, method, path, ca: emu.ca, headers },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode, headers: res.headers,
                                   body: Buffer.concat(chunks) }));
      });
    req.on('error', fail);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export async function admin(emu, method, path, json) {
  const body = json === undefined ? undefined : JSON.stringify(json);
  const r = await send(emu, method, `/_emulator${path}`,
    { headers: body ? { 'content-type': 'application/json' } : {}, body });
  if (r.status >= 300) throw new Error(`emulator admin ${method} ${path}: ${r.status} ${r.body}`);
  return JSON.parse(r.body.toString('utf8'));
}

export async function startEmulator({ args = [] } = {}) {
  const stateDir = mkdtempSync(join(tmpdir(), 'wix-sdk-emu-'));
  const child = spawn('python3', [join(sourceDir, 'tools/wix-emulator/emulator.py'), '--port', '0',
                                  '--state-dir', stateDir, '--rate-limit', '0', ...args],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => { stderr += c; });
  const ready = await new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`emulator not ready in ${kReadyTimeoutMs} ms: ${stderr}`)),
                             kReadyTimeoutMs);
    child.stdout.on('data', (c) => {
      out += c;
      const m = /^READY https:\/\/(?:localhost|127\.0\.0\.1):(\d+) ca=(\S+)$/m.exec(out);
      if (m) { clearTimeout(timer); done({ port: Number(m[1]), caFile: m[2] }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`emulator exited ${code}: ${stderr}`)); });
  });
  // Node talks to 127.0.0.1 (its resolver may try ::1 first for localhost, where nothing
  // listens); shelfnode gets localhost, the name the certificate carries, as an mbedTLS
  // build matches DNS names only.
  const emu = { ...ready, url: `https://127.0.0.1:${ready.port}`,
                clientUrl: `https://localhost:${ready.port}`, ca: readFileSync(ready.caFile),
                stateDir, pid: child.pid };
  emu.stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => process.kill(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(stateDir, { recursive: true, force: true });
  };
  return emu;
}
