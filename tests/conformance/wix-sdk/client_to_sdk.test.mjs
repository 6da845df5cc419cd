// Test B: shelfnode's Wix client → the SDK's field names. The real binary runs every flow
// that makes a Wix call (connect, catalog pull full and incremental, sync push, settle,
// orders, reconcile) on a V1 and a V3 site of the emulator. (The V1 absolute set, PATCH
// .../inventoryItems/product/{id}, is made by no command: V1 settles with deltas. Its body is
// in tests/unit/sync_inventory; test A sends the SDK's.) Each request in the emulator's
// request log is then
//   1. matched to the SDK method that uses its method and path (a path no SDK method uses
//      fails, except documented REST endpoints listed in lib/routes.mjs),
//   2. held to that method's REST request type: every key, recursively, must be declared,
//      with the declared JSON type and enum values,
//   3. its filter and sort held to the method's query/search spec (lib/specs.mjs),
//   4. rebuilt by the SDK from the same values (lib/replay.mjs): the SDK's path and body
//      must equal shelfnode's,
//   and its headers must be ApiKeyStrategy's (Authorization, wix-site-id, no account ID).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { admin, startEmulator } from './lib/emulator.mjs';
import { replay } from './lib/replay.mjs';
import { kDocumentedOnly, loadSdkRoutes, matchRoute } from './lib/routes.mjs';
import { device } from './lib/shelfnode.mjs';
import { V1, V3 } from './lib/sites.mjs';
import { conformance, loadSdkTypes } from './lib/types.mjs';
import { kMethodSpecs, loadSpecs, specProblems } from './lib/specs.mjs';

let emu;
let types;
let routes;
let specs;
before(async () => {
  types = loadSdkTypes();
  specs = loadSpecs();
  routes = loadSdkRoutes();
  emu = await startEmulator();
});
after(async () => { if (emu) await emu.stop(); });

// Every Wix call since the log was last cleared (each flow starts with a reset or a clear).
async function wixRequests(server = emu) {
  const { requests } = await admin(server, 'GET', '/requests');
  return requests.filter((r) => !r.path.startsWith('/_emulator'));
}

// Requests that break an SDK limit on purpose. connect proves a key may write inventory
// with an increment of no entries (src/wix/site_check.cpp): Wix checks the permission (403)
// before the 1..300 entries rule (400), and no such body can change stock.
const kDeliberate = [
  { method: 'POST', path: '/stores/v2/inventoryItems/increment', body: { incrementData: [] },
    problem: "$.incrementData: 0 is past the SDK's @minSize 1" },
  { method: 'POST', path: '/stores/v3/bulk/inventory-items/increment', body: { incrementData: [] },
    problem: "$.incrementData: 0 is past the SDK's @minSize 1" },
];

function deliberate(r, body, problems) {
  const d = kDeliberate.find((k) => k.method === r.method && k.path === r.path);
  if (!d) return problems;
  try { assert.deepEqual(body, d.body); } catch { return problems; }
  return problems.filter((p) => p !== d.problem);
}

function pathOf(pattern, path) {
  return new RegExp('^' + pattern + '$').test(path);
}

// Every check of one logged request; returns the endpoint's name.
async function holdToSdk(site, r) {
  const body = r.body === null || r.body === undefined || r.body === '' ? undefined
    : (typeof r.body === 'string' ? JSON.parse(r.body) : r.body);
  const where = `${r.method} ${r.path}`;
  // The headers ApiKeyStrategy sends: Authorization (the raw key) and wix-site-id, no account.
  const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]));
  assert.equal(headers['wix-site-id'], site.siteId, `${where}: wix-site-id`);
  assert.ok(headers.authorization, `${where}: no Authorization header`);
  assert.equal(headers['wix-account-id'], undefined, `${where}: wix-account-id sent with a site call`);
  const documented = kDocumentedOnly.find((d) => d.method === r.method && pathOf(d.pattern, r.path));
  if (documented) {
    const problems = conformance(types, body ?? {}, types.type(documented.module, documented.request));
    assert.deepEqual(problems, [], `${where} (${documented.request}): shelfnode sends keys the SDK does not know`);
    // Its filter and sort are JSON text; the fields follow the V1 product spec.
    const q = body?.query ?? {};
    const sort = q.sort ? JSON.parse(q.sort).map((e) => ('fieldName' in e ? e
      : { fieldName: Object.keys(e)[0], order: String(Object.values(e)[0]).toUpperCase() })) : [];
    assert.deepEqual(specProblems(specs.get('products.ProductQuerySpec'), q.filter ? JSON.parse(q.filter) : {}, sort), [],
                     `${where}: filter or sort outside the SDK's ProductQuerySpec`);
    return `${where} (documented REST, ${documented.request})`;
  }
  const found = matchRoute(routes, r.method, r.path);
  assert.ok(found, `${where}: no method of the pinned SDK packages uses this method and path`);
  const { route, params } = found;
  const meta = types.methods.get(route.method);
  const problems = deliberate(r, body, conformance(types, body ?? {}, meta.request));
  assert.deepEqual(problems, [], `${where} (${route.method}): shelfnode sends what the SDK's request type does not declare`);
  if (kMethodSpecs[route.method]) {
    const [module, spec] = kMethodSpecs[route.method];
    const q = body?.query ?? body?.search ?? {};
    assert.deepEqual(specProblems(specs.get(`${module}.${spec}`), q.filter, q.sort), [],
                     `${where} (${route.method}): filter or sort outside the SDK's ${spec}`);
  }
  const sdk = await replay(site, route.method, body, params);
  assert.ok(sdk, `${route.method}: no replay in lib/replay.mjs; add one so the SDK rebuilds this call`);
  assert.equal(sdk.path, r.path, `${route.method}: the SDK sends this call to ${sdk.path}, shelfnode to ${r.path}`);
  assert.ok(route.methods.includes(r.method), `${route.method}: shelfnode uses ${r.method}`);
  // Path parameters travel in the path; the SDK also copies them into the body.
  const sdkBody = structuredClone(sdk.body ?? {});
  if (route.method === 'inventory.updateInventoryVariants' && sdkBody.inventoryItem && !(body?.inventoryItem ?? {}).productId) {
    delete sdkBody.inventoryItem.productId;
  }
  assert.deepEqual(body ?? {}, sdkBody, `${route.method}: the SDK, given the same values, builds another body`);
  return `${where} (${route.method})`;
}

