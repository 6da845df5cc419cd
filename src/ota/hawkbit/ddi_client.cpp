// One DDI poll (src/ota/hawkbit/README.md "One poll"): the decisions are poll_plan.cpp's,
// this file does the talking, the downloading and the bookkeeping around them.
#include "shelfnode/ota/hawkbit/ddi_client.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "ota/sha256.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/fs_ops.h"
#include "shelfnode/ota/hawkbit/ddi_messages.h"

namespace shelfnode::ota::hawkbit {
namespace {


std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

class Ddi {
 public:
  explicit Ddi(PollContext& c) : c_(c), controller_(c.endpoint.controller_url()) {}

  const std::string& controller_url() const { return controller_; }

  std::vector<std::pair<std::string, std::string>> auth() const {
    return {{"Authorization", "TargetToken " + c_.endpoint.token}};
  }

  Result<std::string> get(const std::string& url, const std::string& what) {
    wix::HttpRequest request{"GET", url, auth(), ""};
    request.headers.emplace_back("Accept", "application/hal+json, application/json");
    return exchange(request, what);
  }

  Status send(const std::string& method, const std::string& url, const std::string& body,
              const std::string& what) {
    wix::HttpRequest request{method, url, auth(), body};
    request.headers.emplace_back("Content-Type", "application/json");
    Result<std::string> answer = exchange(request, what);
    return answer.status();
  }

 private:
  Result<std::string> exchange(const wix::HttpRequest& request, const std::string& what) {
    Result<wix::HttpResponse> sent = c_.transport->send(request);
    if (!sent.ok()) return sent.status().with_context("hawkBit " + what);
    const long code = sent->status;
    if (code >= 200 && code < 300) return std::move(sent->body);
    const std::string head = "hawkBit " + what + ": HTTP " + std::to_string(code);
    if (code == 401) {
      return Status(Code::kUnauthenticated,
                    head + ": the target token was refused; put target '" +
                        printable(c_.endpoint.controller_id) +
                        "''s security token (hawkBit: the target's details) into the file "
                        "ota.hawkbit.token_file names, or enable target token authentication "
                        "on the tenant");
    }
    if (code == 403) {
      return Status(Code::kPermission, head + ": forbidden (is target token authentication "
                                              "enabled for tenant '" +
                                           printable(c_.endpoint.tenant) + "'?)");
    }
    if (code == 404 && request.url == controller_) {
      return config_error(head + ": hawkBit knows no tenant '" + printable(c_.endpoint.tenant) +
                          "' with target '" + printable(c_.endpoint.controller_id) +
                          "'; check ota.hawkbit.tenant and ota.hawkbit.controller_id");
    }
    const std::string body = printable(utf8_head(logger().redact(sent->body), 200));
    if (code == 429 || code >= 500) return Status(Code::kTemporary, head + " " + body);
    return Status(Code::kUnavailable, head + " " + body);
  }

  PollContext& c_;
  std::string controller_;
};

class Poll {
 public:
  Poll(PollContext& c, HawkbitState& state) : c_(c), ddi_(c), state_(state) {}

  Status save() { return save_hawkbit_state(c_.state_file, state_); }

  Status feedback(const std::string& kind, const std::string& action_id, Execution execution,
                  Finished finished, const std::vector<std::string>& details,
                  std::optional<Progress> progress = std::nullopt) {
    const std::string url = ddi_.controller_url() + "/" + kind + "/" + action_id + "/feedback";
    state_.last_feedback = kind + " " + action_id + ": " + execution_name(execution) + "/" +
                           finished_name(finished);
    Status sent = ddi_.send("POST", url, feedback_body(execution, finished, details, progress),
                            "feedback for action " + action_id);
    state_.last_feedback_result = sent.ok() ? "accepted" : sent.message();
    log_info("ota.hawkbit.feedback", {{"action", action_id},
                                      {"execution", execution_name(execution)},
                                      {"finished", finished_name(finished)},
                                      {"result", state_.last_feedback_result}});
    SHELFNODE_RETURN_IF_ERROR(save());
    return sent;
  }

  Status send_config() {
    const std::string body = config_data_body({{"version", c_.device.version},
                                               {"board", c_.device.board}});
    SHELFNODE_RETURN_IF_ERROR(
        ddi_.send("PUT", ddi_.controller_url() + "/configData", body, "configData"));
    state_.config_sent_for = config_key(c_.device);
    return save();
  }

