#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cli/app.h"
#include "shelfnode/core/config.h"
#include "shelfnode/platform/feedback.h"
#include "shelfnode/platform/scan_source.h"
#include "shelfnode/session/scan_session.h"

namespace shelfnode::daemon {

// One configured scanner in the daemon: its source, the scan session that books what it reads
// into its warehouse (the same session code, and group commit, as `shelfnode scan`), and where
// its replies go. Scans the source delivered wait in pending() until commit() books them in
// one transaction; the replies go out only after that commit returned.
class ScannerSlot {
 public:
  // Checks the entry (source spec, warehouse, mode); errors name `scanners[index]`.
  static Result<std::unique_ptr<ScannerSlot>> create(cli::App& app, const Config& config,
                                                     const Config::Scanner& entry, int index);

  const Config::Scanner& entry() const { return entry_; }
  platform::ScanSource& source() { return *source_; }
  platform::Feedback& feedback() { return *feedback_; }
  // The source (or the wait for it) and the feedback (a GPIO line is taken now).
  Status start();

  // "attached", "waiting" (a device not there, or unplugged) or "ended" (stdin closed).
  const char* state() const;
  bool attached() const;

  std::vector<platform::Scan>& pending() { return pending_; }
  // Books pending(), then tells the feedback each reply (the reply text is what `scan`
  // prints; by default it is the line on the daemon's stdout). Returns how many were
  // acknowledged; `worst` as ScanSession::process_batch.
  int commit(Status& worst);

  std::int64_t acknowledged() const { return acknowledged_; }
  std::int64_t refused() const { return refused_; }

  // True when `entry` reads the same device the same way (only name, warehouse, mode or
  // feedback differ): a reload keeps the source, and anything half read in it.
  bool same_source(const Config::Scanner& entry) const {
    return entry.source == entry_.source && entry.options == entry_.options;
  }
  // A reload in two steps, so a bad entry changes nothing: what `entry` needs is prepared and
  // checked (its session; a new feedback when `feedback` changed, else none: the old one
  // stays), then, once every entry passed, the switch to it. The source stays.
  struct Rebinding {
    std::unique_ptr<session::ScanSession> session;
    std::shared_ptr<platform::Feedback> feedback;
  };
  Result<Rebinding> prepare_rebind(cli::App& app, const Config& config,
                                   const Config::Scanner& entry, int index) const;
  void rebind(const Config::Scanner& entry, Rebinding next);

 private:
  ScannerSlot() = default;
  static Result<std::unique_ptr<session::ScanSession>> prepare_session(cli::App& app,
                                                                       const Config& config,
                                                                       const Config::Scanner& entry,
                                                                       int index);
  Config::Scanner entry_;
  std::unique_ptr<platform::ScanSource> source_;
  std::unique_ptr<session::ScanSession> session_;
  std::shared_ptr<platform::Feedback> feedback_;  // shared by scanners naming one GPIO line
  std::vector<platform::Scan> pending_;
  std::int64_t acknowledged_ = 0;
  std::int64_t refused_ = 0;
  int index_ = 0;  // in config.json `scanners`, for messages
};

}  // namespace shelfnode::daemon