async function checkAll(site, expected, server = emu) {
  const log = await wixRequests(server);
  assert.ok(log.length > 0, 'the flows made no Wix call');
  const seen = new Set();
  const failures = [];
  for (const r of log) {
    try { seen.add(await holdToSdk(site, r)); } catch (e) { failures.push(e.message.split('\n').slice(0, 12).join('\n')); }
  }
  assert.deepEqual([...new Set(failures)], [], 'requests that do not match the SDK');
  for (const e of expected) {
    assert.ok([...seen].some((s) => s.includes(e)), `the flows never called ${e}; seen:\n  ${[...seen].join('\n  ')}`);
  }
  return seen;
}

async function fault(spec) { await admin(emu, 'POST', '/faults', spec); }

describe('shelfnode V1 flows hold to the SDK', () => {
  test('connect, pull, push, settle, orders, reconcile', async () => {
    await admin(emu, 'POST', '/reset');
    const d = device(emu, V1);
    try {
      d.run(['init']);
      d.run(['warehouse', 'add', 'shop', '--mapped']);
      d.connect();
      d.run(['catalog', 'pull']);
      d.run(['receive', 'OAK-SHELF-60', '20', '--warehouse', 'shop']);  // above Wix: increment
      d.run(['count', 'APRON-L', '1', '--warehouse', 'shop']);          // below Wix: decrement
      d.run(['sync'], { expect: [0, 65] });
      await admin(emu, 'POST', '/checkout', { siteId: V1.siteId, lines: [{ sku: 'OAK-SHELF-60', quantity: 1 }] });
      // A decrement that lands but is never answered: settled by a read and an absolute set.
      await fault({ kind: 'drop_after_apply', path: '/stores/v2/inventoryItems/decrement', method: 'POST' });
      d.run(['sell', 'APRON-L', '1', '--warehouse', 'shop']);
      d.run(['sync'], { expect: [0, 65, 75] });
      d.run(['sync', '--reconcile'], { expect: [0, 65] });
      await admin(emu, 'POST', '/product', { siteId: V1.siteId, productId: V1.shelf.productId, name: 'Oak shelf' });
      d.run(['catalog', 'pull']);
      const seen = await checkAll(V1, ['catalogVersioning.getCatalogVersion', 'products/query',
        'inventory.queryInventory', 'inventory.incrementInventory', 'inventory.decrementInventory',
        'orders.searchOrders']);
      console.log([...seen].join('\n'));
    } finally { d.remove(); }
  });
});

describe('shelfnode V3 flows hold to the SDK', () => {
  test('connect, pull full and incremental, push, settle, orders, reconcile', async () => {
    await admin(emu, 'POST', '/reset');
    const d = device(emu, V3);
    try {
      d.run(['init']);
      d.run(['warehouse', 'add', 'shop', '--mapped']);
      d.connect();
      d.run(['catalog', 'pull']);
      d.run(['receive', 'ROPE-10M', '30', '--warehouse', 'shop']);
      d.run(['count', 'JACKET-S', '1', '--warehouse', 'shop']);
      d.run(['sync'], { expect: [0, 65] });
      await admin(emu, 'POST', '/checkout', { siteId: V3.siteId, lines: [{ sku: 'ROPE-10M', quantity: 1 }] });
      // A decrement whose answer never comes (and that did not land): settled by a read and
      // a revision-guarded absolute set.
      await fault({ kind: 'drop', path: '/stores/v3/bulk/inventory-items/decrement', method: 'POST' });
      d.run(['sell', 'JACKET-S', '1', '--warehouse', 'shop']);
      d.run(['sync'], { expect: [0, 65, 75] });
      d.run(['sync', '--reconcile'], { expect: [0, 65] });
      await admin(emu, 'POST', '/product', { siteId: V3.siteId, productId: '1e0e5e5b-67d2-4364-848c-613060ae7f04', name: 'Rain jacket 2' });
      d.run(['catalog', 'pull']);
      const seen = await checkAll(V3, ['catalogVersioning.getCatalogVersion',
        'storesLocationsV3.queryStoresLocations', 'readOnlyVariantsV3.queryVariants',
        'readOnlyVariantsV3.searchVariants', 'inventoryItemsV3.queryInventoryItems',
        'inventoryItemsV3.bulkIncrementInventoryItems', 'inventoryItemsV3.bulkDecrementInventoryItems',
        'inventoryItemsV3.bulkUpdateInventoryItems', 'orders.searchOrders']);
      console.log([...seen].join('\n'));
    } finally { d.remove(); }
  });
});

