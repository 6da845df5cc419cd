#include "shelfnode/wix/site_check.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "shelfnode/core/json.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/plural.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/wix/default_location.h"

namespace shelfnode::wix {
namespace {

constexpr const char* kKeysManager =
    "the API Keys Manager (https://manage.wix.com/account/api-keys)";

// A permission and the call that proves it. Reads ask for one record. The write probe is an
// increment with an empty entry list: Wix requires 1-300 entries [R24][R35], so no version
// of this body can ever change stock, whatever Wix does with it.
struct Step {
  PermissionCheck check;
  const char* body;
  bool write_probe;
};

using State = PermissionCheck::State;

// Permission names as Wix's method pages show them (where they come from: src/wix/README.md);
// the scope strings are from API.md §1.2 [R7][R8][GH:579].
constexpr const char* kReadStock = "read stock";
constexpr const char* kReadOrders = "Read Orders";
constexpr const char* kReadOrdersScope = "SCOPE.DC-STORES.READ-ORDERS";
constexpr const char* kOrdersSearch = "/ecom/v1/orders/search";
constexpr const char* kOrdersBody = R"({"search":{"cursorPaging":{"limit":1}}})";

const Step kV1Steps[] = {
    // The V1 read paths of Wix's REST reference (src/wix/README.md, "V1 read paths").
    {{"read products", "Read Products", "SCOPE.DC-STORES.READ-PRODUCTS", "POST",
      "/stores-reader/v1/products/query"},
     R"({"query":{"paging":{"limit":1}}})",
     false},
    {{kReadStock, "Read Products", "SCOPE.DC-STORES.READ-PRODUCTS", "POST",
      "/stores-reader/v2/inventoryItems/query"},
     R"({"query":{"paging":{"limit":1}}})",
     false},
    {{"read online orders", kReadOrders, kReadOrdersScope, "POST", kOrdersSearch},
     kOrdersBody,
     false},
    {{"update stock", "Manage Products", "SCOPE.DC-STORES.MANAGE-PRODUCTS", "POST",
      "/stores/v2/inventoryItems/increment"},
     R"({"incrementData":[]})",
     true},
};

const Step kV3Steps[] = {
    {{"read products", "Read products in v3 catalog", "SCOPE.STORES.PRODUCT_READ", "POST",
      "/stores/v3/products/query-variants"},
     R"({"query":{"cursorPaging":{"limit":1}}})",
     false},
    {{kReadStock, "Read inventory in v3 catalog", "SCOPE.STORES.INVENTORY_ITEM_READ", "POST",
      "/stores/v3/inventory-items/query"},
     R"({"query":{"cursorPaging":{"limit":1}}})",
     false},
    {{"read online orders", kReadOrders, kReadOrdersScope, "POST", kOrdersSearch},
     kOrdersBody,
     false},
    {{"update stock", "Inventory write in v3 catalog", "SCOPE.STORES.INVENTORY_ITEM_WRITE", "POST",
      "/stores/v3/bulk/inventory-items/increment"},
     R"({"incrementData":[]})",
     true},
};

Status unauthorized() {
  return Status(Code::kUnauthenticated,
                "Wix did not accept the API key (HTTP 401): it is wrong or was revoked. Create "
                "a key in " +
                    std::string(kKeysManager) +
                    ", signed in as the account that owns the site, save it in the key file and "
                    "connect again");
}

Status rate_limited(const WixError& error, int attempts) {
  // Wix documents a per-minute budget and no Retry-After [R45]: without one, a minute.
  const int wait = error.retry_after_seconds.value_or(60);
  return Status(Code::kTemporary, "Wix is rate limiting; try again in " + std::to_string(wait) +
                                      " s (HTTP 429 on " + std::to_string(attempts) + " attempts)");
}

// A failure that ends the checks; `doing` says which call it was.
Status stop(const WixError& error, int attempts, const std::string& doing) {
  if (error.http_status == 401) return unauthorized();
  if (error.http_status == 429) return rate_limited(error, attempts);
  return to_status(error).with_context(doing);
}

Result<std::string> read_catalog_version(RetryingClient& api) {
  WixError error;
  Result<JsonResponse> r = api.call("GET", "/stores/v3/provision/version", nullptr, &error);
  if (!r.ok()) {
    if (error.http_status == 403) {
      // Before any permission is involved, a 403 means the key does not cover this site
      // (or lacks even the catalog-version permission) [R2][R3].
      return Status(Code::kPermission,
                    "Wix refused this API key for this site (HTTP 403): the key must be made by "
                    "the account that owns the site, be allowed on this site, and have the Wix "
                    "Stores permissions (reading the catalog version needs "
                    "SCOPE.STORES.CATALOG_READ_LIMITED); check the key in " +
                        std::string(kKeysManager));
    }
    return stop(error, api.last_attempts(), "reading the site's catalog version");
  }
  const std::string version = text_at(r->body.get(), "catalogVersion");
  if (version == "STORES_NOT_INSTALLED") {
    return config_error(
        "Wix Stores is not installed on this site: add Wix Stores in the dashboard, then "
        "connect again");
  }
  if (version != "V1_CATALOG" && version != "V3_CATALOG") {
    return bad_data("Wix answered an unknown catalog version '" +
                    printable(logger().excerpt(version, 40)) +
                    "' (this build knows V1_CATALOG and V3_CATALOG)");
  }
  return version;
}

// Runs one step; a failure that ends the checks goes to `failure`.
State run_step(RetryingClient& api, const Step& step, Status& failure) {
  JsonPtr body = parse_json(step.body);
  if (!body) {
    failure = internal_error("out of memory building a request");
    return State::kNotChecked;
  }
  WixError error;
  Result<JsonResponse> r = api.call(step.check.method, step.check.path, body.get(), &error);
  // The probe's 400 is the expected answer: the permission check came first.
  if (r.ok() || (step.write_probe && error.http_status == 400)) return State::kOk;
  if (error.http_status == 403) return State::kMissing;
  failure = stop(error, api.last_attempts(),
                 std::string("checking that the key may ") + step.check.need + " (" +
                     step.check.method + " " + step.check.path + ")");
  return State::kNotChecked;
}

// The default location needs its own permission [SDK:loc3]: a 403 marks it missing like
// any other; a failure that ends the checks goes to `failure`.
State read_default_location(RetryingClient& api, std::string& id, Status& failure) {
  JsonPtr body = default_location_query();
  if (!body) {
    failure = internal_error("out of memory building a request");
    return State::kNotChecked;
  }
  WixError error;
  Result<JsonResponse> r = api.call("POST", kLocationsQueryPath, body.get(), &error);
  if (!r.ok()) {
    if (error.http_status == 403) return State::kMissing;
    failure = stop(error, api.last_attempts(), "reading the store's default location");
    return State::kNotChecked;
  }
  Result<std::string> found = default_location_id(r->body.get());
  if (!found.ok()) {
    failure = found.status();
    return State::kNotChecked;
  }
  id = std::move(found).value();
  return State::kOk;
}

Status missing_permissions(const SiteCheck& check) {
  // One entry per permission to tick, with every need it covers.
  std::vector<std::pair<const PermissionCheck*, std::string>> missing;
  for (const PermissionCheck& p : check.permissions) {
    if (p.state != State::kMissing) continue;
    auto same = std::find_if(missing.begin(), missing.end(), [&](const auto& m) {
      return std::strcmp(m.first->scope, p.scope) == 0;
    });
    if (same == missing.end()) {
      missing.emplace_back(&p, p.need);
    } else {
      same->second += std::string(" and ") + p.need;
    }
  }
  if (missing.empty()) return Status::Ok();
  std::string list;
  for (const auto& [p, needs] : missing) {
    list += std::string(list.empty() ? "" : ", ") + "'" + p->permission + "' (" + p->scope +
            ", to " + needs + ")";
  }
  const bool one = missing.size() == 1;
  const bool v3 = check.catalog_version == "V3_CATALOG";
  // The classic trap: the two catalogs have different permission families [GH:579].
  const std::string family =
      v3 ? "This site uses Wix Stores catalog V3: it needs the '... in v3 catalog' permissions; "
           "V1 ones such as 'Manage Products' do not count here"
         : "This site uses Wix Stores catalog V1: it needs the V1 permissions ('Read Products', "
           "'Manage Products'); the '... in v3 catalog' ones do not count here";
  return Status(Code::kPermission,
                "the API key lacks " +
                    plural(static_cast<std::int64_t>(missing.size()), "permission") +
                    " this device needs: " + list + ". Edit the key in " + kKeysManager +
                    ", tick " + (one ? "it" : "them") + ", then connect again. " + family);
}

}  // namespace

const char* state_name(PermissionCheck::State state) {
  switch (state) {
    case State::kOk:
      return "ok";
    case State::kMissing:
      return "missing";
    case State::kNotChecked:
      return "not checked";
  }
  return "not checked";
}

Result<SiteCheck> check_site(RetryingClient& api) {
  Result<std::string> version = read_catalog_version(api);
  if (!version.ok()) return version.status();
  SiteCheck check;
  check.catalog_version = std::move(version).value();
  const bool v3 = check.catalog_version == "V3_CATALOG";
  for (const Step& step : v3 ? kV3Steps : kV1Steps) {
    PermissionCheck& p = check.permissions.emplace_back(step.check);
    if (check.failure.ok()) p.state = run_step(api, step, check.failure);
  }
  // Online orders deduct from the default location only, so V3 pushes go there [R37].
  if (v3) {
    PermissionCheck& p = check.permissions.emplace_back(
        PermissionCheck{"find the default location", kLocationReadPermission, kLocationReadScope,
                        "POST", kLocationsQueryPath});
    if (check.failure.ok()) {
      p.state = read_default_location(api, check.default_location_id, check.failure);
    }
  }
  if (check.failure.ok()) check.failure = missing_permissions(check);
  return check;
}

}  // namespace shelfnode::wix
