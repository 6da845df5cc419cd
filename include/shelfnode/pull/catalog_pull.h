#pragma once

#include <cstdint>
#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/pull/progress.h"
#include "shelfnode/store/database.h"
#include "shelfnode/wix/retrying_client.h"

namespace shelfnode::pull {

// Page sizes: the maxima Wix documents (API.md §7) [R15][R29][SDK:inv3].
inline constexpr int kV1PageLimit = 100;
inline constexpr int kV3PageLimit = 1000;

struct PullOptions {
  bool full = false;                 // fetch everything and drop what Wix no longer has
  ProgressSink* progress = nullptr;  // null = nothing per page
};

struct PullSummary {
  std::string catalog_version;  // "V1_CATALOG" / "V3_CATALOG"
  bool full = false;
  bool resumed = false;      // continued a pull that was cut short
  std::int64_t records = 0;  // products (V1) or variants (V3) fetched
  std::int64_t items = 0;    // V3: inventory items fetched
  std::int64_t added = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t removed = 0;
  std::int64_t unmapped = 0;  // variants without a usable SKU seen
  int pages = 0;
  int requests = 0;  // HTTP requests sent, retries included
  std::int64_t wall_ms = 0;
  std::string pulled_at;
  std::int64_t catalog_skus = 0;  // distinct SKUs in the cache afterwards (imports included)
};

// Fetches the Wix catalog into the cache (src/pull/README.md): V1 products by numericId
// crawl, or V3 read-only variants plus the inventory items at the default location. Each
// page is written in its own transaction with the pull's position, so memory stays at one
// page and a pull cut short resumes from its last page. The first pull, and any with
// `full`, drops the Wix rows it did not see; later pulls fetch only what changed since the
// last complete pull, and the mark moves only when a pull completes. Failures say how many
// pages were kept.
Result<PullSummary> pull_catalog(store::Database& db, wix::RetryingClient& api, const Clock& clock,
                                 const PullOptions& options);

}  // namespace shelfnode::pull
