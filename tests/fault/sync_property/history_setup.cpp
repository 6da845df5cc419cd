// A history's start: the site, a fresh emulator state, a fresh connected data dir; and the
// small helpers every step uses.
#include <filesystem>
#include <sstream>

#include "fault/sync_property/history.h"
#include "fault/sync_property/wix_log.h"
#include "support/wix_device.h"

namespace shelfnode::sync_property {
namespace {

std::string text(const cJSON* o, const char* name) {
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(o, name);
  return cJSON_IsString(v) ? v->valuestring : "";
}

}  // namespace

// SKUs of the shipped fixtures (tools/wix-emulator/README.md "Shipped fixtures").
const SiteSpec& v1_site() {
  static const SiteSpec site{
      testing::kV1Site,
      testing::kV1Key,
      false,
      {"OAK-SHELF-60", "APRON-S", "APRON-M", "APRON-L", "TOTE-NAT", "BRACKET-CI", "HOOK-OLD"},
      {"MUG-HT", "GLOVE-STD"}};
  return site;
}

const SiteSpec& v3_site() {
  static const SiteSpec site{
      testing::kV3Site,
      testing::kV3Key,
      true,
      {"ROPE-10M", "JACKET-S", "JACKET-M", "JACKET-L", "BAG-NAVY", "CLEAT-TEAK", "COMPASS-OLD"},
      {"STICKERS", "LANTERN", "FLAGS-SET"}};
  return site;
}

History::History(std::uint64_t seed, const testing::WixEmulator& emulator,
                 testing::EmulatorAdmin& admin, const testing::TempDir& devices)
    : seed_(seed),
      rng_(seed),
      emulator_(emulator),
      admin_(admin),
      devices_(devices),
      site_(seed % 2 == 0 ? v1_site() : v3_site()),
      data_(dir_.file("data")) {}

std::vector<std::string> History::run() {
  if (setup()) {
    const int steps = between(10, 25);
    for (int i = 0; i < steps && failures_.empty(); ++i) step(i);
    if (failures_.empty() && final_rounds() && fetch_end_state()) {
      check_wix();
      check_ledger();
      check_no_resend();
    }
  }
  if (!failures_.empty()) failures_.push_back("the history:\n" + script());
  return failures_;
}

void History::fail(const std::string& what) {
  failures_.push_back(what);
}

std::string History::json_admin(const std::string& method, const std::string& path,
                                const std::string& body, int expect_status) {
  const testing::AdminAnswer a = admin_.call(method, path, body);
  if (a.status != expect_status) {
    fail(method + " " + path + " " + body + " answered " + std::to_string(a.status) + ": " +
         a.body.substr(0, 300));
    return "";
  }
  return a.body;
}

std::string History::script() const {
  std::ostringstream s;
  for (const std::string& line : steps_) s << "  " << line << "\n";
  return s.str();
}

bool History::load_variants() {
  JsonPtr doc = parse_json(json_admin("GET", "/_emulator/inventory?site=" + site_.id, ""));
  if (!doc) return false;
  const cJSON* row = nullptr;
  cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(doc.get(), "items")) {
    VariantRow v;
    v.sku = text(row, "sku");
    v.product_id = text(row, "productId");
    v.variant_id = text(row, "variantId");
    v.item_id = text(row, "inventoryItemId");
    if (site_.v3 && !v.item_id.empty()) {
      resend_facts_.variant_of_item[v.item_id] = v.variant_id;
      if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(row, "defaultLocation"))) continue;
    }
    v.tracked = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(row, "trackQuantity"));
    const cJSON* q = cJSON_GetObjectItemCaseSensitive(row, "quantity");
    if (cJSON_IsNumber(q)) v.quantity = static_cast<std::int64_t>(q->valuedouble);
    variants_[v.sku].push_back(v);
  }
  for (const auto* list : {&site_.tracked, &site_.parked}) {
    for (const std::string& sku : *list) {
      if (variants_.count(sku) == 0) fail("the emulator's inventory has no variant " + sku);
    }
  }
  return failures_.empty();
}

// A connected device as the owner makes one: init, warehouses, connect, catalog pull.
bool History::make_device(const std::string& dir) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"init"},
                                             {"warehouse", "add", "shop", "--mapped"},
                                             {"warehouse", "add", "backroom", "--mapped"},
                                             {"warehouse", "add", "depot"}}) {
    const testing::RunResult r = testing::shelfnode(dir, args);
    if (r.exit_code != 0) {
      fail("set-up `" + args[0] + "` exited " + std::to_string(r.exit_code) + ": " + r.err);
      return false;
    }
  }
  std::string why = testing::connect_device(dir, emulator_, site_.id, site_.key);
  if (why.empty()) why = testing::set_wix_config(dir, 200, 20);
  if (!why.empty()) {
    fail("set-up: " + why);
    return false;
  }
  const testing::RunResult pull = testing::shelfnode(dir, {"catalog", "pull"});
  if (pull.exit_code != 0) {
    fail("set-up `catalog pull` exited " + std::to_string(pull.exit_code) + ": " + pull.out +
         pull.err);
    return false;
  }
  return true;
}

// The emulator is reset, so the device made for the first history of a site is, file for
// file, what a new one would be (fixture IDs are deterministic): each history gets a copy.
bool History::setup() {
  steps_.push_back("seed " + std::to_string(seed_) + ", site " + (site_.v3 ? "V3 " : "V1 ") +
                   site_.id);
  resend_facts_.v3 = site_.v3;
  if (json_admin("POST", "/_emulator/reset", "{}").empty() || !load_variants()) return false;
  const std::string made = devices_.file(site_.id);
  namespace fs = std::filesystem;
  if (!fs::exists(made) && !make_device(made)) return false;
  std::error_code ec;
  fs::create_directory(data_, ec);
  fs::permissions(data_, fs::perms::owner_all, ec);
  for (const fs::directory_entry& f : fs::directory_iterator(made, ec)) {
    const fs::path to = fs::path(data_) / f.path().filename();
    if (!ec) fs::copy_file(f.path(), to, fs::copy_options::overwrite_existing, ec);
    if (!ec) fs::permissions(to, f.status().permissions(), ec);
  }
  if (ec) {
    fail("copying the device made for this site: " + ec.message());
    return false;
  }
  last_request_ = first_request_ = last_request_id(admin_, 0);
  return true;
}

}  // namespace shelfnode::sync_property