  Result<std::string> cancel(const std::string& href) {
    Result<std::string> body = ddi_.get(href, "cancel action");
    if (!body.ok()) return body.status();
    Result<CancelAction> cancel = parse_cancel_action(*body);
    if (!cancel.ok()) return cancel.status();
    const std::string& stop = cancel->stop_id;
    if (plan_cancel(stop, state_) == CancelAnswer::kReject) {
      SHELFNODE_RETURN_IF_ERROR(feedback(
          "cancelAction", cancel->id, Execution::kRejected, Finished::kNone,
          {"action " + stop + " was already installed here (" + state_.finished_result +
           "); it cannot be cancelled"}));
      return "cancel of action " + stop + " rejected: already " + state_.finished_result;
    }
    (void)remove_tree(system_fs(), action_dir(stop));  // what is left is wiped next time
    state_.action_id.clear();
    state_.stage.clear();
    state_.finished_action_id = stop;
    state_.finished_result = "canceled";
    state_.finished_detail = "cancelled before installing; nothing was installed";
    SHELFNODE_RETURN_IF_ERROR(save());
    SHELFNODE_RETURN_IF_ERROR(feedback("cancelAction", cancel->id, Execution::kCanceled,
                                       Finished::kSuccess, {state_.finished_detail}));
    return "action " + stop + " cancelled: nothing installed";
  }

  Result<std::string> deploy(const std::string& href) {
    const std::string id = action_id_of(href);
    Result<std::string> body = ddi_.get(href, "deployment " + id);
    if (!body.ok()) return body.status();
    Result<Deployment> parsed = parse_deployment(*body, c_.endpoint.allow_http_artifacts);
    if (!parsed.ok()) {
      // hawkBit would wait for this action forever: it is told why it cannot be done.
      SHELFNODE_RETURN_IF_ERROR(close(id, Finished::kFailure, parsed.status().message()));
      return parsed.status();
    }
    const Deployment& d = *parsed;
    if (d.id != id) {
      return bad_data("hawkBit deployment refused: its id " + d.id + " is not the " + id +
                      " its link named");
    }
    switch (plan_deployment(d, state_)) {
      case DeployStep::kResendFinal:
        if (state_.finished_result == "canceled") {
          // Its cancel was confirmed; hawkBit offering it again is its own inconsistency,
          // and nothing here may claim it ran.
          log_warn("ota.hawkbit.cancelled_action_offered", {{"action", id}});
          return "action " + id + " was cancelled here: not done";
        }
        SHELFNODE_RETURN_IF_ERROR(
            feedback("deploymentBase", id, Execution::kClosed,
                     state_.finished_result == "success" ? Finished::kSuccess : Finished::kFailure,
                     {state_.finished_detail}));
        return "action " + id + " was closed already (" + state_.finished_result + "): told again";
      case DeployStep::kWait:
        return "action " + id + " waits (download or update: skip)";
      case DeployStep::kDownloadOnly:
      case DeployStep::kInstall:
        break;
    }
    state_.action_id = id;
    state_.stage = "downloading";
    SHELFNODE_RETURN_IF_ERROR(save());
    const int of = static_cast<int>(d.artifacts.size()) + 1;
    SHELFNODE_RETURN_IF_ERROR(feedback(
        "deploymentBase", id, Execution::kProceeding, Finished::kNone,
        {"downloading " + std::to_string(d.artifacts.size()) + " artifacts of " + d.name + " " +
         d.version},
        Progress{0, of}));
    Status fetched = fetch_all(d);
    if (!fetched.ok()) {
      if (fetched.code() == Code::kBadData) {  // hawkBit's own hashes or sizes disagree
        SHELFNODE_RETURN_IF_ERROR(close(id, Finished::kFailure, fetched.message()));
        return "action " + id + " failed: " + fetched.message();
      }
      // Unreachable artifact host: the action stays open and the next poll tries again.
      return fetched;
    }
    state_.stage = "downloaded";
    SHELFNODE_RETURN_IF_ERROR(save());
    if (d.update == Handling::kSkip) {
      SHELFNODE_RETURN_IF_ERROR(feedback("deploymentBase", id, Execution::kDownloaded,
                                         Finished::kNone, {"downloaded and checked; waiting "
                                                           "for hawkBit to allow the update"}));
      return "action " + id + " downloaded; update waits";
    }
    state_.stage = "installing";
    SHELFNODE_RETURN_IF_ERROR(feedback("deploymentBase", id, Execution::kProceeding,
                                       Finished::kNone, {"installing " + d.version},
                                       Progress{of - 1, of}));
    Status installed = c_.installer->install(action_dir(id));
    if (!installed.ok()) {
      SHELFNODE_RETURN_IF_ERROR(close(id, Finished::kFailure, installed.message()));
      return "action " + id + " failed: " + installed.message();
    }
    SHELFNODE_RETURN_IF_ERROR(close(id, Finished::kSuccess, "installed " + d.version));
    return "action " + id + " installed " + d.version;
  }

 private:
  std::string action_dir(const std::string& id) const {
    return c_.work_dir + "/action-" + id;
  }

  // The final word on an action: kept here first, so a lost answer is resent, never redone.
  Status close(const std::string& id, Finished finished, const std::string& detail) {
    state_.action_id.clear();
    state_.stage = "finished";
    state_.finished_action_id = id;
    state_.finished_result = finished == Finished::kSuccess ? "success" : "failure";
    state_.finished_detail = detail;
    (void)remove_tree(system_fs(), action_dir(id));  // what is left is wiped next time
    SHELFNODE_RETURN_IF_ERROR(save());
    return feedback("deploymentBase", id, Execution::kClosed, finished, {detail});
  }

