#include "daemon/scanner_slot.h"

#include <unistd.h>

#include "cli/scan_replies.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/platform/device_source.h"
#include "shelfnode/platform/scanner_spec.h"

namespace shelfnode::daemon {
namespace {

Status in_entry(const Status& s, int index, const char* field) {
  return config_error("config.json scanners[" + std::to_string(index) + "]." + field + ": " +
                      s.message());
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
  slot->rebind(entry, std::move(session).value());
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

void ScannerSlot::rebind(const Config::Scanner& entry,
                         std::unique_ptr<session::ScanSession> session) {
  session_ = std::move(session);
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
  std::string out;
  int ok = 0;
  for (const std::string& r : replies) {
    const bool acked = r.compare(0, 3, "OK ") == 0;
    (acked ? acknowledged_ : refused_) += 1;
    ok += acked ? 1 : 0;
    out += r;
    out += '\n';
  }
  // After the commit returned, never before (the session committed inside reply_to_batch).
  // A stuck or closed stdout must not stop scanning: what cannot be written is dropped.
  const ssize_t written = write(STDOUT_FILENO, out.data(), out.size());
  (void)written;
  return ok;
}

}  // namespace shelfnode::daemon
