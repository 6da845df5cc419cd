// Which SDK method a REST call is: method + path, from each package's build/cjs/meta.js
// (getUrl for www.wixapis.com, httpMethod) and the POST fallback the SDK uses for a GET
// whose `.r` would make the URL too long.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kPackages, requireSdk, sdkDir } from './sdk.mjs';

// Documented REST endpoints the client calls that no SDK method uses, with the SDK type
// (in the same package's meta.d.ts) their request is held to.
export const kDocumentedOnly = [
  { method: 'POST', pattern: '/stores-reader/v1/products/query', module: 'products',
    request: 'QueryProductsRequest', response: 'QueryProductsResponse',
    why: 'Query Products in the REST reference (string filter, numericId crawl); the SDK ' +
         'queries V1 products through GET query-platformized instead',
    doc: 'https://dev.wix.com/docs/rest/business-solutions/stores/catalog/query-products' },
];

function fallbacks(pkg) {
  const text = readFileSync(join(sdkDir, 'node_modules', pkg, 'build', 'cjs', 'meta.js'), 'utf8');
  const out = new Set();
  const re = /fallback: \[\s*\{\s*method: "(\w+)",\s*url: \w+\(\{\s*protoPath: "([^"]+)"/g;
  for (let m; (m = re.exec(text));) out.add(`${m[1]} ${m[2]}`);
  return out;
}

export function loadSdkRoutes() {
  const req = requireSdk();
  const routes = [];
  for (const [module, pkg] of Object.entries(kPackages)) {
    const meta = req(`${pkg}/meta`);
    const extra = fallbacks(pkg);
    for (const [name, fn] of Object.entries(meta)) {
      if (typeof fn !== 'function' || name.endsWith('Original')) continue;
      const info = fn();
      const url = info.getUrl({ host: 'www.wixapis.com' });
      const params = [];
      const regex = new RegExp('^' + url.replace(/:(\w+)/g, (_, p) => { params.push(p); return '([^/]+)'; }) + '$');
      const methods = [info.httpMethod];
      if (extra.has(`POST ${info.path}`)) methods.push('POST');
      routes.push({ method: `${module}.${name}`, module, name, pkg, url, regex, params, methods,
                    sdkMethod: info.httpMethod });
    }
  }
  return routes;
}

// -> {route, params} for a request, or undefined.
export function matchRoute(routes, method, path) {
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (!m || !route.methods.includes(method)) continue;
    const params = Object.fromEntries(route.params.map((p, i) => [p, decodeURIComponent(m[i + 1])]));
    return { route, params };
  }
  return undefined;
}
