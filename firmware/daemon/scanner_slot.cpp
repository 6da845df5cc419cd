#include "daemon/scanner_slot.h"

#include <unistd.h>

#include <map>

#include "cli/scan_replies.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/platform/device_source.h"
#include "shelfnode/platform/feedback_spec.h"
#include "shelfnode/platform/scanner_spec.h"

namespace shelfnode::daemon {
namespace {

Status in_entry(const Status& s, int index, const char* field) {
  return config_error("config.json scanners[" + std::to_string(index) + "]." + field + ": " +
                      s.message());
}

// Reply lines go to the daemon's stdout: the journal under systemd, the terminal otherwise.
// Scanners that name the same GPIO line share one feedback (a line can be requested once;
// two scanners at one till share its beeper). The registry only observes: a feedback lives
// as long as a slot holds it, so a reload that keeps the line keeps it taken, and one that
// drops it lets it go.
Result<std::shared_ptr<platform::Feedback>> make_checked_feedback(const Config::Scanner& entry,
                                                                  int index) {
  static std::map<std::string, std::weak_ptr<platform::Feedback>> lines;
  Result<platform::FeedbackSpec> spec = platform::parse_feedback_spec(entry.feedback);
  if (!spec.ok()) return in_entry(spec.status(), index, "feedback");
  std::string key;
  if (spec->kind == platform::FeedbackKind::kGpio) {
    key = spec->chip + "," + std::to_string(spec->line);
    if (std::shared_ptr<platform::Feedback> shared = lines[key].lock()) return shared;
  }
  std::shared_ptr<platform::Feedback> feedback = platform::make_feedback(*spec, STDOUT_FILENO);
  Status s = feedback->start();
  if (!s.ok()) return in_entry(s, index, "feedback");
  if (!key.empty()) lines[key] = feedback;
  return feedback;
}

}  // namespace

Result<std::unique_ptr<ScannerSlot>> ScannerSlot::create(cli::App& app, const Config& config,
                                                         const Config::Scanner& entry, int index) {
  Result<platform::ScannerSpec> spec = platform::parse_scanner_spec(entry.source, entry.options);
  if (!spec.ok()) return in_entry(spec.status(), index, "source");
  spec->name = entry.name;
  spec->framing.max_scan = session::kMaxScanLength;
  std::unique_ptr<ScannerSlot> slot(new ScannerSlot());
  Result<std::unique_ptr<session::ScanSession>> session =
      prepare_session(app, config, entry, index);
  if (!session.ok()) return session.status();
  Result<platform::FeedbackSpec> feedback = platform::parse_feedback_spec(entry.feedback);
  if (!feedback.ok()) return in_entry(feedback.status(), index, "feedback");
  slot->session_ = std::move(session).value();
  slot->entry_ = entry;
  slot->index_ = index;
  slot->source_ = platform::make_source(*spec, STDIN_FILENO);
  return slot;
}

Result<std::unique_ptr<session::ScanSession>> ScannerSlot::prepare_session(
    cli::App& app, const Config& config, const Config::Scanner& entry, int index) {
  Result<session::ScanMode> mode = session::parse_scan_mode(entry.mode);
  if (!mode.ok()) return in_entry(mode.status(), index, "mode");
  Result<ledger::Warehouse> w = ledger::find_warehouse(app.db(), entry.warehouse);
  if (!w.ok()) {
    if (w.status().code() != Code::kNotFound) return w.status();
    return in_entry(w.status(), index, "warehouse");
  }
  session::ScanOptions options;
  options.max_quantity = config.scan.max_quantity;
  options.undo_code = config.scan.undo_code;
  return std::make_unique<session::ScanSession>(app.db(), app.ledger(), w->id, *mode,
                                                "daemon:" + entry.name, options);
}

Status ScannerSlot::start() {
  Result<std::shared_ptr<platform::Feedback>> feedback = make_checked_feedback(entry_, index_);
  if (!feedback.ok()) return feedback.status();
  feedback_ = std::move(feedback).value();
  return source_->start();
}

Result<ScannerSlot::Rebinding> ScannerSlot::prepare_rebind(cli::App& app, const Config& config,
                                                           const Config::Scanner& entry,
                                                           int index) const {
  Rebinding next;
  Result<std::unique_ptr<session::ScanSession>> session =
      prepare_session(app, config, entry, index);
  if (!session.ok()) return session.status();
  next.session = std::move(session).value();
  if (entry.feedback != entry_.feedback) {
    Result<std::shared_ptr<platform::Feedback>> feedback = make_checked_feedback(entry, index);
    if (!feedback.ok()) return feedback.status();
    next.feedback = std::move(feedback).value();
  }
  return next;
}

void ScannerSlot::rebind(const Config::Scanner& entry, Rebinding next) {
  session_ = std::move(next.session);
  if (next.feedback) feedback_ = std::move(next.feedback);
  entry_ = entry;
}

bool ScannerSlot::attached() const {
  if (const auto* device = dynamic_cast<const platform::DeviceSource*>(source_.get())) {
    return device->attached();
  }
  return !source_->ended();
}

const char* ScannerSlot::state() const {
  if (source_->ended()) return "ended";
  return attached() ? "attached" : "waiting";
}

int ScannerSlot::commit(Status& worst) {
  if (pending_.empty()) return 0;
  std::vector<std::string> replies = cli::reply_to_batch(*session_, pending_, worst);
  pending_.clear();
  // After the commit returned, never before (the session committed inside reply_to_batch).
  // The feedback never waits: a stuck terminal drops lines rather than stop the scanners.
  int ok = 0;
  for (const std::string& r : replies) {
    const bool acked = r.compare(0, 3, "OK ") == 0;
    (acked ? acknowledged_ : refused_) += 1;
    ok += acked ? 1 : 0;
    if (acked) {
      feedback_->acknowledged(r);
    } else {
      feedback_->refused(r);
    }
  }
  return ok;
}

}  // namespace shelfnode::daemon
