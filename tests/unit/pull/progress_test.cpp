// Progress: a bar redrawn in place on a terminal, one plain line per page otherwise.
#include "shelfnode/pull/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace shelfnode::pull {
namespace {

// Everything written to a temporary FILE*.
class Capture {
 public:
  Capture() : f_(std::tmpfile()) {}
  ~Capture() {
    if (f_ != nullptr) std::fclose(f_);
  }
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;
  std::FILE* file() { return f_; }
  std::string text() {
    std::fflush(f_);
    std::rewind(f_);
    std::string out;
    char buf[512];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f_)) > 0) out.append(buf, n);
    return out;
  }

 private:
  std::FILE* f_;
};

PullProgress at(const char* what, std::int64_t done, std::int64_t total, int pages) {
  PullProgress p;
  p.what = what;
  p.done = done;
  p.total = total;
  p.pages = pages;
  p.requests = pages + 1;
  p.elapsed_ms = 1500;
  return p;
}

TEST(Progress, TerminalRedrawsOneLineAndEndsIt) {
  Capture out;
  auto sink = make_progress(out.file(), true);
  sink->page(at("products", 100, 400, 1));
  sink->page(at("products", 400, 400, 4));
  sink->finish();
  EXPECT_EQ(out.text(),
            "\r[######..................] 25% 100/400 products, 2 requests, 1.5 s"
            "\r[########################] 100% 400/400 products, 5 requests, 1.5 s\n");
}

TEST(Progress, TerminalWithoutATotalCountsAndPadsOverLongerText) {
  Capture out;
  auto sink = make_progress(out.file(), true);
  sink->page(at("inventory items", 1000, -1, 1));
  sink->page(at("items", 2000, -1, 2));
  sink->finish();
  EXPECT_EQ(out.text(),
            "\rinventory items: 1000, 2 requests, 1.5 s"
            "\ritems: 2000, 3 requests, 1.5 s          \n");
}

TEST(Progress, PlainLinesOtherwise) {
  Capture out;
  auto sink = make_progress(out.file(), false);
  sink->page(at("products", 100, 250, 1));
  sink->page(at("variants", 1000, -1, 2));
  sink->finish();
  EXPECT_EQ(out.text(),
            "catalog pull: page 1, 100 products of 250, 2 requests, 1.5 s\n"
            "catalog pull: page 2, 1000 variants, 3 requests, 1.5 s\n");
}

TEST(Progress, NothingDrawnNothingToEnd) {
  Capture out;
  make_progress(out.file(), true)->finish();
  EXPECT_EQ(out.text(), "");
}

}  // namespace
}  // namespace shelfnode::pull
