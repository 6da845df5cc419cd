#include "shelfnode/core/status.h"

namespace shelfnode {

int Status::exit_code() const {
  switch (code_) {
    case Code::kOk:
      return 0;
    case Code::kUsage:
      return 64;
    case Code::kBadData:
    case Code::kNotFound:
      return 65;
    case Code::kUnavailable:
      return 69;
    case Code::kInternal:
      return 70;
    case Code::kIo:
      return 74;
    case Code::kTemporary:
    case Code::kConflict:
      return 75;
    case Code::kPermission:
    case Code::kUnauthenticated:
      return 77;
    case Code::kConfig:
      return 78;
  }
  return 70;
}

Status Status::with_context(const std::string& context) const {
  if (ok()) return *this;
  return Status(code_, context + ": " + message_);
}

const char* code_name(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kUsage:
      return "usage";
    case Code::kBadData:
      return "bad_data";
    case Code::kNotFound:
      return "not_found";
    case Code::kUnavailable:
      return "unavailable";
    case Code::kInternal:
      return "internal";
    case Code::kIo:
      return "io";
    case Code::kTemporary:
      return "temporary";
    case Code::kPermission:
      return "permission";
    case Code::kUnauthenticated:
      return "unauthenticated";
    case Code::kConfig:
      return "config";
    case Code::kConflict:
      return "conflict";
  }
  return "internal";
}

}  // namespace shelfnode
