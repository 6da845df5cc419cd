#include <cstdio>

#include "cli/commands.h"
#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/plural.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/core/read_file.h"
#include "shelfnode/scan/scan_code.h"

namespace shelfnode::cli {
namespace {

const char* kind_text(scan::ScanCode::Kind kind) {
  switch (kind) {
    case scan::ScanCode::Kind::kPlain:
      return "plain";
    case scan::ScanCode::Kind::kGtin:
      return "gtin";
    case scan::ScanCode::Kind::kGs1:
      return "gs1";
  }
  return "plain";
}

}  // namespace

int run_catalog_import(App& app, const Args& args) {
  const std::string& file = args.positionals[0];
  std::string text;
  if (read_whole_file(file, text) != 0) {
    return fail(usage_error("cannot open " + printable(file) + ": check the path"));
  }
  Status s = app.open_for_write("catalog import");
  if (!s.ok()) return fail(s);
  Result<catalog::ImportReport> r = catalog::import_csv(app.db(), text, app.clock());
  if (!r.ok()) return fail(r.status().with_context(printable(file)));
  Result<std::int64_t> size = catalog::catalog_size(app.db());
  if (!size.ok()) return fail(size.status().with_context("import done, but counting the catalog"));
  std::printf("imported %s: %lld new, %lld updated; %s in the catalog\n",
              printable(file).c_str(), static_cast<long long>(r->added),
              static_cast<long long>(r->updated), plural(*size, "SKU").c_str());
  return 0;
}

int run_catalog_find(App& app, const Args& args) {
  Status s = app.open_for_read();
  if (!s.ok()) return fail(s);
  Result<scan::ScanCode> code = scan::interpret(args.positionals[0]);
  if (!code.ok()) return fail(code.status());
  Result<catalog::Match> m = catalog::find(app.db(), *code);
  if (!m.ok()) return fail(m.status());
  if (args.json()) {
    JsonPtr root(cJSON_CreateObject());
    cJSON_AddStringToObject(root.get(), "code", code->text.c_str());
    cJSON_AddStringToObject(root.get(), "kind", kind_text(code->kind));
    cJSON_AddStringToObject(root.get(), "sku", m->sku.c_str());
    cJSON_AddStringToObject(root.get(), "name", m->name.c_str());
    cJSON_AddStringToObject(root.get(), "matched_by", m->matched_by.c_str());
    cJSON_AddNumberToObject(root.get(), "wix_variants", static_cast<double>(m->wix_variants));
    cJSON_AddBoolToObject(root.get(), "pushed_to_wix", !m->duplicated_in_wix());
    cJSON_AddNumberToObject(root.get(), "quantity", static_cast<double>(code->quantity));
    cJSON* gtins = cJSON_AddArrayToObject(root.get(), "gtin14");
    for (const auto& g : code->gtin14_candidates)
      cJSON_AddItemToArray(gtins, cJSON_CreateString(g.c_str()));
    std::printf("%s\n", to_json_pretty(root.get()).c_str());
    return 0;
  }
  // Names from Wix are stored as Wix has them: shown escaped (core/printable.h).
  std::printf("%s  %s  (by %s%s)\n", printable(m->sku).c_str(), printable(m->name).c_str(),
              m->matched_by.c_str(),
              code->quantity != 1 ? (", count " + std::to_string(code->quantity)).c_str() : "");
  const std::string not_pushed = catalog::not_pushed_reason(*m);
  if (!not_pushed.empty()) std::printf("note: %s\n", not_pushed.c_str());
  return 0;
}

int run_alias_add(App& app, const Args& args) {
  Status s = app.open_for_write("alias add");
  if (!s.ok()) return fail(s);
  s = catalog::add_alias(app.db(), args.positionals[0], args.positionals[1], app.clock());
  if (!s.ok()) return fail(s);
  std::printf("alias %s -> %s\n", printable(args.positionals[0]).c_str(),
              printable(args.positionals[1]).c_str());
  return 0;
}

}  // namespace shelfnode::cli
