#include "sync/inventory_calls.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace shelfnode::sync {

Result<wix::JsonResponse> WixCalls::call(const char* method, const std::string& path,
                                         const cJSON* body, wix::WixError* error) {
  Result<wix::JsonResponse> r = client_->call(method, path, body, error);
  count_ += client_->last_attempts();
  return r;
}

void WixCalls::send(std::vector<WriteCall>& calls, const AnswerReader& read,
                    std::vector<EntryOutcome>& outcomes) {
  bool offline = false;
  wix::WixError offline_error;
  for (WriteCall& c : calls) {
    if (offline) {
      for (std::size_t i : c.entries) outcomes[i] = {wix::Outcome::kNotSent, offline_error};
      continue;
    }
    wix::WixError error;
    Result<wix::JsonResponse> r = call(c.method.c_str(), c.path, c.body.get(), &error);
    if (!r.ok()) {
      // A failure that is not Wix's (a bug, out of memory) leaves Client's default, uncertain:
      // the safe reading when nothing says the request stayed here.
      if (error.description.empty()) error.description = r.status().message();
      for (std::size_t i : c.entries) outcomes[i] = {error.outcome, error};
      if (error.outcome == wix::Outcome::kNotSent) {
        offline = true;
        offline_error = error;
      }
      continue;
    }
    read(r->body.get(), c, outcomes);
  }
}

void all_succeeded(const cJSON* /*answer*/, const WriteCall& call,
                   std::vector<EntryOutcome>& outcomes) {
  for (std::size_t i : call.entries) {
    outcomes[i] = EntryOutcome{};
    outcomes[i].outcome = wix::Outcome::kSuccess;
    outcomes[i].error.outcome = wix::Outcome::kSuccess;
    outcomes[i].error.http_status = 200;
  }
}

EntryOutcome refused_locally(const char* code, std::string description) {
  EntryOutcome o;
  o.outcome = wix::Outcome::kRejected;
  o.error.outcome = wix::Outcome::kRejected;
  o.error.code = code;
  o.error.description = std::move(description);
  return o;
}

std::vector<std::vector<std::size_t>> in_runs(const std::vector<std::size_t>& indices,
                                              std::size_t max) {
  std::vector<std::vector<std::size_t>> runs;
  const std::size_t step = std::max<std::size_t>(1, max);
  for (std::size_t at = 0; at < indices.size(); at += step) {
    const std::size_t end = std::min(indices.size(), at + step);
    runs.emplace_back(indices.begin() + static_cast<std::ptrdiff_t>(at),
                      indices.begin() + static_cast<std::ptrdiff_t>(end));
  }
  return runs;
}

bool is_path_safe(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
}

}  // namespace shelfnode::sync
