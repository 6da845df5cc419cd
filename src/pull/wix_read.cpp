#include <algorithm>

#include "pull/page_json.h"
#include "pull/pull_run.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/wix/default_location.h"

namespace shelfnode::pull {
namespace {

constexpr const char* kKeysManager =
    "the API Keys Manager (https://manage.wix.com/account/api-keys)";

constexpr ReadKind kVersionRead{"reading the site's catalog version", "Read stores catalog",
                                "SCOPE.STORES.CATALOG_READ_LIMITED"};
constexpr ReadKind kLocationRead{"reading the store's default location",
                                 wix::kLocationReadPermission, wix::kLocationReadScope};

std::string http_label(const wix::WixError& e) {
  std::string label = "HTTP " + std::to_string(e.http_status);
  if (!e.code.empty()) label += " " + e.code;
  return label;
}

Status read_failure(const wix::WixError& e, int attempts, const ReadKind& kind) {
  const std::string doing = kind.doing;
  if (e.http_status == 401) {
    // What to do next (a new key, `connect` again) is the caller's to say: it knows the
    // data dir and the site.
    return Status(Code::kUnauthenticated, "the API key was refused (HTTP 401) while " + doing +
                                              ": it is wrong or was revoked");
  }
  if (e.http_status == 403) {
    return Status(Code::kPermission, "Wix refused the API key (HTTP 403) while " + doing +
                                         ": it needs the permission \"" + kind.permission + "\" (" +
                                         kind.scope + "); tick it in " + kKeysManager +
                                         " and pull again");
  }
  if (e.http_status == 428 && e.code != "MISSING_METASITE_ID") {
    return config_error("Wix refused " + doing + " (" + http_label(e) +
                        "): the site's catalog is not the version this device recorded, or "
                        "Wix Stores was removed; run `shelfnode connect` again");
  }
  if (e.http_status == 429) {
    return Status(Code::kTemporary, "Wix kept rate limiting (HTTP 429 on " +
                                        std::to_string(attempts) + " attempts) while " + doing +
                                        "; run the pull again in a minute");
  }
  const bool answered = e.http_status >= 200 && e.http_status < 300;
  if (e.http_status == 0 || e.http_status >= 500 || answered) {
    // Whatever the outcome class, a read changed nothing in Wix: running it again is safe.
    std::string why = "Wix answered " + http_label(e) + "; run the pull again";
    if (e.http_status == 0) {
      why = e.transport_message + "; run the pull again once Wix can be reached";
    } else if (answered) {
      why = "its answer was cut short or not JSON; run the pull again";
    }
    return Status(Code::kUnavailable, "Wix could not be read while " + doing + ": " + why);
  }
  return wix::to_status(e).with_context(doing);
}

}  // namespace

std::int64_t PullRun::elapsed_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               started)
      .count();
}

void PullRun::report_progress(const char* what, std::int64_t done, std::int64_t total) const {
  if (progress == nullptr) return;
  PullProgress p;
  p.what = what;
  p.done = done;
  p.total = total;
  p.pages = pages;
  p.requests = requests;
  p.elapsed_ms = elapsed_ms();
  progress->page(p);
}

Result<JsonPtr> fetch(PullRun& run, const char* method, const char* path, const cJSON* body,
                      const ReadKind& kind) {
  wix::WixError error;
  Result<wix::JsonResponse> r = run.api.call(method, path, body, &error);
  run.requests += run.api.last_attempts();
  if (!r.ok()) return read_failure(error, run.api.last_attempts(), kind);
  if (!r->body) {
    return Status(Code::kUnavailable,
                  std::string("Wix sent an empty answer while ") + kind.doing + "; pull again");
  }
  return std::move(r->body);
}

