#include "device_cli.h"

#include <fstream>
#include <iterator>
#include <memory>
#include <thread>

#include "child_process.h"
#include "shelfnode/core/json.h"

namespace shelfnode::bench {
namespace {

constexpr int kReplyTimeoutMs = 60'000;
constexpr int kReadTimeoutMs = 120'000;

std::string joined(const std::vector<std::string>& args) {
  std::string out;
  for (const std::string& a : args) out += (out.empty() ? "" : " ") + a;
  return out;
}

std::string log_tail(const std::string& path) {
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > 600 ? "..." + text.substr(text.size() - 600) : text;
}

long number(const cJSON* object, const char* name) {
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(object, name);
  return cJSON_IsNumber(v) ? static_cast<long>(v->valuedouble) : 0;
}

}  // namespace

int DeviceCli::run(const std::vector<std::string>& args, int timeout_ms, std::string& out) const {
  std::vector<std::string> argv{binary, "--data-dir", data_dir};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_to_end(argv, log, timeout_ms, out);
}

bool DeviceCli::step(const std::vector<std::string>& args, int timeout_ms,
                     std::string& error) const {
  std::string out;
  const int code = run(args, timeout_ms, out);
  if (code == 0) return true;
  error = "`shelfnode " + joined(args) + "` exited " + std::to_string(code) + ": " + log_tail(log);
  return false;
}

bool DeviceCli::scan(const ScanSession& session, std::string& error) const {
  const std::vector<std::string> args{"scan", "--warehouse", session.warehouse, "--mode",
                                      session.mode};
  std::vector<std::string> argv{binary, "--data-dir", data_dir};
  argv.insert(argv.end(), args.begin(), args.end());
  std::unique_ptr<ChildProcess> child = ChildProcess::start(argv, log, {}, error);
  if (!child) return false;
  // Replies come back while lines still go in: write from another thread, or both pipes
  // fill up and the two processes wait for each other.
  std::thread writer([&child, &session] {
    child->write_all(session.input);
    child->close_stdin();
  });
  std::string line;
  std::size_t n = 0;
  for (; n < session.expected.size(); ++n) {
    if (!child->read_line(line, kReplyTimeoutMs)) break;
    const std::size_t tail = 3 + 36 + 1;  // "OK " + UUID + " "
    if (line.compare(0, 3, "OK ") != 0 || line.size() < tail ||
        line.compare(tail, std::string::npos, session.expected[n]) != 0) {
      error = "`" + joined(args) + "` line " + std::to_string(n + 1) + ": expected OK ... " +
              session.expected[n] + ", got: " + line;
      break;
    }
  }
  if (n < session.expected.size()) {
    child->terminate();  // unblocks the writer if the child stopped reading
    writer.join();
    if (error.empty()) error = "`" + joined(args) + "` stopped replying: " + log_tail(log);
    return false;
  }
  writer.join();
  const int code = child->wait(kReplyTimeoutMs);
  if (code != 0) {
    error = "`" + joined(args) + "` exited " + std::to_string(code) + ": " + log_tail(log);
    return false;
  }
  return true;
}

bool DeviceCli::set_wix_setting(const char* name, int value, std::string& error) const {
  const std::string path = data_dir + "/config.json";
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  JsonPtr config = parse_json(text);
  cJSON* wix = cJSON_GetObjectItemCaseSensitive(config.get(), "wix");
  if (!cJSON_IsObject(wix)) {
    error = path + " has no \"wix\" object (did `connect` run?)";
    return false;
  }
  cJSON_DeleteItemFromObjectCaseSensitive(wix, name);
  cJSON_AddNumberToObject(wix, name, value);
  std::ofstream out(path, std::ios::trunc);
  out << to_json_pretty(config.get()) << "\n";
  if (!out) error = "cannot write " + path;
  return static_cast<bool>(out);
}

bool read_stock(const DeviceCli& device, std::map<std::string, StockRow>& out, std::string& error) {
  std::string text;
  const int code = device.run({"stock", "--json"}, kReadTimeoutMs, text);
  JsonPtr json = parse_json(text);
  const cJSON* skus = cJSON_GetObjectItemCaseSensitive(json.get(), "skus");
  if (code != 0 || !cJSON_IsArray(skus)) {
    error = "`stock --json` exited " + std::to_string(code) + " without a skus list";
    return false;
  }
  out.clear();
  const cJSON* row = nullptr;
  cJSON_ArrayForEach(row, skus) {
    const cJSON* sku = cJSON_GetObjectItemCaseSensitive(row, "sku");
    const cJSON* sync = cJSON_GetObjectItemCaseSensitive(row, "sync");
    if (!cJSON_IsString(sku)) continue;
    StockRow& r = out[sku->valuestring];
    r.mapped_sum = number(row, "mapped_sum");
    r.target = number(row, "target");
    r.managed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(row, "managed"));
    r.sync = cJSON_IsString(sync) ? sync->valuestring : "";
  }
  return true;
}

long ledger_movements(const DeviceCli& device, std::string& error) {
  std::string text;
  const int code = device.run({"status", "--json"}, kReadTimeoutMs, text);
  JsonPtr json = parse_json(text);
  const cJSON* movements = cJSON_GetObjectItemCaseSensitive(json.get(), "movements");
  if (code != 0 || !cJSON_IsNumber(movements)) {
    error = "`status --json` exited " + std::to_string(code) + " without a movement count";
    return -1;
  }
  return static_cast<long>(movements->valuedouble);
}

}  // namespace shelfnode::bench
