// Test A: Wix's own SDK → the emulator. Every endpoint shelfnode's client calls is called
// here through the real SDK method (createClient + ApiKeyStrategy, fetch routed to
// 127.0.0.1). The emulator must accept what the SDK sends (2xx) and answer with what the
// method's REST response type in the SDK's meta.d.ts declares: no undeclared field, the
// declared JSON types and enum values, required fields present.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { admin, startEmulator } from './lib/emulator.mjs';
import { routedFetch, wixClient } from './lib/sdk.mjs';
import { conformance, enumValues, loadSdkTypes, typeAtPath } from './lib/types.mjs';
import { V1, V3 } from './lib/sites.mjs';
import { emulatorFields, kFieldsFile } from './gen-emulator-fields.mjs';
import { loadSpecs } from './lib/specs.mjs';

let emu;
let types;
before(async () => {
  types = loadSdkTypes();
  emu = await startEmulator();
});
after(async () => { if (emu) await emu.stop(); });

// Answer fields the SDK's REST type leaves out although its own response transform
// converts them (so Wix sends them): the emulator may send them, shelfnode must not need them.
const kInTransformNotInType = {
  'readOnlyVariantsV3.queryVariants': ['$.variants[].productData.updatedDate'],
  'readOnlyVariantsV3.searchVariants': ['$.variants[].productData.updatedDate'],
};

// Calls `run(client)` and holds each request it sent to `method`'s REST types.
async function holds(site, method, run) {
  const sent = [];
  const client = wixClient(emu, site, sent);
  let result;
  let failure;
  try { result = await run(client); } catch (e) { failure = e; }
  assert.ok(sent.length > 0, `${method}: the SDK sent nothing (${failure && failure.message})`);
  const meta = types.methods.get(method);
  assert.ok(meta, `the SDK packages declare no ${method}`);
  for (const r of sent) {
    const where = `${method} (${r.method} ${r.path})`;
    assert.ok(r.status >= 200 && r.status < 300,
              `${where}: the emulator refused what the SDK sent: ${r.status} ${JSON.stringify(r.response)}` +
              `\n  request: ${JSON.stringify(r.body)}`);
    assert.deepEqual(conformance(types, r.body ?? {}, meta.request), [],
                     `${where}: the SDK's own request does not fit its REST type`);
    assert.deepEqual(conformance(types, r.response, meta.response,
                                 { required: true, allow: kInTransformNotInType[method] ?? [] }), [],
                     `${where}: the emulator's answer does not fit the SDK's REST response type`);
  }
  assert.equal(failure, undefined, `${method}: the SDK method failed: ${failure && failure.message}`);
  return { result, sent };
}

describe('catalog versioning', () => {
  for (const site of [V1, V3]) {
    test(`getCatalogVersion (${site.catalog})`, async () => {
      const { result } = await holds(site, 'catalogVersioning.getCatalogVersion',
                                     (c) => c.catalogVersioning.getCatalogVersion());
      assert.equal(result.catalogVersion, site.catalog);
    });
  }
});

describe('catalog V1', () => {
  test('queryProducts (numericId crawl, as the SDK builds it)', async () => {
    const { result, sent } = await holds(V1, 'products.queryProducts', (c) =>
      c.products.queryProducts().ascending('numericId').gt('numericId', '0').limit(3).find());
    assert.equal(sent[0].method, 'GET');
    assert.equal(result.items.length, 3);
    const ids = result.items.map((p) => Number(p.numericId));
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
  });

  test('queryInventory (string filter on productId)', async () => {
    const { result } = await holds(V1, 'inventory.queryInventory', (c) =>
      c.inventory.queryInventory({ query: {
        filter: JSON.stringify({ productId: { $in: [V1.shelf.productId, V1.apron.productId] } }),
        paging: { limit: 100, offset: 0 } } }));
    assert.equal(result.inventoryItems.length, 2);
  });

  test('incrementInventory / decrementInventory', async () => {
    const { shelf } = V1;
    await holds(V1, 'inventory.incrementInventory', (c) => c.inventory.incrementInventory(
      [{ productId: shelf.productId, variantId: shelf.variantId, incrementBy: 2 }]));
    await holds(V1, 'inventory.decrementInventory', (c) => c.inventory.decrementInventory(
      [{ productId: shelf.productId, variantId: shelf.variantId, decrementBy: 1 }]));
    const [row] = (await admin(emu, 'GET', `/inventory?site=${V1.siteId}&sku=${shelf.sku}`)).items;
    assert.equal(row.quantity, shelf.quantity + 1);
  });

  test('updateInventoryVariants (absolute set, tracking kept)', async () => {
    const { apron } = V1;
    await holds(V1, 'inventory.updateInventoryVariants', (c) =>
      c.inventory.updateInventoryVariants(apron.productId, {
        trackQuantity: true, variants: [{ variantId: apron.variantId, quantity: 7 }] }));
    const [row] = (await admin(emu, 'GET', `/inventory?site=${V1.siteId}&sku=${apron.sku}`)).items;
    assert.equal(row.quantity, 7);
  });
});

