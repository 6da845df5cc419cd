// Test A: Wix's own SDK → the emulator. Every endpoint shelfnode's client calls is called
// here through the real SDK method (createClient + ApiKeyStrategy, fetch routed to
// 127.0.0.1). The emulator must accept what the SDK sends (2xx) and answer with what the
// method's REST response type in the SDK's meta.d.ts declares: no undeclared field, the
// declared JSON types and enum values, required fields present.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { admin, startEmulator } from './lib/emulator.mjs';
import { wixClient } from './lib/sdk.mjs';
import { conformance, loadSdkTypes } from './lib/types.mjs';
import { V1, V3 } from './lib/sites.mjs';

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
