// The filter and sort rules of Wix's query language as the SDK declares them: the
// `XxxQuerySpec` / `XxxSearchSpec` interfaces (wql: fields, operators, sort) in each
// package's typings, and a check of a REST filter/sort against one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kPackages, requireSdk, sdkDir } from './sdk.mjs';

// The spec each SDK method's filter and sort follow.
export const kMethodSpecs = {
  'products.queryProducts': ['products', 'ProductQuerySpec'],
  'inventoryItemsV3.queryInventoryItems': ['inventoryItemsV3', 'InventoryItemQuerySpec'],
  'inventoryItemsV3.searchInventoryItems': ['inventoryItemsV3', 'InventoryItemSearchSpec'],
  'readOnlyVariantsV3.queryVariants': ['readOnlyVariantsV3', 'ReadOnlyVariantQuerySpec'],
  'readOnlyVariantsV3.searchVariants': ['readOnlyVariantsV3', 'ReadOnlyVariantSearchSpec'],
  'storesLocationsV3.queryStoresLocations': ['storesLocationsV3', 'StoresLocationQuerySpec'],
  'orders.searchOrders': ['orders', 'OrderSearchSpec'],
};

const literal = (ts, node) => (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined);

// -> Map "module.SpecName" -> [{fields: [...], operators: '*' | [...], sort}]
export function loadSpecs() {
  const ts = requireSdk()('typescript');
  const specs = new Map();
  for (const [module, pkg] of Object.entries(kPackages)) {
    const dir = join(sdkDir, 'node_modules', pkg, 'build', 'cjs');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.d.ts'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      if (!/Spec extends (Query|Search)Spec/.test(text)) continue;
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
      for (const st of source.statements) {
        if (!ts.isInterfaceDeclaration(st) || !/(Query|Search)Spec$/.test(st.name.text)) continue;
        const wql = st.members.find((m) => m.name && m.name.text === 'wql');
        if (!wql || !ts.isTupleTypeNode(wql.type)) continue;
        const groups = wql.type.elements.map((group) => {
          const get = (name) => group.members.find((m) => m.name && m.name.text === name)?.type;
          const ops = get('operators');
          return {
            fields: get('fields').elements.map((e) => literal(ts, e)),
            operators: ts.isTupleTypeNode(ops) ? ops.elements.map((e) => literal(ts, e)) : literal(ts, ops),
            sort: literal(ts, get('sort')),
          };
        });
        specs.set(`${module}.${st.name.text}`, groups);
      }
    }
  }
  return specs;
}

// REST field names to the SDK's (`id` -> `_id`, the dates likewise), segment by segment.
export function sdkFieldName(rest) {
  const renames = { id: '_id', createdDate: '_createdDate', updatedDate: '_updatedDate' };
  return rest.split('.').map((s) => renames[s] ?? s).join('.');
}

const kLogical = new Set(['$and', '$or', '$not']);

// Problems of a REST filter object and sort list against a spec's groups.
export function specProblems(groups, filter, sort) {
  const problems = [];
  const group = (field) => groups.find((g) => g.fields.includes(sdkFieldName(field)));
  const walk = (f, where) => {
    if (!f || typeof f !== 'object') return;
    if (Array.isArray(f)) { f.forEach((x, i) => walk(x, `${where}[${i}]`)); return; }
    for (const [key, value] of Object.entries(f)) {
      if (kLogical.has(key)) { walk(value, `${where}.${key}`); continue; }
      const g = group(key);
      if (!g) { problems.push(`filter on '${key}': not a field the SDK's spec lets you filter on`); continue; }
      const ops = value && typeof value === 'object' && !Array.isArray(value) &&
                  Object.keys(value).every((k) => k.startsWith('$')) ? Object.keys(value) : ['$eq'];
      for (const op of ops) {
        if (g.operators !== '*' && !g.operators.includes(op)) {
          problems.push(`filter on '${key}' with ${op}: the SDK's spec allows ${g.operators.join(', ')}`);
        }
      }
    }
  };
  walk(filter, 'filter');
  for (const entry of sort ?? []) {
    const field = entry.fieldName;
    const order = entry.order ?? 'ASC';
    const g = group(field);
    if (!g || g.sort === 'NONE' || (g.sort !== 'BOTH' && g.sort !== order)) {
      problems.push(`sort on '${field}' ${order}: the SDK's spec does not allow it` +
                    (g ? ` (sort: ${g.sort})` : ''));
    }
  }
  return problems;
}
