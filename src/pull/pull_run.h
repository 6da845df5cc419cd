#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "pull/cache_writer.h"
#include "pull/pull_state.h"
#include "shelfnode/core/json.h"
#include "shelfnode/pull/catalog_pull.h"

namespace shelfnode::pull {

// One run of `catalog pull`: what every step shares.
struct PullRun {
  PullRun(store::Database& db_in, wix::RetryingClient& api_in, const Clock& clock_in,
          ProgressSink* progress_in, std::string now)
      : db(db_in),
        api(api_in),
        clock(clock_in),
        progress(progress_in),
        writer(db_in, std::move(now)) {}

  store::Database& db;
  wix::RetryingClient& api;
  const Clock& clock;
  ProgressSink* progress;
  PendingPull pending;  // set (and writer.begin called) once the pull is planned
  CacheWriter writer;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  int pages = 0;
  int requests = 0;
  std::int64_t records = 0;
  std::int64_t items = 0;

  std::int64_t elapsed_ms() const;
  void report_progress(const char* what, std::int64_t done, std::int64_t total) const;
};

// What one read is for, so a refusal can name the permission that is missing.
struct ReadKind {
  const char* doing;       // "reading products"
  const char* permission;  // as the API Keys Manager shows it
  const char* scope;       // Wix's scope name [R7][R8]
};

// One call. A failure becomes a Status the owner can act on: 401/403 name the key and the
// permission (kPermission, kUnauthenticated for a 401), Wix unreachable or failing is kUnavailable,
// rate limiting that outlasted the retries kTemporary, a catalog that is not the version recorded
// kConfig.
Result<JsonPtr> fetch(PullRun& run, const char* method, const char* path, const cJSON* body,
                      const ReadKind& kind);

// The same for a page that is read item by item: its text, as Wix sent it.
Result<std::string> fetch_page(PullRun& run, const char* method, const char* path,
                               const cJSON* body, const ReadKind& kind);

// A page that could not be read: one that was not JSON is worth reading again and says
// what was being read; any other problem is returned as it is.
Status page_failure(const Status& parse, const ReadKind& kind);

// Writes one page, kRowsPerTransaction rows to a transaction (BEGIN IMMEDIATE), and the
// pull's position with its last rows. A page of 1,000 V3 variants in one transaction held the
// write lock for 18–34 ms, and a scan committing meanwhile waited all of it; 100 rows hold it
// a few ms, for one more WAL sync each. Nothing is lost between them: the rows are keyed by
// (product, variant) and written again as they are, and until the position is saved a resumed
// pull fetches the page again.
inline constexpr std::size_t kRowsPerTransaction = 100;
Status commit_page(PullRun& run, const std::vector<VariantRow>* variants,
                   const std::vector<ItemTracking>* items);

// The crawls. Each returns when its last page is committed.
Status crawl_v1(PullRun& run);
Status crawl_v3_variants(PullRun& run);
Status crawl_v3_items(PullRun& run, const std::string& location_id);

// The catalog version from meta, else asked once [R10] and stored.
Result<std::string> catalog_version(PullRun& run);
// The default location from meta, else asked once [R37] and stored.
Result<std::string> default_location(PullRun& run);

}  // namespace shelfnode::pull
