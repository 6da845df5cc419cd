#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>

namespace shelfnode::pull {

// Where a pull stands after each committed page.
struct PullProgress {
  const char* what = "";    // "products", "variants", "inventory items"
  std::int64_t done = 0;    // records of this kind fetched by this run
  std::int64_t total = -1;  // how many there are in all, when Wix says (V1); -1 = unknown
  int pages = 0;            // pages committed by this run (every kind)
  int requests = 0;         // HTTP requests sent by this run, retries included
  std::int64_t elapsed_ms = 0;
};

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void page(const PullProgress& p) = 0;
  // The pull ended (done or failed): a bar ends its line.
  virtual void finish() = 0;
};

// On a terminal, one line redrawn in place with '\r' (a bar when the total is known);
// otherwise one plain line per page, for logs and pipes.
std::unique_ptr<ProgressSink> make_progress(std::FILE* out, bool terminal);

}  // namespace shelfnode::pull
