#include "shelfnode/core/logger.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/printable.h"

namespace shelfnode {
namespace {

constexpr std::string_view kRedacted = "<redacted>";


bool is_secret_key(std::string_view key) {
  std::string k(key);
  std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* word : {"key", "authorization", "password", "secret", "token"}) {
    if (k.find(word) != std::string::npos) return true;
  }
  return false;
}

// Quotes a value only when it would otherwise break `key=value` splitting. Inside quotes
// '"' and '\\' are backslash-escaped, and whatever printable() escapes is \\xNN (the escapes
// strconv.Unquote and logfmt readers understand), so a line always stays one line.
void append_value(std::string& line, const std::string& value) {
  const bool plain = !value.empty() && printable(value) == value &&
                     std::none_of(value.begin(), value.end(), [](char c) {
                       return c == ' ' || c == '"' || c == '=' || c == '\\';
                     });
  if (plain) {
    line += value;
    return;
  }
  std::string quoted;
  for (char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  line += '"';
  line += printable(quoted);
  line += '"';
}

// A run of this many characters of a secret is redacted; eight bytes fit one uint64_t.
constexpr std::size_t kMinRun = 8;

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Adds to `runs` (in order, touching windows joined) every window of `text` that is also a
// window of `secret` (`width` bytes, lower-cased): one hash lookup per byte of the text.
void mark_secret(std::string_view text, const Logger::Secret& secret,
                 std::vector<std::pair<std::size_t, std::size_t>>& runs) {
  const std::size_t width = secret.width;
  if (text.size() < width) return;
  const std::uint64_t mask = width == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * width)) - 1;
  std::uint64_t window = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    window = ((window << 8) | static_cast<unsigned char>(ascii_lower(text[i]))) & mask;
    if (i + 1 < width || secret.windows.count(window) == 0) continue;
    const std::size_t start = i + 1 - width;
    if (!runs.empty() && start <= runs.back().second) {
      runs.back().second = i + 1;
    } else {
      runs.emplace_back(start, i + 1);
    }
  }
}

}  // namespace

Result<LogLevel> parse_log_level(std::string_view text) {
  for (LogLevel l :
       {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError, LogLevel::kOff}) {
    if (text == log_level_name(l)) return l;
  }
  return bad_data("unknown log level '" + printable(text) +
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
  Secret s;
  for (char& c : secret) c = ascii_lower(c);
  s.width = std::min(kMinRun, secret.size());
  std::uint64_t window = 0;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    window = (window << 8) | static_cast<unsigned char>(secret[i]);
    if (s.width < kMinRun) window &= (std::uint64_t{1} << (8 * s.width)) - 1;
    if (i + 1 >= s.width) s.windows.insert(window);
  }
  s.lowered = std::move(secret);
  std::lock_guard<std::mutex> lock(mu_);
  // Every client registers its key: the same key twice would only cost a second pass.
  for (const Secret& known : secrets_) {
    if (known.lowered == s.lowered) return;
  }
  secrets_.push_back(std::move(s));
}

// Every window of 8 bytes (in lower case) that is also one of a secret's is masked; runs of
// such windows that touch or overlap become one "<redacted>". Each secret costs one pass
// over the text, whatever its length: O(text × secrets), never O(text × key²).
std::string Logger::redact(std::string text) const {
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (secrets_.empty()) return text;
    for (const Secret& secret : secrets_) {
      std::vector<std::pair<std::size_t, std::size_t>> found;
      mark_secret(text, secret, found);
      runs.insert(runs.end(), found.begin(), found.end());
    }
  }
  if (runs.empty()) return text;
  std::sort(runs.begin(), runs.end());
  std::string out;
  out.reserve(text.size());
  std::size_t done = 0;
  for (std::size_t r = 0; r < runs.size();) {
    const std::size_t start = runs[r].first;
    std::size_t end = runs[r].second;
    for (++r; r < runs.size() && runs[r].first <= end; ++r) end = std::max(end, runs[r].second);
    out.append(text, done, start - done);
    out += kRedacted;
    done = end;
  }
  out.append(text, done, std::string::npos);
  return out;
}

std::string Logger::excerpt(std::string_view text, std::size_t max_bytes, bool* was_cut) const {
  std::string redacted = redact(std::string(text));
  std::size_t keep = utf8_head(redacted, max_bytes).size();
  if (keep < redacted.size()) {
    // Never cut a marker: one that starts before the cut is kept whole.
    const std::size_t marker = keep == 0 ? std::string::npos : redacted.rfind(kRedacted, keep - 1);
    if (marker != std::string::npos && marker + kRedacted.size() > keep) {
      keep = marker + kRedacted.size();
    }
  }
  if (was_cut != nullptr) *was_cut = keep < redacted.size();
  redacted.resize(keep);
  return redacted;
}

std::string Logger::format(LogLevel level, std::string_view event,
                           std::initializer_list<LogField> fields) const {
  std::string line = "ts=" + format_utc_ms(SystemClock().now_ms());
  line += " level=";
  line += log_level_name(level);
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

LogLevel effective_log_level(std::optional<LogLevel> configured, bool verbose, bool interactive) {
  LogLevel level = configured.value_or(interactive ? LogLevel::kWarn : LogLevel::kInfo);
  if (verbose && level > LogLevel::kInfo) level = LogLevel::kInfo;
  return level;
}

const char* log_level_name(LogLevel level) {
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

}  // namespace shelfnode