describe('documented REST endpoints without an SDK method', () => {
  test('POST /stores-reader/v1/products/query answers as QueryProductsResponse declares', async () => {
    const sent = [];
    const fetch = routedFetch(emu, sent);
    const body = { query: { filter: JSON.stringify({ numericId: { $gt: '0' } }),
                            sort: JSON.stringify([{ numericId: 'asc' }]), paging: { limit: 100 } },
                   includeVariants: true, includeHiddenProducts: true };
    assert.deepEqual(conformance(types, body, types.type('products', 'QueryProductsRequest')), []);
    await fetch('https://www.wixapis.com/stores-reader/v1/products/query', {
      method: 'POST', body: JSON.stringify(body),
      headers: { authorization: V1.apiKey, 'wix-site-id': V1.siteId, 'content-type': 'application/json' } });
    assert.equal(sent[0].status, 200, JSON.stringify(sent[0].response));
    assert.ok(sent[0].response.products.length > 1);
    assert.deepEqual(conformance(types, sent[0].response, types.type('products', 'QueryProductsResponse'),
                                 { required: true }), []);
  });
});

describe('catalog V3', () => {
  test('queryVariants (by product, next page by cursor)', async () => {
    const { result, sent } = await holds(V3, 'readOnlyVariantsV3.queryVariants', async (c) => {
      const first = await c.readOnlyVariantsV3.queryVariants().limit(2).find();
      return first.hasNext() ? [first, await first.next()] : [first];
    });
    assert.equal(result.length, 2, 'the fixture has more than 2 variants');
    assert.ok(sent[1].body.query.cursorPaging.cursor);
  });

  test('searchVariants (updated since, as the incremental pull asks)', async () => {
    await holds(V3, 'readOnlyVariantsV3.searchVariants', (c) =>
      c.readOnlyVariantsV3.searchVariants({
        filter: { 'productData.updatedDate': { $gte: '2020-01-01T00:00:00.000Z' } },
        sort: [{ fieldName: 'productData.updatedDate', order: 'ASC' }],
        cursorPaging: { limit: 100 } }));
  });

  test('queryInventoryItems (by variant IDs)', async () => {
    const { result, sent } = await holds(V3, 'inventoryItemsV3.queryInventoryItems', (c) =>
      c.inventoryItemsV3.queryInventoryItems().in('variantId', [V3.rope.variantId]).limit(100).find());
    assert.equal(sent[0].method, 'GET', 'the SDK sends this query as GET ?.r=');
    assert.ok(result.items.length >= 1);
  });

  test('queryStoresLocations (the default location)', async () => {
    const { result } = await holds(V3, 'storesLocationsV3.queryStoresLocations', (c) =>
      c.storesLocationsV3.queryStoresLocations().eq('defaultLocation', true).limit(1).find());
    assert.equal(result.items.length, 1);
    assert.equal(result.items[0]._id, V3.mainLocation);
  });

  test('bulkUpdateInventoryItems / bulkIncrementInventoryItems / bulkDecrementInventoryItems', async () => {
    const { jacket } = V3;
    const { result } = await holds(V3, 'inventoryItemsV3.bulkUpdateInventoryItems', (c) =>
      c.inventoryItemsV3.bulkUpdateInventoryItems(
        [{ inventoryItem: { _id: jacket.itemId, revision: jacket.revision, quantity: 9 } }],
        { returnEntity: true, reason: 'MANUAL' }));
    assert.equal(result.bulkActionMetadata.totalSuccesses, 1, JSON.stringify(result));
    await holds(V3, 'inventoryItemsV3.bulkIncrementInventoryItems', (c) =>
      c.inventoryItemsV3.bulkIncrementInventoryItems(
        [{ inventoryItemId: jacket.itemId, incrementBy: 2 }], { returnEntity: false, reason: 'MANUAL' }));
    await holds(V3, 'inventoryItemsV3.bulkDecrementInventoryItems', (c) =>
      c.inventoryItemsV3.bulkDecrementInventoryItems(
        [{ inventoryItemId: jacket.itemId, decrementBy: 1 }],
        { restrictInventory: false, returnEntity: false, reason: 'MANUAL' }));
    const [row] = (await admin(emu, 'GET', `/inventory?site=${V3.siteId}&sku=${jacket.sku}`)).items;
    assert.equal(row.quantity, 10);
  });
});