  Status fetch_all(const Deployment& d) {
    const std::string dir = action_dir(d.id);
    SHELFNODE_RETURN_IF_ERROR(make_dirs(dir));
    const std::string origin = origin_of(ddi_.controller_url());
    for (const Artifact& a : d.artifacts) {
      const std::string dest = dir + "/" + a.filename;
      SHELFNODE_RETURN_IF_ERROR(make_dirs(dest.substr(0, dest.rfind('/'))));
      // Already here and whole (a download-only poll before): not fetched again.
      if (matches(dest, a).ok()) continue;
      ArtifactRequest request{a.download_url, dest, a.size, a.sha256, a.sha1, a.md5, {}};
      if (origin_of(a.download_url) == origin) request.headers = ddi_.auth();
      SHELFNODE_RETURN_IF_ERROR(c_.fetcher->fetch(request).with_context(
          "downloading artifact " + printable(a.filename)));
      SHELFNODE_RETURN_IF_ERROR(matches(dest, a));
    }
    return Status::Ok();
  }

  // hawkBit's size, then its SHA-256, of the file as it is on disk now.
  static Status matches(const std::string& path, const Artifact& a) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      return io_error("artifact " + printable(a.filename) + " is not there after the download");
    }
    if (static_cast<std::uint64_t>(st.st_size) != a.size) {
      return bad_data("artifact " + printable(a.filename) + " has " + std::to_string(st.st_size) +
                      " bytes where hawkBit announced " + std::to_string(a.size));
    }
    Result<std::string> digest = sha256_file(path);
    if (!digest.ok()) return digest.status();
    if (*digest != a.sha256) {
      return bad_data("artifact " + printable(a.filename) + " has SHA-256 " + *digest +
                      " where hawkBit announced " + a.sha256);
    }
    return Status::Ok();
  }

  static Result<std::string> sha256_file(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return io_error("reading " + path + ": " + std::strerror(errno));
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(f, &std::fclose);
    Sha256 hash;
    std::vector<unsigned char> buffer(64 * 1024);
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
      SHELFNODE_RETURN_IF_ERROR(hash.update(buffer.data(), n));
    }
    if (std::ferror(file.get())) return io_error("reading " + path);
    Sha256Digest digest{};
    SHELFNODE_RETURN_IF_ERROR(hash.finish(digest));
    return to_hex(digest);
  }

  // "https://host:port" of a URL: the token goes only where the controller lives.
  static std::string origin_of(const std::string& url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string::npos) return "";
    const std::size_t end = url.find_first_of("/?#", scheme + 3);
    return url.substr(0, end);
  }

  PollContext& c_;
  Ddi ddi_;
  HawkbitState& state_;
};

}  // namespace

std::string Endpoint::controller_url() const {
  return trim_slash(url) + "/" + tenant + "/controller/v1/" + controller_id;
}

Result<PollOutcome> poll_once(PollContext& context) {
  Result<HawkbitState> loaded = load_hawkbit_state(context.state_file);
  if (!loaded.ok()) return loaded.status();
  HawkbitState state = std::move(loaded).value();
  Poll poll(context, state);
  Ddi ddi(context);

  auto outcome = [&]() -> Result<PollOutcome> {
    state.last_poll_ms = context.clock->now_ms();
    Result<std::string> body = ddi.get(ddi.controller_url(), "controller base");
    if (!body.ok()) return body.status();
    Result<ControllerBase> base = parse_controller_base(*body, ddi.controller_url());
    if (!base.ok()) return base.status();
    PollOutcome out;
    out.sleep_seconds = base->sleep_seconds;
    const PollPlan plan = plan_poll(*base, state, context.device);
    std::vector<std::string> done;
    if (plan.send_config) {
      // Attributes are bookkeeping: a controller that refuses them must not hold up a
      // rollout. They are tried again on the next poll.
      Status sent = poll.send_config();
      if (sent.ok()) {
        done.push_back("configData sent (" + config_key(context.device) + ")");
      } else {
        log_warn("ota.hawkbit.config_data_failed", {{"error", sent.message()}});
        done.push_back("configData not accepted: " + sent.message());
      }
    }
    Result<std::string> step = std::string("nothing to do");
    if (plan.step == PollStep::kCancel) step = poll.cancel(plan.href);
    if (plan.step == PollStep::kDeploy) step = poll.deploy(plan.href);
    if (!step.ok()) return step.status();
    done.push_back(*step);
    for (const std::string& part : done) out.summary += (out.summary.empty() ? "" : "; ") + part;
    return out;
  }();
  state.last_error = outcome.ok() ? "" : outcome.status().message();
  Status saved = poll.save();
  if (!outcome.ok()) return outcome.status();
  if (!saved.ok()) return saved;
  return outcome;
}

}  // namespace shelfnode::ota::hawkbit
