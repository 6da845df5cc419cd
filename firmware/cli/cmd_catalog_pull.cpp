#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/plural.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/pull/catalog_pull.h"
#include "shelfnode/pull/catalog_report.h"
#include "shelfnode/wix/connection.h"

namespace shelfnode::cli {
namespace {

// Examples per report list in the text summary; --json lists everything.
constexpr std::size_t kExamples = 10;

std::string seconds(std::int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
  return buf;
}

bool is_v3(const pull::PullSummary& s) {
  return s.catalog_version == "V3_CATALOG";
}

void print_list(const char* title, std::int64_t count, const std::vector<pull::ReportVariant>& list,
                bool with_reason) {
  if (count == 0) return;
  std::printf("  %s (%lld):\n", title, static_cast<long long>(count));
  for (const pull::ReportVariant& v : list) {
    if (with_reason) {
      std::printf("    %s: %s\n", printable(v.name).c_str(), printable(v.reason).c_str());
    } else {
      std::printf("    %-20s %s\n", printable(v.sku).c_str(), printable(v.name).c_str());
    }
  }
  if (count > static_cast<std::int64_t>(list.size())) {
    std::printf("    ... and %lld more\n",
                static_cast<long long>(count) - static_cast<long long>(list.size()));
  }
}

void print_report(const pull::CatalogReport& r) {
  if (r.clean()) {
    std::printf("report: every variant has its own SKU and tracks its quantity\n");
    return;
  }
  std::printf("report: %s\n", pull::report_counts_text(r).c_str());
  if (r.duplicate_skus != 0) {
    std::printf("  SKUs on several variants (%lld; scans book them here, sync parks them):\n",
                static_cast<long long>(r.duplicate_skus));
    for (const pull::DuplicateSku& d : r.duplicates) {
      std::string names;
      for (const auto& v : d.variants) names += (names.empty() ? "" : ", ") + v.name;
      std::printf("    %-20s %s\n", printable(d.sku).c_str(), printable(names).c_str());
    }
    if (r.duplicate_skus > static_cast<std::int64_t>(r.duplicates.size())) {
      std::printf("    ... and %lld more\n", static_cast<long long>(r.duplicate_skus) -
                                                 static_cast<long long>(r.duplicates.size()));
    }
  }
  print_list("variants without a usable SKU, not in the catalog", r.without_sku, r.unmapped, true);
  print_list("variants whose quantity Wix does not track, not pushed", r.untracked,
             r.untracked_variants, false);
  print_list("variants without an inventory item at the default location", r.no_inventory_item,
             r.without_item, false);
  std::printf("next: %s\n", pull::report_hint(r).c_str());
}

void print_text(const pull::PullSummary& s, const pull::CatalogReport& r, std::int64_t skus) {
  std::string fetched =
      is_v3(s) ? plural(s.records, "variant") + ", " + plural(s.items, "inventory item")
               : plural(s.records, "product");
  std::printf("catalog pull (%s%s, %s): %s\n", s.full ? "full" : "incremental",
              s.resumed ? ", resumed" : "", s.catalog_version.c_str(), fetched.c_str());
  std::printf(
      "variants: %lld added, %lld updated, %lld removed, %lld unchanged, %lld without SKU\n",
      static_cast<long long>(s.added), static_cast<long long>(s.updated),
      static_cast<long long>(s.removed), static_cast<long long>(s.unchanged),
      static_cast<long long>(s.unmapped));
  std::printf("%s, %s in %s; %s in the catalog\n", plural(s.pages, "page").c_str(),
              plural(s.requests, "request").c_str(), seconds(s.wall_ms).c_str(),
              plural(skus, "SKU").c_str());
  if (!s.full) {
    std::printf(
        "(an incremental pull cannot see products deleted in Wix: `catalog pull --full` "
        "removes them)\n");
  }
  print_report(r);
}

void print_json(const pull::PullSummary& s, const pull::CatalogReport& r, std::int64_t skus) {
  JsonPtr root(cJSON_CreateObject());
  cJSON* o = root.get();
  cJSON_AddStringToObject(o, "catalog_version", s.catalog_version.c_str());
  cJSON_AddStringToObject(o, "mode", s.full ? "full" : "incremental");
  cJSON_AddBoolToObject(o, "resumed", s.resumed);
  cJSON* fetched = cJSON_AddObjectToObject(o, "fetched");
  if (is_v3(s)) {
    cJSON_AddNumberToObject(fetched, "variants", static_cast<double>(s.records));
    cJSON_AddNumberToObject(fetched, "inventory_items", static_cast<double>(s.items));
  } else {
    cJSON_AddNumberToObject(fetched, "products", static_cast<double>(s.records));
  }
  cJSON* v = cJSON_AddObjectToObject(o, "variants");
  cJSON_AddNumberToObject(v, "added", static_cast<double>(s.added));
  cJSON_AddNumberToObject(v, "updated", static_cast<double>(s.updated));
  cJSON_AddNumberToObject(v, "removed", static_cast<double>(s.removed));
  cJSON_AddNumberToObject(v, "unchanged", static_cast<double>(s.unchanged));
  cJSON_AddNumberToObject(v, "without_sku", static_cast<double>(s.unmapped));
  cJSON_AddNumberToObject(o, "pages", s.pages);
  cJSON_AddNumberToObject(o, "requests", s.requests);
  cJSON_AddNumberToObject(o, "wall_ms", static_cast<double>(s.wall_ms));
  cJSON_AddStringToObject(o, "pulled_at", s.pulled_at.c_str());
  cJSON_AddNumberToObject(o, "catalog_skus", static_cast<double>(skus));
  cJSON_AddItemToObject(o, "report", pull::report_json(r).release());
  const std::string hint = pull::report_hint(r);
  if (hint.empty()) {
    cJSON_AddNullToObject(o, "hint");
  } else {
    cJSON_AddStringToObject(o, "hint", hint.c_str());
  }
  std::printf("%s\n", to_json_pretty(o).c_str());
}

}  // namespace

int run_catalog_pull(App& app, const Args& args) {
  Status s = app.open_for_write("catalog pull");
  if (s.ok()) s = app.begin_round();
  if (!s.ok()) return fail(s);
  Result<wix::Connection*> wix = app.wix();
  if (!wix.ok()) return fail(wix.status());
  std::unique_ptr<pull::ProgressSink> progress;
  if (args.has("progress")) progress = pull::make_progress(stderr, isatty(STDERR_FILENO) != 0);
  pull::PullOptions options;
  options.full = args.has("full");
  options.progress = progress.get();
  Result<pull::PullSummary> summary =
      pull::pull_catalog(app.db(), (*wix)->api(), app.clock(), options);
  if (!summary.ok()) return fail(app.with_key_remedy(summary.status()));
  Result<pull::CatalogReport> report = pull::read_report(app.db(), args.json() ? 0 : kExamples);
  if (!report.ok()) return fail(report.status().with_context("the pull is done, but its report"));
  if (args.json()) {
    print_json(*summary, *report, summary->catalog_skus);
  } else {
    print_text(*summary, *report, summary->catalog_skus);
  }
  return 0;
}

}  // namespace shelfnode::cli
