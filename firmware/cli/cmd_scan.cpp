#include <unistd.h>

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/scan_replies.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/platform/scanner_spec.h"
#include "shelfnode/platform/source_reader.h"
#include "shelfnode/session/scan_session.h"

namespace shelfnode::cli {
namespace {

// The most scans one commit carries. Large enough that a burst costs one fsync per few
// hundred scans, small enough that the first reply of a burst is not held back for long.
constexpr std::size_t kMaxBatch = 512;

// --source as a checked spec (platform::parse_scanner_spec): a bad one is a usage error.
Result<platform::ScannerSpec> parse_source(const std::string& source) {
  Result<platform::ScannerSpec> spec = platform::parse_scanner_spec(source);
  if (!spec.ok()) return usage_error(spec.status().message());
  spec->framing.max_scan = session::kMaxScanLength;
  return spec;
}

// How long the scanner must be quiet before the session checkpoints the WAL: longer than the
// gaps inside a burst, far shorter than a clerk's pause between two items.
constexpr int kIdleMs = 100;

// After a batch's replies went out (the session's commits never checkpoint): at the next pause
// of the scanner, or at once, pause or not, when the WAL nears the end of the space kept for
// it, so a scanner that never pauses cannot grow it without bound.
void checkpoint_when_due(App& app, const platform::SourceReader& reader) {
  const store::CheckpointNeed need = app.db().checkpoint_need();
  if (need == store::CheckpointNeed::kNone) return;
  if (need == store::CheckpointNeed::kWhenIdle && reader.input_within(kIdleMs)) return;
  app.checkpoint_wal();
}

}  // namespace

int run_scan(App& app, const Args& args) {
  if (!args.has("warehouse") || !args.has("mode")) {
    return fail(usage_error("scan needs --warehouse W and --mode sell|receive|count"));
  }
  Result<session::ScanMode> mode = session::parse_scan_mode(args.get("mode"));
  if (!mode.ok()) return fail(mode.status());
  const std::string source = args.get("source", "stdin");
  Result<platform::ScannerSpec> spec = parse_source(source);
  Status s = spec.status();
  if (s.ok()) s = ledger::validate_warehouse_name(args.get("warehouse"));
  if (s.ok()) s = app.open_for_write("scan");
  // A session runs for hours: never start one writing into a damaged file.
  if (s.ok()) s = app.check_storage();
  if (!s.ok()) return fail(s);
  Result<ledger::Warehouse> w = ledger::find_warehouse(app.db(), args.get("warehouse"));
  if (!w.ok()) return fail(w.status());
  // Before the first scan: every commit of the session then overwrites the WAL in place and
  // syncs it once, the first one too.
  app.db().defer_checkpoints();
  app.prepare_wal();

  session::ScanOptions options;
  options.max_quantity = app.config().scan.max_quantity;
  options.undo_code = app.config().scan.undo_code;
  session::ScanSession scans(app.db(), app.ledger(), w->id, *mode, "scan:" + source, options);
  std::unique_ptr<platform::ScanSource> input = platform::make_source(*spec, STDIN_FILENO);
  s = input->start();
  if (!s.ok()) return fail(s);
  platform::SourceReader reader(*input);
  log_info("scan.start", {{"warehouse", w->name}, {"mode", args.get("mode")}});
  Status last_failure = Status::Ok();
  std::vector<platform::Scan> batch;
  std::int64_t acknowledged = 0, refused = 0;
  for (;;) {
    Result<bool> more = reader.next_batch(batch, kMaxBatch);
    if (!more.ok()) return fail(more.status());
    if (!batch.empty()) {
      Status worst;
      std::vector<std::string> replies = reply_to_batch(scans, batch, worst);
      std::string out;
      for (const std::string& r : replies) {
        out += r;
        out += '\n';
        (r.compare(0, 3, "OK ") == 0 ? acknowledged : refused) += 1;
      }
      // Replies leave only now: after the batch's commit returned.
      std::fwrite(out.data(), 1, out.size(), stdout);
      std::fflush(stdout);
      // Storage errors decide the exit status whatever came after them: 74 means scans
      // were refused for want of disk, which matters more than a mistyped code.
      if (!worst.ok() && (last_failure.ok() || last_failure.code() == Code::kBadData ||
                          last_failure.code() == Code::kNotFound)) {
        last_failure = worst;
      }
    }
    if (!*more) break;
    checkpoint_when_due(app, reader);
  }
  log_info("scan.end",
           {{"acknowledged", std::to_string(acknowledged)}, {"refused", std::to_string(refused)}});
  return last_failure.exit_code();
}

}  // namespace shelfnode::cli
