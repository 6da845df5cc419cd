#include "cli/streamed_json.h"

#include <cerrno>
#include <cstring>
#include <string>

namespace shelfnode::cli {

StreamedArray::StreamedArray(std::FILE* out, const char* name) : out_(out) {
  JsonPtr key(cJSON_CreateString(name));
  std::fprintf(out_, "{%s: [", to_json_text(key.get()).c_str());
}

void StreamedArray::add(cJSON* element) {
  JsonPtr owned(element);
  std::fprintf(out_, "%s\n  %s", first_ ? "" : ",", to_json_text(owned.get()).c_str());
  first_ = false;
}

Status StreamedArray::finish() {
  std::fprintf(out_, "%s]}\n", first_ ? "" : "\n");
  return finish_output(out_, "the JSON");
}

Status finish_output(std::FILE* out, const char* what) {
  if (std::fflush(out) == 0 && !std::ferror(out)) return Status::Ok();
  const int err = errno;
  return io_error(std::string("writing ") + what + " failed (" + std::strerror(err) +
                  "): it is incomplete; check the disk or the pipe it goes to and run it again");
}

}  // namespace shelfnode::cli
