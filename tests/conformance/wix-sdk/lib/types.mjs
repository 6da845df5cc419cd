// Reads the REST types of the SDK packages' build/cjs/meta.d.ts with the TypeScript compiler
// and checks JSON values against them. Each SDK method there is declared as
//   declare function m(): __PublicMethodMetaInfo<HttpMethod, PathParams, SdkRequest,
//                                                RestRequest, SdkResponse, RestResponse>
// and the Rest* types carry Wix's REST field names (id, createdDate), not the SDK's (_id).
import { join } from 'node:path';
import { kPackages, requireSdk, sdkDir } from './sdk.mjs';

const kRestRequestArg = 3;
const kRestResponseArg = 5;

function metaFile(pkg) {
  return join(sdkDir, 'node_modules', pkg, 'build', 'cjs', 'meta.d.ts');
}

// { program, checker, methods: Map "module.method" -> {module, name, pkg, request, response},
//   type(module, interfaceName) }
export function loadSdkTypes() {
  const ts = requireSdk()('typescript');
  const files = Object.values(kPackages).map(metaFile);
  const program = ts.createProgram(files, { strict: true, noEmit: true, skipLibCheck: true,
                                            types: [] });
  const checker = program.getTypeChecker();
  const methods = new Map();
  const interfaces = new Map();
  for (const [module, pkg] of Object.entries(kPackages)) {
    const source = program.getSourceFile(metaFile(pkg));
    if (!source) throw new Error(`TypeScript could not read ${metaFile(pkg)}`);
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement)) {
        interfaces.set(`${module}.${statement.name.text}`, checker.getTypeAtLocation(statement.name));
      }
      if (!ts.isFunctionDeclaration(statement) || !statement.type ||
          !ts.isTypeReferenceNode(statement.type) ||
          statement.type.typeName.getText(source) !== '__PublicMethodMetaInfo') continue;
      const args = statement.type.typeArguments;
      methods.set(`${module}.${statement.name.text}`, {
        module, name: statement.name.text, pkg,
        request: checker.getTypeFromTypeNode(args[kRestRequestArg]),
        response: checker.getTypeFromTypeNode(args[kRestResponseArg]),
      });
    }
  }
  const type = (module, name) => {
    const t = interfaces.get(`${module}.${name}`);
    if (!t) throw new Error(`${kPackages[module]} declares no interface ${name}`);
    return t;
  };
  return { ts, checker, methods, type };
}

