// The JSON the device sends: feedback (DDI "status" object) and configData.
#include <cjson/cJSON.h>

#include "shelfnode/core/json.h"
#include "shelfnode/ota/hawkbit/ddi_messages.h"

namespace shelfnode::ota::hawkbit {

const char* execution_name(Execution e) {
  switch (e) {
    case Execution::kProceeding: return "proceeding";
    case Execution::kClosed: return "closed";
    case Execution::kCanceled: return "canceled";
    case Execution::kRejected: return "rejected";
    case Execution::kDownloaded: return "downloaded";
  }
  return "proceeding";
}

const char* finished_name(Finished f) {
  switch (f) {
    case Finished::kSuccess: return "success";
    case Finished::kFailure: return "failure";
    case Finished::kNone: return "none";
  }
  return "none";
}

std::string feedback_body(Execution execution, Finished finished,
                          const std::vector<std::string>& details,
                          std::optional<Progress> progress) {
  JsonPtr root(cJSON_CreateObject());
  cJSON* status = cJSON_AddObjectToObject(root.get(), "status");
  cJSON_AddStringToObject(status, "execution", execution_name(execution));
  cJSON* result = cJSON_AddObjectToObject(status, "result");
  cJSON_AddStringToObject(result, "finished", finished_name(finished));
  if (progress) {
    cJSON* p = cJSON_AddObjectToObject(result, "progress");
    cJSON_AddNumberToObject(p, "cnt", progress->cnt);
    cJSON_AddNumberToObject(p, "of", progress->of);
  }
  cJSON* list = cJSON_AddArrayToObject(status, "details");
  for (const std::string& d : details) cJSON_AddItemToArray(list, cJSON_CreateString(d.c_str()));
  return to_json_text(root.get());
}

std::string config_data_body(const std::vector<std::pair<std::string, std::string>>& data) {
  JsonPtr root(cJSON_CreateObject());
  cJSON_AddStringToObject(root.get(), "mode", "merge");
  cJSON* d = cJSON_AddObjectToObject(root.get(), "data");
  for (const auto& [key, value] : data) cJSON_AddStringToObject(d, key.c_str(), value.c_str());
  return to_json_text(root.get());
}

}  // namespace shelfnode::ota::hawkbit
