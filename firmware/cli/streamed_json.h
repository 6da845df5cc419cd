#pragma once

#include <cstdio>

#include "shelfnode/core/json.h"
#include "shelfnode/core/status.h"

namespace shelfnode::cli {

// Writes {"<name>": [ ... ]} one element at a time, so a million rows need the memory of
// one: each element's tree is printed and freed before the next is made.
class StreamedArray {
 public:
  StreamedArray(std::FILE* out, const char* name);
  StreamedArray(const StreamedArray&) = delete;
  StreamedArray& operator=(const StreamedArray&) = delete;

  // Prints and frees `element` (owned from here on).
  void add(cJSON* element);
  // Ends the document and flushes; an error when anything failed to reach `out` (a full
  // disk behind a redirect, a closed pipe).
  Status finish();

 private:
  std::FILE* out_;
  bool first_ = true;
};

// Flushes `out` and reports a failed write as kIo: `what` names the output.
Status finish_output(std::FILE* out, const char* what);

}  // namespace shelfnode::cli