// Problems of `value` against `type`, each a sentence naming the JSON path (array indices
// shown as [], each problem once). `required` also reports non-optional properties that are
// missing (for answers); `allow` lists paths ("$.a[].b") taken as declared.
export function conformance(types, value, type, { required = false, allow = [] } = {}) {
  const { ts, checker } = types;
  const problems = [];

  const literalOf = (t) => (t.flags & ts.TypeFlags.StringLiteral) ? t.value
    : (t.flags & ts.TypeFlags.NumberLiteral) ? t.value : undefined;
  const describe = (t) => checker.typeToString(t);

  // The SDK's JSDoc limits on a field: @max/@min (numbers), @maxLength/@minLength
  // (strings), @maxSize/@minSize (arrays).
  function withinLimits(v, prop, where) {
    let ok = true;
    for (const tag of prop.getJsDocTags(checker)) {
      const limit = Number(ts.displayPartsToString(tag.text));
      if (Number.isNaN(limit)) continue;
      const measure = { max: typeof v === 'number' ? v : undefined, min: typeof v === 'number' ? v : undefined,
                        maxLength: typeof v === 'string' ? [...v].length : undefined,
                        minLength: typeof v === 'string' ? [...v].length : undefined,
                        maxSize: Array.isArray(v) ? v.length : undefined,
                        minSize: Array.isArray(v) ? v.length : undefined }[tag.name];
      if (measure === undefined) continue;
      const fine = tag.name.startsWith('max') ? measure <= limit : measure >= limit;
      if (!fine) {
        problems.push(`${where}: ${measure} is past the SDK's @${tag.name} ${limit}`);
        ok = false;
      }
    }
    return ok;
  }

  function check(v, t, where) {
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
    if (t.isUnion()) {
      const nullable = t.types.some((m) => m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined));
      const members = t.types.filter((m) => !(m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
      if (v === null) {
        if (nullable) return true;
        problems.push(`${where}: null where the SDK declares ${describe(t)}`);
        return false;
      }
      const literals = members.map(literalOf);
      if (literals.every((l) => l !== undefined)) {
        if (literals.includes(v)) return true;
        problems.push(`${where}: ${JSON.stringify(v)} is not one of the SDK's values ` +
                      `(${[...new Set(literals)].join(', ')})`);
        return false;
      }
      if (members.length === 1) return check(v, members[0], where);
      // boolean is the union true | false.
      if (members.every((m) => m.flags & ts.TypeFlags.BooleanLiteral)) {
        if (typeof v === 'boolean') return true;
        problems.push(`${where}: ${JSON.stringify(v).slice(0, 80)} is not a boolean`);
        return false;
      }
      const before = problems.length;
      for (const m of members) {
        const saved = problems.length;
        if (check(v, m, where)) { problems.length = before; return true; }
        problems.length = saved;
      }
      problems.length = before;
      problems.push(`${where}: ${JSON.stringify(v).slice(0, 80)} fits none of ${describe(t)}`);
      return false;
    }
    const literal = literalOf(t);
    if (literal !== undefined) {
      if (v === literal) return true;
      problems.push(`${where}: ${JSON.stringify(v)} where the SDK declares ${JSON.stringify(literal)}`);
      return false;
    }
    if (v === null) {
      problems.push(`${where}: null where the SDK declares ${describe(t)}`);
      return false;
    }
    const scalar = (ok, what) => {
      if (ok) return true;
      problems.push(`${where}: ${JSON.stringify(v).slice(0, 80)} is not a ${what} (SDK: ${describe(t)})`);
      return false;
    };
    if (t.flags & ts.TypeFlags.StringLike) return scalar(typeof v === 'string', 'string');
    if (t.flags & ts.TypeFlags.NumberLike) return scalar(typeof v === 'number', 'number');
    if (t.flags & ts.TypeFlags.BooleanLike) return scalar(typeof v === 'boolean', 'boolean');
    if (t.symbol && t.symbol.name === 'Date') {
      // REST carries timestamps as ISO-8601 strings; the SDK turns them into Date.
      return scalar(typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /^\d{4}-\d\d-\d\dT/.test(v),
                    'timestamp (ISO-8601 string)');
    }
    if (checker.isArrayType(t) || checker.isTupleType(t)) {
      if (!Array.isArray(v)) return scalar(false, 'array');
      const element = checker.getTypeArguments(t)[0];
      let ok = true;
      v.forEach((item, i) => { ok = check(item, element, `${where}[${i}]`) && ok; });
      return ok;
    }
    if (t.flags & ts.TypeFlags.Object || t.isIntersection()) {
      if (typeof v !== 'object' || Array.isArray(v)) return scalar(false, 'object');
      const index = checker.getIndexInfosOfType(t);
      const props = checker.getPropertiesOfType(t);
      let ok = true;
      for (const [key, item] of Object.entries(v)) {
        const prop = props.find((p) => p.name === key);
        if (allow.includes(`${where}.${key}`.replace(/\[\d+\]/g, '[]'))) continue;
        if (prop) {
          ok = check(item, checker.getTypeOfSymbol(prop), `${where}.${key}`) && ok;
          ok = withinLimits(item, prop, `${where}.${key}`) && ok;
        } else if (index.length) {
          ok = check(item, index[0].type, `${where}.${key}`) && ok;
        } else {
          problems.push(`${where}.${key}: key the SDK does not declare (${describe(t)} has ` +
                        `${props.map((p) => p.name).join(', ') || 'no fields'})`);
          ok = false;
        }
      }
      if (required) {
        for (const p of props) {
          if (!(p.flags & ts.SymbolFlags.Optional) && !(p.name in v)) {
            problems.push(`${where}.${p.name}: missing, and the SDK declares it required`);
            ok = false;
          }
        }
      }
      return ok;
    }
    problems.push(`${where}: cannot check against ${describe(t)}`);
    return false;
  }

  check(value, type, '$');
  return [...new Set(problems.map((p) => p.replace(/\[\d+\]/g, '[]')))];
}

// The type at a JSON path ("orders[].lineItems[].quantity") of `type`, or a sentence saying
// where the path leaves what the SDK declares. -> {type} | {problem}
export function typeAtPath(types, type, path) {
  const { ts, checker } = types;
  const strip = (t) => {
    if (!t.isUnion()) return t;
    const members = t.types.filter((m) => !(m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    return members.length === 1 ? members[0] : t;
  };
  let t = strip(type);
  let at = '$';
  for (const part of path.split('.')) {
    const name = part.replace(/\[\]$/, '');
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { type: t };
    const prop = checker.getPropertyOfType(t, name);
    const index = checker.getIndexInfosOfType(t);
    if (!prop && !index.length) {
      return { problem: `${at}.${name}: the SDK's ${checker.typeToString(t)} has no such field` };
    }
    t = strip(prop ? checker.getTypeOfSymbol(prop) : index[0].type);
    at += `.${name}`;
    if (part.endsWith('[]')) {
      if (!checker.isArrayType(t)) return { problem: `${at}: not an array in the SDK` };
      t = strip(checker.getTypeArguments(t)[0]);
      at += '[]';
    }
  }
  return { type: t };
}

// The string values of an enum-like type, or [] when it is not one.
export function enumValues(types, type) {
  const { ts } = types;
  const members = type.isUnion() ? type.types : [type];
  const values = members.filter((m) => m.flags & ts.TypeFlags.StringLiteral).map((m) => m.value);
  return [...new Set(values)];
}
