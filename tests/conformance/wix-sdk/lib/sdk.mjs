// The pinned Wix SDK packages, loaded from WIX_SDK_DIR (where `npm ci` put them; this folder
// by default), and a Wix client whose fetch goes to the emulator on 127.0.0.1 instead of
// www.wixapis.com. Every request the SDK sends is kept, as the SDK built it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { send } from './emulator.mjs';

export const sdkDir = resolve(process.env.WIX_SDK_DIR || resolve(fileURLToPath(import.meta.url), '../..'));

// The packages of the issue, with the name each has in a client's `modules`.
export const kPackages = {
  inventory: '@wix/auto_sdk_stores_inventory',
  products: '@wix/auto_sdk_stores_products',
  inventoryItemsV3: '@wix/auto_sdk_stores_inventory-items-v-3',
  readOnlyVariantsV3: '@wix/auto_sdk_stores_read-only-variants-v-3',
  storesLocationsV3: '@wix/auto_sdk_stores_stores-locations-v-3',
  catalogVersioning: '@wix/auto_sdk_stores_catalog-versioning',
  orders: '@wix/auto_sdk_ecom_orders',
};

export function requireSdk() {
  if (!existsSync(join(sdkDir, 'node_modules', '@wix', 'sdk'))) {
    throw new Error(`the Wix SDK packages are not installed in ${sdkDir}/node_modules: run ` +
                    `tests/conformance/wix-sdk/install.sh ${sdkDir} (npm ci from the registry)`);
  }
  return createRequire(join(sdkDir, 'package.json'));
}

export function packageVersion(name) {
  return requireSdk()(`${name}/package.json`).version;
}

// A fetch that sends the SDK's request to the emulator unchanged (method, path, query,
// headers, body) and keeps a copy of it in `sent`.
export function routedFetch(emu, sent) {
  return async (input, init = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const headers = Object.fromEntries(new Headers(init.headers || {}).entries());
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    const record = { method: (init.method || 'GET').toUpperCase(), host: url.host,
                     path: url.pathname, query: url.search, headers,
                     body: body === undefined || body === '' ? requestOfQuery(url) : JSON.parse(body) };
    sent.push(record);
    const r = await send(emu, record.method, url.pathname + url.search, { headers, body });
    record.status = r.status;
    try { record.response = JSON.parse(r.body.toString('utf8')); } catch { record.response = undefined; }
    return new Response(r.status === 204 ? null : r.body,
                        { status: r.status, headers: Object.entries(r.headers)
                            .filter(([, v]) => typeof v === 'string') });
  };
}

// The request a GET carries in `.r` (base64url JSON, as @wix/sdk-runtime encodes it).
export function requestOfQuery(url) {
  const r = url.searchParams.get('.r');
  return r === null ? undefined : JSON.parse(Buffer.from(r, 'base64url').toString('utf8'));
}

// createClient + ApiKeyStrategy, as a Wix SDK user writes it, over the routed fetch.
export function wixClient(emu, { apiKey, siteId }, sent) {
  const req = requireSdk();
  const { createClient, ApiKeyStrategy } = req('@wix/sdk');
  const modules = Object.fromEntries(Object.entries(kPackages).map(([k, p]) => [k, req(p)]));
  return createClient({ modules, auth: ApiKeyStrategy({ apiKey, siteId }),
                        fetch: routedFetch(emu, sent) });
}
