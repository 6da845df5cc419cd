#include "daemon_scans.h"

#include "device_setup.h"
#include "raw_sync.h"

namespace shelfnode::bench {
namespace {

constexpr int kReplyTimeoutMs = 10'000;
constexpr int kStatusTimeoutMs = 10'000;

// The status answer's round identity ("" when none, or when the daemon did not answer).
bool round_now(const std::string& data_dir, std::string& identity, std::string& error) {
  JsonPtr status = ask_daemon_status(data_dir, kStatusTimeoutMs, error);
  if (!status) return false;
  identity = round_identity(status.get());
  return true;
}

}  // namespace

bool run_scans(const ScanPlan& plan, ScannerPty& scanner, DaemonChild& daemon, ScanFigures& out,
               std::string& error) {
  RawSync with_fsync(plan.data_dir + "/raw-fsync-" + plan.tag, RawSync::Kind::kAppendFsync),
      with_fdatasync(plan.data_dir + "/raw-fdatasync-" + plan.tag, RawSync::Kind::kAppendFdatasync),
      in_place(plan.data_dir + "/raw-in-place-" + plan.tag, RawSync::Kind::kInPlaceFdatasync);
  if (!with_fsync.ok() || !with_fdatasync.ok() || !in_place.ok()) {
    error = "cannot create the raw-sync files in " + plan.data_dir;
    return false;
  }
  RawSync* raw[3] = {&with_fsync, &with_fdatasync, &in_place};
  std::vector<double> scan_us, scan_in_round_us, raw_us[3];
  std::string reply, before, after;
  const SteadyTime start = now();
  std::size_t planned = plan.warm_up + plan.scans;
  for (std::size_t i = 0; i < planned; ++i) {
    if (i + 1 == planned && plan.more && plan.more()) planned += 100;
    if (micros_between(start, now()) > plan.budget_seconds * 1e6) {
      out.stopped_early = true;
      break;
    }
    const bool measured = i >= plan.warm_up;
    if (plan.watch_rounds && !round_now(plan.data_dir, before, error)) return false;
    double scan_took = 0;
    for (std::size_t step = 0; step < 4; ++step) {
      const std::size_t which = (i + step) % 4;
      if (which == 3) {
        const ScanCode& c = plan.codes[i % plan.codes.size()];
        const SteadyTime t0 = now();
        if (!scanner.send_scan(c.code) || !daemon.read_line(reply, kReplyTimeoutMs)) {
          error = "no reply to scan " + std::to_string(i) + " (" + c.code + ")";
          return false;
        }
        scan_took = micros_between(t0, now());
        if (!reply_is_ok(reply, c.sku)) {
          error = "scan " + std::to_string(i) + " (" + c.code + ") answered: " + reply;
          return false;
        }
        continue;
      }
      const double us = raw[which]->timed_write();
      if (us < 0) {
        error = "a raw write + sync failed in " + plan.data_dir;
        return false;
      }
      if (measured) raw_us[which].push_back(us);
    }
    if (plan.watch_rounds && !round_now(plan.data_dir, after, error)) return false;
    if (plan.notify != nullptr) plan.notify->drain();
    if (!measured) continue;
    scan_us.push_back(scan_took);
    if (!plan.watch_rounds) continue;
    if (!before.empty() && before == after) {
      ++out.in_round;
      scan_in_round_us.push_back(scan_took);
    } else if (!before.empty() || !after.empty()) {
      ++out.at_round_edge;
    } else {
      ++out.no_round;
    }
  }
  out.elapsed_s = micros_between(start, now()) / 1e6;
  out.scan = summarize(scan_us);
  out.scan_in_round = summarize(scan_in_round_us);
  out.fsync = summarize(raw_us[0]);
  out.fdatasync = summarize(raw_us[1]);
  out.in_place = summarize(raw_us[2]);
  return true;
}

bool time_refusals(ScannerPty& scanner, DaemonChild& daemon, std::size_t count, Distribution& out,
                   std::string& error) {
  std::vector<double> us;
  std::string reply;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string code = "NO-SUCH-CODE-" + std::to_string(i);
    const SteadyTime t0 = now();
    if (!scanner.send_scan(code) || !daemon.read_line(reply, kReplyTimeoutMs)) {
      error = "no reply to the unknown code " + code;
      return false;
    }
    us.push_back(micros_between(t0, now()));
    if (reply.compare(0, 4, "ERR ") != 0) {
      error = "the unknown code " + code + " answered: " + reply;
      return false;
    }
  }
  out = summarize(us);
  return true;
}

}  // namespace shelfnode::bench
