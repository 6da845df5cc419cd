// A Content-Range header value as a server sends it, through parse_content_range and
// parse_unsatisfied_range (the two forms a resumed download reads). Invariants: an accepted
// range has FIRST <= LAST < TOTAL and prints back, in the canonical form, to text that
// parses to the same numbers; the two forms never both accept one value.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "ota/content_range.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A header value reaches the parser as a C string: no NUL inside.
  const std::string text(shelfnode::fuzz::as_text(data, size)
                             .substr(0, shelfnode::fuzz::as_text(data, size).find('\0')));
  const auto range = shelfnode::ota::parse_content_range(text);
  const auto unsatisfied = shelfnode::ota::parse_unsatisfied_range(text);
  FUZZ_CHECK(!(range && unsatisfied));
  if (range) {
    FUZZ_CHECK(range->first <= range->last);
    FUZZ_CHECK(range->last < range->total);
    const std::string again = "bytes " + std::to_string(range->first) + "-" +
                              std::to_string(range->last) + "/" + std::to_string(range->total);
    const auto reread = shelfnode::ota::parse_content_range(again);
    FUZZ_CHECK(reread && reread->first == range->first && reread->last == range->last &&
               reread->total == range->total);
  }
  if (unsatisfied) {
    const auto reread =
        shelfnode::ota::parse_unsatisfied_range("bytes */" + std::to_string(*unsatisfied));
    FUZZ_CHECK(reread && *reread == *unsatisfied);
  }
  return 0;
}