Result<std::string> fetch_page(PullRun& run, const char* method, const char* path,
                               const cJSON* body, const ReadKind& kind) {
  wix::WixError error;
  Result<wix::JsonResponse> r = run.api.call(method, path, body, &error, wix::BodyForm::kText);
  run.requests += run.api.last_attempts();
  if (!r.ok()) return read_failure(error, run.api.last_attempts(), kind);
  if (r->text.empty()) {
    return Status(Code::kUnavailable,
                  std::string("Wix sent an empty answer while ") + kind.doing + "; pull again");
  }
  return std::move(r->text);
}

Status page_failure(const Status& parse, const ReadKind& kind) {
  if (parse.code() != Code::kUnavailable) return parse;
  return Status(Code::kUnavailable, std::string("Wix could not be read while ") + kind.doing +
                                        ": " + parse.message() + "; run the pull again");
}

Status commit_page(PullRun& run, const std::vector<VariantRow>* variants,
                   const std::vector<ItemTracking>* items) {
  const std::size_t variant_count = variants != nullptr ? variants->size() : 0;
  const std::size_t item_count = items != nullptr ? items->size() : 0;
  std::size_t v = 0, i = 0;
  do {
    auto tx = store::Transaction::begin(run.db);
    if (!tx.ok()) return tx.status();
    std::size_t room = kRowsPerTransaction;
    if (v < variant_count) {
      const std::size_t n = std::min(room, variant_count - v);
      SHELFNODE_RETURN_IF_ERROR(run.writer.write_variants(variants->data() + v, n));
      v += n;
      room -= n;
    }
    if (room > 0 && i < item_count) {
      const std::size_t n = std::min(room, item_count - i);
      SHELFNODE_RETURN_IF_ERROR(run.writer.write_tracking(items->data() + i, n));
      i += n;
    }
    if (v == variant_count && i == item_count) {
      SHELFNODE_RETURN_IF_ERROR(save_pending(run.db, run.pending));
    }
    SHELFNODE_RETURN_IF_ERROR((*tx)->commit());
  } while (v < variant_count || i < item_count);
  ++run.pages;
  return Status::Ok();
}

Result<std::string> catalog_version(PullRun& run) {
  Result<std::optional<std::string>> stored = store::get_meta(run.db, kCatalogVersionKey);
  if (!stored.ok()) return stored.status();
  if (stored->has_value() && !(*stored)->empty()) return **stored;
  Result<JsonPtr> body = fetch(run, "GET", "/stores/v3/provision/version", nullptr, kVersionRead);
  if (!body.ok()) return body.status();
  const std::string version = text_at(body->get(), "catalogVersion");  // [R10]
  if (version == "STORES_NOT_INSTALLED") {
    return config_error(
        "Wix Stores is not installed on this site: add Wix Stores in the dashboard, then run "
        "`shelfnode connect` again");
  }
  if (version != "V1_CATALOG" && version != "V3_CATALOG") {
    return bad_data("Wix answered an unknown catalog version '" +
                    printable(logger().excerpt(version, 40)) +
                    "' (this build knows V1_CATALOG and V3_CATALOG)");
  }
  // A site's version never changes [R11]: asked once, kept.
  SHELFNODE_RETURN_IF_ERROR(store::set_meta(run.db, kCatalogVersionKey, version));
  return version;
}

Result<std::string> default_location(PullRun& run) {
  Result<std::optional<std::string>> stored = store::get_meta(run.db, kDefaultLocationKey);
  if (!stored.ok()) return stored.status();
  if (stored->has_value() && !(*stored)->empty()) return **stored;
  JsonPtr query = wix::default_location_query();
  if (!query) return internal_error("out of memory building a request");
  Result<JsonPtr> body = fetch(run, "POST", wix::kLocationsQueryPath, query.get(), kLocationRead);
  if (!body.ok()) return body.status();
  Result<std::string> id = wix::default_location_id(body->get());
  if (!id.ok()) return id.status();
  SHELFNODE_RETURN_IF_ERROR(store::set_meta(run.db, kDefaultLocationKey, *id));
  return id;
}

}  // namespace shelfnode::pull