describe('eCom orders', () => {
  for (const site of [V1, V3]) {
    test(`searchOrders (${site.catalog}, updated since, oldest first)`, async () => {
      const { result } = await holds(site, 'orders.searchOrders', (c) => c.orders.searchOrders({
        filter: { updatedDate: { $gte: '2020-01-01T00:00:00.000Z' }, status: { $in: ['APPROVED'] } },
        sort: [{ fieldName: 'updatedDate', order: 'ASC' }],
        cursorPaging: { limit: 100 } }));
      assert.ok(result.orders.length >= 1);
    });
  }
});

describe('the answer check', () => {
  test('fails on an undeclared field, a wrong type, an unknown enum value and a missing required field', () => {
    const meta = types.methods.get('inventoryItemsV3.bulkUpdateInventoryItems');
    const problems = conformance(types, {
      results: [{ itemMetadata: { success: 'yes', extra: 1 }, item: { availabilityStatus: 'MAYBE' } }],
    }, meta.response, { required: true });
    assert.ok(problems.some((p) => p.includes('$.results[].itemMetadata.success') && p.includes('not a boolean')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('$.results[].itemMetadata.extra: key the SDK does not declare')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes("$.results[].item.availabilityStatus: \"MAYBE\" is not one of the SDK's values")), problems.join('\n'));
    const version = conformance(types, {}, types.type('products', 'QueryProductsRequest'), { required: true });
    assert.deepEqual(version, []);
    const required = conformance(types, {}, types.type('inventory', 'UpdateInventoryVariantsRequest'), { required: true });
    assert.deepEqual(required, ['$.inventoryItem: missing, and the SDK declares it required']);
  });
});

// What shelfnode reads from each answer (src/pull, src/sync, src/wix), and the enum values it
// compares with: each must be in the SDK's REST response type. A field listed here that the
// SDK drops, or renames, fails with the endpoint and the path.
const kShelfnodeReads = {
  'catalogVersioning.getCatalogVersion': { catalogVersion: ['V1_CATALOG', 'V3_CATALOG', 'STORES_NOT_INSTALLED'] },
  'products.QueryProductsResponse': [
    'products[].id', 'products[].name', 'products[].sku', 'products[].lastUpdated',
    'products[].numericId', 'products[].manageVariants', 'products[].stock.trackInventory',
    'products[].variants[].id', 'products[].variants[].choices', 'products[].variants[].variant.sku',
    'products[].variants[].stock.trackQuantity', 'totalResults', 'metadata.items'],
  'inventory.queryInventory': [
    'inventoryItems[].productId', 'inventoryItems[].trackQuantity', 'inventoryItems[].variants[].variantId',
    'inventoryItems[].variants[].quantity', 'inventoryItems[].variants[].inStock',
    'inventoryItems[].numericId', 'inventoryItems[].lastUpdated', 'totalResults'],
  'readOnlyVariantsV3.queryVariants': [
    'variants[].variantId', 'variants[].productData.productId', 'variants[].productData.name',
    'variants[].sku', 'variants[].barcode', 'variants[].optionChoices[].optionChoiceNames.choiceName',
    'pagingMetadata.cursors.next', 'pagingMetadata.hasNext'],
  'readOnlyVariantsV3.searchVariants': ['variants[].variantId', 'variants[].productData.productId',
    'pagingMetadata.cursors.next', 'pagingMetadata.hasNext'],
  'inventoryItemsV3.queryInventoryItems': [
    'inventoryItems[].id', 'inventoryItems[].revision', 'inventoryItems[].productId',
    'inventoryItems[].variantId', 'inventoryItems[].locationId', 'inventoryItems[].trackQuantity',
    'inventoryItems[].quantity', 'inventoryItems[].inStock', 'inventoryItems[].updatedDate',
    // No hasNext here (PlatformPagingMetadataV2): shelfnode's readers take it only when sent
    // and end on a missing cursors.next.
    'inventoryItems[].product.variantSku', 'pagingMetadata.cursors.next'],
  'storesLocationsV3.queryStoresLocations': ['storesLocations[].id', 'storesLocations[].defaultLocation'],
  'orders.searchOrders': {
    'orders[].id': [], 'orders[].number': [], 'orders[].status': ['APPROVED', 'CANCELED'],
    'orders[].createdDate': [], 'orders[].updatedDate': [], 'orders[].lineItems[].id': [],
    'orders[].lineItems[].catalogReference.appId': [], 'orders[].lineItems[].catalogReference.catalogItemId': [],
    'orders[].lineItems[].catalogReference.options': [], 'orders[].lineItems[].physicalProperties.sku': [],
    'orders[].lineItems[].quantity': [], 'orders[].lineItems[].restockQuantity': [],
    'orders[].shippingInfo.logistics.pickupDetails.pickupMethod': ['STORE_PICKUP', 'PICKUP_POINT'],
    'metadata.cursors.next': [], 'metadata.hasNext': [] },
};
for (const m of ['bulkUpdateInventoryItems', 'bulkIncrementInventoryItems', 'bulkDecrementInventoryItems']) {
  kShelfnodeReads[`inventoryItemsV3.${m}`] = ['results[].itemMetadata.originalIndex',
    'results[].itemMetadata.success', 'results[].itemMetadata.error.code',
    'results[].itemMetadata.error.description', 'bulkActionMetadata.totalFailures'];
}

