// Writes tools/wix-emulator/wixemu/sdk_requests.json: for each REST route of the pinned SDK
// packages that the emulator serves, the request fields the SDK's REST type declares, as a
// tree. The emulator refuses a request with a field outside it. Rerun after bumping the
// pinned versions:  node tests/conformance/wix-sdk/gen-emulator-fields.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceDir } from './lib/emulator.mjs';
import { kDocumentedOnly, loadSdkRoutes } from './lib/routes.mjs';
import { packageVersion, kPackages } from './lib/sdk.mjs';
import { loadSdkTypes } from './lib/types.mjs';

function tree(types, t, depth = 0) {
  const { ts, checker } = types;
  if (depth > 12) return { any: true };
  if (t.isUnion()) {
    const members = t.types.filter((m) => !(m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    const objects = members.filter((m) => (m.flags & ts.TypeFlags.Object) && !checker.isArrayType(m));
    if (objects.length === 1 && members.length === 1) return tree(types, objects[0], depth);
    if (members.length === 1) return tree(types, members[0], depth);
    if (objects.length === 0) return {};  // scalars, enums, booleans
    return { any: true };
  }
  if (checker.isArrayType(t)) return { items: tree(types, checker.getTypeArguments(t)[0], depth + 1) };
  if ((t.flags & ts.TypeFlags.Object) && !(t.symbol && t.symbol.name === 'Date')) {
    if (checker.getIndexInfosOfType(t).length) return { any: true };
    const fields = {};
    for (const p of checker.getPropertiesOfType(t)) fields[p.name] = tree(types, checker.getTypeOfSymbol(p), depth + 1);
    return { fields };
  }
  return {};
}

// The SDK methods of the routes the emulator serves (tools/wix-emulator/README.md).
const kServed = new Set([
  'catalogVersioning.getCatalogVersion', 'products.queryProducts', 'products.getProduct',
  'products.queryStoreVariants', 'inventory.queryInventory', 'inventory.getInventoryVariants',
  'inventory.incrementInventory', 'inventory.decrementInventory', 'inventory.updateInventoryVariants',
  'readOnlyVariantsV3.queryVariants', 'readOnlyVariantsV3.searchVariants',
  'inventoryItemsV3.queryInventoryItems', 'inventoryItemsV3.searchInventoryItems',
  'inventoryItemsV3.countInventoryItems', 'inventoryItemsV3.getInventoryItem',
  'inventoryItemsV3.createInventoryItem', 'inventoryItemsV3.updateInventoryItem',
  'inventoryItemsV3.bulkCreateInventoryItems', 'inventoryItemsV3.bulkUpdateInventoryItems',
  'inventoryItemsV3.bulkIncrementInventoryItems', 'inventoryItemsV3.bulkDecrementInventoryItems',
  'inventoryItemsV3.bulkIncrementInventoryItemsByVariantAndLocation',
  'inventoryItemsV3.bulkDecrementInventoryItemsByVariantAndLocation',
  'storesLocationsV3.getStoresLocation', 'storesLocationsV3.queryStoresLocations',
  'orders.searchOrders', 'orders.getOrder',
]);

const emulatorPath = (url) => url.replace(/:(\w+)/g, '{$1}');
export const kFieldsFile = join(sourceDir, 'tools/wix-emulator/wixemu/sdk_requests.json');

export function emulatorFields(types) {
const routes = {};
for (const r of loadSdkRoutes().filter((route) => kServed.has(route.method))) {
  for (const method of r.methods) {
    routes[`${method} ${emulatorPath(r.url)}`] = { sdk: r.method, request: tree(types, types.methods.get(r.method).request) };
  }
}
for (const d of kDocumentedOnly) {
  const request = tree(types, types.type(d.module, d.request));
  routes[`${d.method} ${d.pattern}`] = { sdk: `${d.module}.${d.request}`, request };
  routes[`${d.method} ${d.pattern.replace('/stores-reader/', '/stores/')}`] = { sdk: `${d.module}.${d.request}`, request };
}
const versions = Object.fromEntries(Object.values(kPackages).map((p) => [p, packageVersion(p)]));
return { generatedFrom: versions, routes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fields = emulatorFields(loadSdkTypes());
  writeFileSync(kFieldsFile, JSON.stringify(fields) + '\n');
  console.log(`wrote ${kFieldsFile}: ${Object.keys(fields.routes).length} routes`);
}
