// hawkBit DDI answers (a hostile or broken controller writes them) through the three DDI
// readers. Invariants: a refusal is kBadData with a message; an accepted controller base
// links only under the controller URL and names decimal action ids; an accepted deployment
// has 1 to 256 artifacts with distinct plain names, manifest.json and its signature among
// them, 64-hex SHA-256s, bounded sizes and https download links; an accepted cancel names
// decimal ids.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_check.h"
#include "shelfnode/ota/hawkbit/ddi_messages.h"
#include "shelfnode/ota/manifest.h"

namespace shelfnode::fuzz {
namespace {

namespace hb = ota::hawkbit;

const std::string kController = "https://hb.example/DEFAULT/controller/v1/dev-01";

bool decimal(const std::string& s) {
  if (s.empty() || s.size() > 19) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

void check_base(std::string_view text) {
  Result<hb::ControllerBase> base = hb::parse_controller_base(text, kController);
  if (!base.ok()) {
    FUZZ_CHECK(base.status().code() == Code::kBadData);
    FUZZ_CHECK_MESSAGE(base.status());
    return;
  }
  for (const std::string* link : {&base->deployment_base, &base->cancel_action,
                                  &base->config_data, &base->installed_base}) {
    FUZZ_CHECK(link->empty() || link->rfind(kController + "/", 0) == 0);
  }
  if (!base->deployment_base.empty()) FUZZ_CHECK(decimal(hb::action_id_of(base->deployment_base)));
  if (!base->cancel_action.empty()) FUZZ_CHECK(decimal(hb::action_id_of(base->cancel_action)));
  if (base->sleep_seconds) FUZZ_CHECK(*base->sleep_seconds >= 0 && *base->sleep_seconds < 100 * 3600);
}

void check_deployment(std::string_view text) {
  Result<hb::Deployment> d = hb::parse_deployment(text);
  if (!d.ok()) {
    FUZZ_CHECK(d.status().code() == Code::kBadData);
    FUZZ_CHECK_MESSAGE(d.status());
    return;
  }
  FUZZ_CHECK(decimal(d->id));
  FUZZ_CHECK(!d->artifacts.empty() && d->artifacts.size() <= hb::kMaxArtifacts);
  std::set<std::string> names;
  for (const hb::Artifact& a : d->artifacts) {
    FUZZ_CHECK(names.insert(a.filename).second);
    FUZZ_CHECK(a.filename == "manifest.json" || a.filename == "manifest.json.sig" ||
               ota::check_bundle_path(a.filename).ok());
    FUZZ_CHECK(a.sha256.size() == 64);
    FUZZ_CHECK(a.size <= hb::kMaxArtifactBytes);
    FUZZ_CHECK(a.download_url.rfind("https://", 0) == 0);
  }
  FUZZ_CHECK(names.count("manifest.json") == 1 && names.count("manifest.json.sig") == 1);
}

void check_cancel(std::string_view text) {
  Result<hb::CancelAction> c = hb::parse_cancel_action(text);
  if (!c.ok()) {
    FUZZ_CHECK(c.status().code() == Code::kBadData);
    FUZZ_CHECK_MESSAGE(c.status());
    return;
  }
  FUZZ_CHECK(decimal(c->id) && decimal(c->stop_id));
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = shelfnode::fuzz::as_text(data, size);
  shelfnode::fuzz::check_base(text);
  shelfnode::fuzz::check_deployment(text);
  shelfnode::fuzz::check_cancel(text);
  return 0;
}
