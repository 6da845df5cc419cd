#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "shelfnode/core/json.h"
#include "shelfnode/sync/inventory_api.h"

namespace shelfnode::sync {

// One write call of an operation: which of the operation's entries it carries (indices into
// the caller's entries) and what it sends.
struct WriteCall {
  std::vector<std::size_t> entries;
  std::string method;
  std::string path;
  JsonPtr body;
};

// Turns a successful answer into the outcomes of the call's entries.
using AnswerReader = std::function<void(const cJSON* answer, const WriteCall& call,
                                        std::vector<EntryOutcome>& outcomes)>;

// The calls of one InventoryApi, counted. The count is of HTTP requests, retries included,
// so it matches what Wix (or the emulator's request log) saw.
class WixCalls {
 public:
  explicit WixCalls(wix::RetryingClient& client) : client_(&client) {}

  Result<wix::JsonResponse> call(const char* method, const std::string& path, const cJSON* body,
                                 wix::WixError* error = nullptr);

  // Sends `calls` in order. A call that failed as a whole gives each of its entries the
  // call's error; nothing is resent here, RetryingClient already retried what certainly was
  // not sent. Once a call still was not sent (offline, rate limited past the wait limit),
  // the later calls are not tried: Wix is not reachable now and each would wait through the
  // same retries. Their entries come back kNotSent with that call's error.
  void send(std::vector<WriteCall>& calls, const AnswerReader& read,
            std::vector<EntryOutcome>& outcomes);

  int count() const { return count_; }

 private:
  wix::RetryingClient* client_;
  int count_ = 0;
};

// Every entry of `call` succeeded (V1 answers `{}` [R18][R24]).
void all_succeeded(const cJSON* answer, const WriteCall& call, std::vector<EntryOutcome>& outcomes);

// An entry refused before sending (see kAmountOutOfRange in inventory_api.h).
EntryOutcome refused_locally(const char* code, std::string description);

// `indices` in runs of at most `max`, in order.
std::vector<std::vector<std::size_t>> in_runs(const std::vector<std::size_t>& indices,
                                              std::size_t max);

// Whether `id` can go into a URL path as it is (Wix IDs are GUIDs).
bool is_path_safe(const std::string& id);

}  // namespace shelfnode::sync
