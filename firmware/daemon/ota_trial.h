#pragma once

#include <optional>
#include <string>

#include "shelfnode/core/status.h"
#include "shelfnode/ota/running_slot.h"
#include "shelfnode/store/data_dir.h"

namespace shelfnode::daemon {

// The daemon's part in the A/B slots (src/ota/README.md, "The daemon's part"). It runs as the
// service's user and never writes the install root: it keeps the database safe across a
// trial and reports its health in the data dir, and the boot check (root) acts on that.
class OtaTrial {
 public:
  // Which slot this process runs from (its own real path), and whether that slot is on trial.
  static OtaTrial detect();

  bool in_trial() const { return running_ && running_->trial.has_value(); }

  // Before the database is opened (and migrated):
  //  - on trial: a copy of the database as the previous slot left it, once per trial, at
  //    DATA_DIR/shelfnode-pre-<trial version>.db (older such copies are removed);
  //  - back after a rollback, with a database whose schema is newer than this build: that
  //    copy is restored, with every scan and command made during the trial replayed into it
  //    (store::restore_database), so nothing scanned on the trial slot is lost.
  // Failures are logged: the database open that follows says what is wrong with it.
  void prepare_data(const store::DataDirPaths& paths) const;

  // DATA_DIR/ota-health.json for the boot check and `ota mark-good --if-healthy`.
  void report(const std::string& data_dir, bool ok, const std::string& reason) const;

 private:
  std::optional<ota::RunningSlot> running_;
};

}  // namespace shelfnode::daemon