describe('what shelfnode reads from the answers', () => {
  for (const [name, reads] of Object.entries(kShelfnodeReads)) {
    test(name, () => {
      const [module, method] = name.split('.');
      const type = /Response$/.test(method) ? types.type(module, method) : types.methods.get(name).response;
      const paths = Array.isArray(reads) ? Object.fromEntries(reads.map((p) => [p, []])) : reads;
      const problems = [];
      for (const [path, values] of Object.entries(paths)) {
        const found = typeAtPath(types, type, path);
        if (found.problem) { problems.push(`${path}: ${found.problem}`); continue; }
        const declared = enumValues(types, found.type);
        for (const v of values) {
          if (!declared.includes(v)) problems.push(`${path}: the SDK has no value ${v} (${declared.join(', ')})`);
        }
      }
      assert.deepEqual(problems, [], `${name}: shelfnode reads what the SDK does not declare`);
    });
  }
  test('a path the SDK does not declare is named', () => {
    const found = typeAtPath(types, types.methods.get('orders.searchOrders').response, 'orders[].lineItems[].sku');
    assert.match(found.problem, /\.lineItems\[\]\.sku: the SDK's .* has no such field/);
  });
});

describe('the emulator refuses what the SDK does not declare', () => {
  test('its request-field table is the one the pinned SDK packages give', () => {
    assert.deepEqual(JSON.parse(readFileSync(kFieldsFile, 'utf8')), emulatorFields(types),
                     'tools/wix-emulator/wixemu/sdk_requests.json is stale: run ' +
                     'node tests/conformance/wix-sdk/gen-emulator-fields.mjs');
  });

  test('an SDK call carrying a field its type does not declare is a 400', async () => {
    const sent = [];
    const client = wixClient(emu, V1, sent);
    await assert.rejects(client.inventory.incrementInventory(
      [{ productId: V1.shelf.productId, variantId: V1.shelf.variantId, incrementBy: 1, incrementBY: 1 }]));
    assert.equal(sent[0].status, 400);
    assert.match(JSON.stringify(sent[0].response), /incrementData\[0\]\.incrementBY/);
  });
});

// The query specs (wql) of the SDK: what they refuse, the emulator refuses. (It refuses more:
// spec fields it holds no data for, README "Filters and sorts".)
describe('the emulator follows the SDK query specs', () => {
  const restName = (f) => f.split('.').map((x) => x.replace(/^_(id|createdDate|updatedDate)$/, '$1')).join('.');
  const calls = {
    'inventoryItemsV3.InventoryItemQuerySpec': (c, q) => c.inventoryItemsV3.queryInventoryItems(q),
    'inventoryItemsV3.InventoryItemSearchSpec': (c, q) => c.inventoryItemsV3.searchInventoryItems(q),
    'readOnlyVariantsV3.ReadOnlyVariantQuerySpec': (c, q) => c.readOnlyVariantsV3.queryVariants(q),
    'readOnlyVariantsV3.ReadOnlyVariantSearchSpec': (c, q) => c.readOnlyVariantsV3.searchVariants(q),
    'storesLocationsV3.StoresLocationQuerySpec': (c, q) => c.storesLocationsV3.queryStoresLocations(q),
    'orders.OrderSearchSpec': (c, q) => c.orders.searchOrders(q),
  };
  const status = async (call, q) => {
    const sent = [];
    try { await call(wixClient(emu, V3, sent), q); } catch { /* judged by status */ }
    return sent.at(-1).status;
  };
  for (const [name, call] of Object.entries(calls)) {
    test(name, async () => {
      const groups = loadSpecs().get(name);
      assert.ok(groups && groups.length, `no ${name} in the SDK packages`);
      const wrong = [];
      for (const g of groups.filter((x) => x.sort === 'NONE')) {
        for (const f of g.fields) {
          const st = await status(call, { sort: [{ fieldName: restName(f), order: 'ASC' }] });
          if (st !== 400) wrong.push(`sort on ${restName(f)} (spec: NONE) answered ${st}`);
        }
      }
      const st = await status(call, { filter: { noSuchField: { $eq: 1 } } });
      if (st !== 400) wrong.push(`filter on a field outside the spec answered ${st}`);
      assert.deepEqual(wrong, []);
    });
  }
});
