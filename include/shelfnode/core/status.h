#pragma once

#include <string>
#include <utility>

namespace shelfnode {

// What kind of failure a Status carries. Each maps to one sysexits code (DESIGN §7) so the
// CLI never has to guess an exit status from a message.
enum class Code {
  kOk,
  kUsage,        // 64: the command line was wrong
  kBadData,      // 65: unknown code, bad barcode, malformed file
  kNotFound,     // 65 at the CLI: a named thing does not exist
  kUnavailable,  // 69: a service (Wix) cannot be reached
  kInternal,     // 70: a bug or an unexpected library failure
  kIo,           // 74: disk full, read-only, I/O error
  kTemporary,    // 75: try again later (work pending, rate limited)
  kPermission,   // 77: Wix 403, or a file with unsafe permissions
  // 77 at the CLI: Wix does not know the API key (401: wrong or revoked). Apart from
  // kPermission because the fix differs: a new key and `connect` again, not a permission.
  kUnauthenticated,
  kConfig,       // 78: configuration is missing or wrong
  kConflict,     // 75 at the CLI: someone else holds the lock / revision moved
};

// Errors are values: a Status is cheap when OK and carries a code and a message otherwise.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // The sysexits(3) exit status a command should end with for this status.
  int exit_code() const;

  // Prefixes context ("opening ledger: ...") while keeping the code.
  Status with_context(const std::string& context) const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

const char* code_name(Code code);

inline Status usage_error(std::string m) {
  return Status(Code::kUsage, std::move(m));
}
inline Status bad_data(std::string m) {
  return Status(Code::kBadData, std::move(m));
}
inline Status not_found(std::string m) {
  return Status(Code::kNotFound, std::move(m));
}
inline Status io_error(std::string m) {
  return Status(Code::kIo, std::move(m));
}
inline Status internal_error(std::string m) {
  return Status(Code::kInternal, std::move(m));
}
inline Status config_error(std::string m) {
  return Status(Code::kConfig, std::move(m));
}
inline Status conflict(std::string m) {
  return Status(Code::kConflict, std::move(m));
}

}  // namespace shelfnode
