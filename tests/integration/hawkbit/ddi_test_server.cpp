#include "ddi_test_server.h"

#include "shelfnode/wix/curl_transport.h"
#include "support/wix_emulator.h"

namespace shelfnode::testing {

std::string DdiTestServer::start(const std::string& sleep) {
  dir_ = std::make_unique<TempDir>();
  write_file(dir_->file("token"), std::string(kToken) + "\n");
  child_ = std::make_unique<Child>(std::vector<std::string>{
      "python3", source_dir() + "/tools/hawkbit-ddi/ddi_server.py", "--port", "0", "--state-dir",
      dir_->file("state"), "--token-file", dir_->file("token"), "--controller-id", kController,
      "--sleep", sleep});
  return read_ready_line(*child_, "the DDI test server", url_, ca_file_);
}

long DdiTestServer::call(const std::string& method, const std::string& path,
                         const std::string& body, std::string& answer) const {
  wix::CurlOptions options;
  options.ca_file = ca_file_;
  wix::CurlTransport transport(options);
  auto sent = transport.send({method, url_ + path, {{"Content-Type", "application/json"}}, body});
  if (!sent.ok()) {
    answer = sent.status().message();
    return 0;
  }
  answer = sent->body;
  return sent->status;
}

std::string DdiTestServer::create_action(const std::string& spec) {
  std::string answer;
  if (call("POST", "/_admin/actions", spec, answer) != 201) return "";
  JsonPtr json = parse_json(answer);
  return text_at(json.get(), "id");
}

bool DdiTestServer::cancel(const std::string& action_id) {
  std::string answer;
  return call("POST", "/_admin/actions/" + action_id + "/cancel", "", answer) == 200;
}

JsonPtr DdiTestServer::state() const {
  std::string answer;
  if (call("GET", "/_admin/state", "", answer) != 200) return nullptr;
  return parse_json(answer);
}

std::vector<std::string> DdiTestServer::feedback(const std::string& kind,
                                                 const std::string& id) const {
  std::vector<std::string> out;
  JsonPtr s = state();
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(s.get(), "feedback")) {
    if (text_at(item, "kind") != kind || text_at(item, "action") != id) continue;
    const cJSON* status =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(item, "body"), "status");
    out.push_back(text_at(status, "execution") + "/" +
                  text_at(cJSON_GetObjectItemCaseSensitive(status, "result"), "finished"));
  }
  return out;
}

std::vector<std::string> DdiTestServer::details(const std::string& id) const {
  std::vector<std::string> out;
  JsonPtr s = state();
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(s.get(), "feedback")) {
    if (text_at(item, "action") != id) continue;
    const cJSON* status =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(item, "body"), "status");
    const cJSON* d = nullptr;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(status, "details")) {
      if (cJSON_IsString(d)) out.emplace_back(d->valuestring);
    }
  }
  return out;
}

std::vector<std::string> DdiTestServer::requests() const {
  std::vector<std::string> out;
  JsonPtr s = state();
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(s.get(), "requests")) {
    if (cJSON_IsString(item)) out.emplace_back(item->valuestring);
  }
  return out;
}

}  // namespace shelfnode::testing
