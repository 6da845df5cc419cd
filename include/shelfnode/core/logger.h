#pragma once

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode {

enum class LogLevel { kDebug, kInfo, kWarn, kError, kOff };

Result<LogLevel> parse_log_level(std::string_view text);
// The name parse_log_level takes back ("debug", "info", ...).
const char* log_level_name(LogLevel level);

// The level a command logs at. An interactive terminal gets warnings and errors only: a
// person reads the command's own output there, and info lines would bury it. Anything else
// (the journal under systemd, cron, a pipe) gets info. A level named in config.json
// (`configured`) replaces that default, and `verbose` (-v) asks for at least info: it never
// makes logging quieter.
LogLevel effective_log_level(std::optional<LogLevel> configured, bool verbose, bool interactive);

using LogField = std::pair<std::string_view, std::string>;

// One line per event: `ts=... level=info event=scan.commit sku=ABC qty=2`, journald-friendly.
// Redaction is the logger's job, not the caller's: values of secret-named keys are never
// written, and any registered secret is masked wherever it appears in a value.
class Logger {
 public:
  explicit Logger(std::FILE* out = stderr, LogLevel level = LogLevel::kInfo);

  void set_level(LogLevel level);
  void set_output(std::FILE* out);
  // Remember a secret (an API key) so it is masked in every later line.
  void add_secret(std::string secret);

  void log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields);

  // Builds the line without writing it (used by log() and by tests).
  std::string format(LogLevel level, std::string_view event,
                     std::initializer_list<LogField> fields) const;
  // Applies the redaction rules to free text (error messages shown to users use this too):
  // every run of 8 or more consecutive characters of a registered secret, in any letter
  // case, becomes "<redacted>" (a secret shorter than 8 is masked whole). So a copy cut off
  // mid-key, lower-cased or broken up by HTML tags is masked too, except pieces shorter than
  // 8 characters. Linear in the text: each secret's 8-character windows are hashed once.
  std::string redact(std::string text) const;
  // At most `max_bytes` of `text`, redacted before it is cut so that a cut can never leave
  // the first characters of a key on show; the cut never falls inside a UTF-8 character,
  // and a "<redacted>" that starts before it is kept whole (the excerpt may then run up to
  // 9 bytes over). `was_cut` (when given) tells whether anything was left off.
  std::string excerpt(std::string_view text, std::size_t max_bytes, bool* was_cut = nullptr) const;

  // A registered secret as redact() looks for it: each of its windows of `width` bytes
  // (8, or the whole secret when shorter), lower-cased and packed into one number.
  struct Secret {
    std::string lowered;
    std::size_t width = 0;
    std::unordered_set<std::uint64_t> windows;
  };

 private:
  mutable std::mutex mu_;
  std::FILE* out_;
  LogLevel level_;
  std::vector<Secret> secrets_;
};

// The process-wide logger the firmware configures at start-up.
Logger& logger();

inline void log_debug(std::string_view e, std::initializer_list<LogField> f = {}) {
  logger().log(LogLevel::kDebug, e, f);
}
inline void log_info(std::string_view e, std::initializer_list<LogField> f = {}) {
  logger().log(LogLevel::kInfo, e, f);
}
inline void log_warn(std::string_view e, std::initializer_list<LogField> f = {}) {
  logger().log(LogLevel::kWarn, e, f);
}
inline void log_error(std::string_view e, std::initializer_list<LogField> f = {}) {
  logger().log(LogLevel::kError, e, f);
}

}  // namespace shelfnode
