// Has the SDK build the call shelfnode made, with the same values, and keeps what it would
// send. Nothing is sent: the fetch answers every request with an empty 200.
import { kPackages, requireSdk, requestOfQuery } from './sdk.mjs';

function capturingClient(site, sent) {
  const req = requireSdk();
  const { createClient, ApiKeyStrategy } = req('@wix/sdk');
  const modules = Object.fromEntries(Object.entries(kPackages).map(([k, p]) => [k, req(p)]));
  const fetch = async (input, init = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const body = init.body ? JSON.parse(String(init.body)) : requestOfQuery(url);
    sent.push({ method: (init.method || 'GET').toUpperCase(), path: url.pathname, body });
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return createClient({ modules, auth: ApiKeyStrategy({ apiKey: site.apiKey, siteId: site.siteId }), fetch });
}

function without(obj, ...keys) {
  const out = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}

// SDK method -> (client, REST body, path params) => the same call through the SDK.
export const kReplays = {
  'catalogVersioning.getCatalogVersion': (c) => c.catalogVersioning.getCatalogVersion(),
  'inventory.queryInventory': (c, b) => c.inventory.queryInventory(b),
  'inventory.incrementInventory': (c, b) => c.inventory.incrementInventory(b.incrementData),
  'inventory.decrementInventory': (c, b) => c.inventory.decrementInventory(b.decrementData),
  'inventory.updateInventoryVariants': (c, b, p) =>
    c.inventory.updateInventoryVariants(p.inventoryItemProductId, b.inventoryItem),
  'readOnlyVariantsV3.queryVariants': (c, b) => c.readOnlyVariantsV3.queryVariants(b.query, without(b, 'query')),
  'readOnlyVariantsV3.searchVariants': (c, b) => c.readOnlyVariantsV3.searchVariants(b.search, without(b, 'search')),
  'inventoryItemsV3.queryInventoryItems': (c, b) => c.inventoryItemsV3.queryInventoryItems(b.query),
  'inventoryItemsV3.bulkIncrementInventoryItems': (c, b) =>
    c.inventoryItemsV3.bulkIncrementInventoryItems(b.incrementData, without(b, 'incrementData')),
  'inventoryItemsV3.bulkDecrementInventoryItems': (c, b) =>
    c.inventoryItemsV3.bulkDecrementInventoryItems(b.decrementData, without(b, 'decrementData')),
  'inventoryItemsV3.bulkUpdateInventoryItems': (c, b) =>
    c.inventoryItemsV3.bulkUpdateInventoryItems(b.inventoryItems, without(b, 'inventoryItems')),
  'storesLocationsV3.queryStoresLocations': (c, b) => c.storesLocationsV3.queryStoresLocations(b.query),
  'orders.searchOrders': (c, b) => c.orders.searchOrders(b.search),
};

// -> {method, path, body} the SDK would send, or undefined when this method has no replay.
export async function replay(site, method, body, params) {
  const build = kReplays[method];
  if (!build) return undefined;
  const sent = [];
  try { await build(capturingClient(site, sent), body ?? {}, params); } catch { /* the empty answer */ }
  if (sent.length !== 1) throw new Error(`${method}: the SDK sent ${sent.length} requests for one call`);
  return sent[0];
}
