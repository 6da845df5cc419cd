#pragma once

#include <cstdio>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode {

enum class LogLevel { kDebug, kInfo, kWarn, kError, kOff };

Result<LogLevel> parse_log_level(std::string_view text);

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
  // Applies the redaction rules to free text (error messages shown to users use this too).
  std::string redact(std::string text) const;

 private:
  mutable std::mutex mu_;
  std::FILE* out_;
  LogLevel level_;
  std::vector<std::string> secrets_;
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
