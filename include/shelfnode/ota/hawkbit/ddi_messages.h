#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::ota::hawkbit {

// What hawkBit's DDI API v1 sends, read strictly (src/ota/hawkbit/README.md): a member of the
// wrong type, a missing one, or one the DDI documentation does not define is refused with a
// message naming it, so a controller that speaks another dialect is noticed rather than half
// understood. Bodies are bounded by the transport (1 MiB) and lists here by count.
inline constexpr std::size_t kMaxChunks = 16;
inline constexpr std::size_t kMaxArtifacts = 256;
inline constexpr std::uint64_t kMaxArtifactBytes = std::uint64_t{4} << 30;

// The controller base: `config.polling.sleep` and the links to what hawkBit wants done.
struct ControllerBase {
  std::optional<std::int64_t> sleep_seconds;  // "HH:MM:SS"
  std::string deployment_base;                // hrefs; empty when absent
  std::string cancel_action;
  std::string config_data;
  std::string installed_base;
};

// deployment.download / deployment.update.
enum class Handling { kSkip, kAttempt, kForced };

struct Artifact {
  std::string filename;  // the bundle-relative path it is stored under (check_bundle_path)
  std::uint64_t size = 0;
  std::string sha256;  // lower-case hex; required
  std::string sha1;    // optional, passed to the fetcher
  std::string md5;
  std::string download_url;  // _links.download (https)
};

struct Deployment {
  std::string id;
  Handling download = Handling::kForced;
  Handling update = Handling::kForced;
  std::string version;  // the chunk's version
  std::string name;     // the chunk's name
  std::vector<Artifact> artifacts;
};

struct CancelAction {
  std::string id;
  std::string stop_id;  // the action to stop
};

// `controller_url` is {base}/{tenant}/controller/v1/{controllerId}: every link must lie
// under it, so the target token is never sent to another place than the configured one.
Result<ControllerBase> parse_controller_base(std::string_view body,
                                             const std::string& controller_url);
// `allow_http_artifacts` is for a loopback test server only; otherwise download links must
// be https.
Result<Deployment> parse_deployment(std::string_view body, bool allow_http_artifacts = false);
Result<CancelAction> parse_cancel_action(std::string_view body);

// "00:05:00" -> 300. Hours up to 99; minutes and seconds 00-59.
std::optional<std::int64_t> parse_sleep(std::string_view text);

// The action id at the end of a deploymentBase or cancelAction href ("…/deploymentBase/7?c=…"
// -> "7"), empty when it is not a plain decimal id.
std::string action_id_of(const std::string& href);

// status.execution and status.result.finished of a feedback body.
enum class Execution { kProceeding, kClosed, kCanceled, kRejected, kDownloaded };
enum class Finished { kSuccess, kFailure, kNone };
const char* execution_name(Execution e);
const char* finished_name(Finished f);

struct Progress {
  int cnt = 0;
  int of = 0;
};

// {"status": {"execution": …, "result": {"finished": …, "progress": {…}}, "details": […]}}
std::string feedback_body(Execution execution, Finished finished,
                          const std::vector<std::string>& details,
                          std::optional<Progress> progress = std::nullopt);
// {"mode": "merge", "data": {…}}
std::string config_data_body(const std::vector<std::pair<std::string, std::string>>& data);

}  // namespace shelfnode::ota::hawkbit
