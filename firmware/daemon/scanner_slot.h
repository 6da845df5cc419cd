#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cli/app.h"
#include "shelfnode/core/config.h"
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
  Status start() { return source_->start(); }

  // "attached", "waiting" (a device not there, or unplugged) or "ended" (stdin closed).
  const char* state() const;
  bool attached() const;

  std::vector<platform::Scan>& pending() { return pending_; }
  // Books pending() and writes the replies (the reply text is what `scan` prints). Returns
  // how many were acknowledged; `worst` as ScanSession::process_batch.
  int commit(Status& worst);

  std::int64_t acknowledged() const { return acknowledged_; }
  std::int64_t refused() const { return refused_; }

  // True when `entry` reads the same device the same way (only name, warehouse, mode or
  // feedback differ): a reload keeps the source, and anything half read in it.
  bool same_source(const Config::Scanner& entry) const {
    return entry.source == entry_.source && entry.options == entry_.options;
  }
  // A reload in two steps, so a bad entry changes nothing: the session for `entry` (checked),
  // then, once every entry passed, the switch to it. The source stays.
  static Result<std::unique_ptr<session::ScanSession>> prepare_session(cli::App& app,
                                                                       const Config& config,
                                                                       const Config::Scanner& entry,
                                                                       int index);
  void rebind(const Config::Scanner& entry, std::unique_ptr<session::ScanSession> session);

 private:
  ScannerSlot() = default;
  Config::Scanner entry_;
  std::unique_ptr<platform::ScanSource> source_;
  std::unique_ptr<session::ScanSession> session_;
  std::vector<platform::Scan> pending_;
  std::int64_t acknowledged_ = 0;
  std::int64_t refused_ = 0;
};

}  // namespace shelfnode::daemon