// Follow-up pages: the shipped fixtures fit in one page, generated catalogs do not (V1 pages
// of 100 products, V3 pages of 1000 variants and items).
describe('shelfnode paging holds to the SDK', () => {
  const kGenerated = { apiKey: 'IST.emulator-generated-catalog-key' };
  const V1Big = { ...kGenerated, catalog: 'V1_CATALOG', siteId: '6f1c7b52-9d3e-4a0b-8c21-0e5d2b9a1001' };
  const V3Big = { ...kGenerated, catalog: 'V3_CATALOG', siteId: '6f1c7b52-9d3e-4a0b-8c21-0e5d2b9a3003' };
  let big;
  before(async () => { big = await startEmulator({ args: ['--generate-v1', '150', '--generate-v3', '1100'] }); });
  after(async () => { if (big) await big.stop(); });

  for (const site of [V1Big, V3Big]) {
    test(`a full pull over several pages (${site.catalog})`, async () => {
      await admin(big, 'POST', '/requests/clear');
      const d = device(big, site);
      try {
        d.run(['init']);
        d.connect();
        d.run(['catalog', 'pull']);
        const log = await wixRequests(big);
        const pages = log.filter((r) => /products\/query|query-variants|inventory-items\/query/.test(r.path));
        const followUps = pages.filter((r) => JSON.stringify(r.body).includes('"cursor"') ||
                                              JSON.stringify(r.body).includes('numericId\\":{'));
        assert.ok(followUps.length >= 1, `no follow-up page was asked for: ${JSON.stringify(pages.map((r) => r.body))}`);
        await checkAll(site, ['catalogVersioning.getCatalogVersion'], big);
      } finally { d.remove(); }
    });
  }
});

describe('the checks fail on what the SDK does not know', () => {
  const cases = [
    ['a flat V3 bulk-update entry', { method: 'POST', path: '/stores/v3/bulk/inventory-items/update',
      body: { inventoryItems: [{ id: 'i', revision: '1', quantity: 2 }] } },
     /inventoryItems\[\]\.id: key the SDK does not declare/],
    ['a misnamed V1 decrement amount', { method: 'POST', path: '/stores/v2/inventoryItems/decrement',
      body: { decrementData: [{ productId: 'p', variantId: 'v', quantity: 1 }] } },
     /decrementData\[\]\.quantity: key the SDK does not declare/],
    ['a path no SDK method uses', { method: 'PATCH', path: '/stores/v2/inventoryItems/abc',
      body: { inventoryItem: {} } }, /no method of the pinned SDK packages uses this method and path/],
    ['a page past the SDK limit', { method: 'POST', path: '/ecom/v1/orders/search',
      body: { search: { cursorPaging: { limit: 1000 } } } }, /@max 100/],
    ['an enum value the SDK does not have', { method: 'POST', path: '/stores/v3/products/search-variants',
      body: { search: { sort: [{ fieldName: 'variantId', order: 'UP' }] } } }, /not one of the SDK's values/],
    ['an object where the documented V1 query takes a string', { method: 'POST',
      path: '/stores-reader/v1/products/query', body: { query: { filter: {} } } }, /is not a string/],
    ['a filter on a field the spec does not list', { method: 'POST', path: '/stores/v3/products/query-variants',
      body: { query: { filter: { sku: { $eq: 'A' } } } } }, /filter on 'sku': not a field the SDK's spec lets you filter on/],
    ['a sort the spec forbids', { method: 'POST', path: '/stores/v3/inventory-items/query',
      body: { query: { sort: [{ fieldName: 'id', order: 'ASC' }] } } }, /sort on 'id' ASC: the SDK's spec does not allow it/],
    ['an operator the spec forbids', { method: 'POST', path: '/ecom/v1/orders/search',
      body: { search: { filter: { status: { $gt: 'A' } } } } }, /filter on 'status' with \$gt/],
    ['a body the SDK builds otherwise', { method: 'PATCH', path: '/stores/v2/inventoryItems/product/p1',
      body: { inventoryItem: { productId: 'p2', trackQuantity: true, variants: [] } } },
     /the SDK, given the same values, builds another body/],
  ];
  for (const [name, request, message] of cases) {
    test(name, async () => {
      const headers = { Authorization: '<redacted>', 'wix-site-id': V1.siteId };
      await assert.rejects(holdToSdk(V1, { ...request, headers }), message);
    });
  }
});
