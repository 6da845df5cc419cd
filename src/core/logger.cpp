#include "shelfnode/core/logger.h"

#include <algorithm>
#include <cctype>

#include "shelfnode/core/clock.h"

namespace shelfnode {
namespace {

constexpr std::string_view kRedacted = "<redacted>";

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
    case LogLevel::kOff:
      return "off";
  }
  return "info";
}

bool is_secret_key(std::string_view key) {
  std::string k(key);
  std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* word : {"key", "authorization", "password", "secret", "token"}) {
    if (k.find(word) != std::string::npos) return true;
  }
  return false;
}

// Quotes a value only when it would otherwise break `key=value` splitting.
void append_value(std::string& line, const std::string& value) {
  const bool plain = !value.empty() && std::none_of(value.begin(), value.end(), [](char c) {
    return c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
  if (plain) {
    line += value;
    return;
  }
  line += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') {
      line += '\\';
      line += c;
    } else if (c == '\n') {
      line += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      line += '?';
    } else {
      line += c;
    }
  }
  line += '"';
}

}  // namespace

Result<LogLevel> parse_log_level(std::string_view text) {
  for (LogLevel l :
       {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError, LogLevel::kOff}) {
    if (text == level_name(l)) return l;
  }
  return bad_data("unknown log level '" + std::string(text) +
                  "': use one of debug, info, warn, error, off");
}

Logger::Logger(std::FILE* out, LogLevel level) : out_(out), level_(level) {}

void Logger::set_level(LogLevel level) {
  std::lock_guard<std::mutex> lock(mu_);
  level_ = level;
}

void Logger::set_output(std::FILE* out) {
  std::lock_guard<std::mutex> lock(mu_);
  out_ = out;
}

void Logger::add_secret(std::string secret) {
  if (secret.empty()) return;
  std::lock_guard<std::mutex> lock(mu_);
  secrets_.push_back(std::move(secret));
}

std::string Logger::redact(std::string text) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const std::string& secret : secrets_) {
    for (std::size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + kRedacted.size())) {
      text.replace(at, secret.size(), kRedacted);
    }
  }
  return text;
}

std::string Logger::format(LogLevel level, std::string_view event,
                           std::initializer_list<LogField> fields) const {
  std::string line = "ts=" + format_utc_ms(SystemClock().now_ms());
  line += " level=";
  line += level_name(level);
  line += " event=";
  append_value(line, std::string(event));
  for (const LogField& f : fields) {
    line += ' ';
    line += f.first;
    line += '=';
    append_value(line, is_secret_key(f.first) ? std::string(kRedacted) : redact(f.second));
  }
  return line;
}

void Logger::log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (level < level_ || out_ == nullptr) return;
  }
  std::string line = format(level, event, fields);
  line += '\n';
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

Logger& logger() {
  static Logger instance;
  return instance;
}

}  // namespace shelfnode
