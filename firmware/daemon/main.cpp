// shelfnoded: the long-running half of `shelfnode daemon`, which execs it (same PID, so
// systemd's Type=notify sees one process). It is linked without libcurl: the TLS stack and
// everything behind it is mapped only in the short-lived workers that do the Wix rounds.
// Usage: shelfnoded [--data-dir DIR] [-v] daemon
#include <getopt.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "cli/app.h"
#include "daemon/daemon.h"
#include "daemon/ota_trial.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/out_of_memory.h"
#include "shelfnode/store/bounded_memory.h"

namespace {
constexpr int kDaemonCacheKiB = 128;
}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGXFSZ, SIG_IGN);  // as `shelfnode`: a file-size limit is an error, not death
  shelfnode::install_out_of_memory_handler();
  std::string data_dir = "/var/lib/shelfnode";
  if (const char* env = std::getenv("SHELFNODE_DATA_DIR")) data_dir = env;
  bool verbose = false;
  static const option kOptions[] = {{"data-dir", required_argument, nullptr, 'd'},
                                    {"verbose", no_argument, nullptr, 'v'},
                                    {"help", no_argument, nullptr, 'h'},
                                    {nullptr, 0, nullptr, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "+vh", kOptions, nullptr)) != -1) {
    switch (c) {
      case 'd':
        data_dir = optarg;
        break;
      case 'v':
        verbose = true;
        break;
      case 'h':
        std::printf(
            "usage: shelfnoded [--data-dir DIR] [-v] daemon\n"
            "Started by `shelfnode daemon`; see `shelfnode daemon --help`.\n");
        return 0;
      default:
        return 64;
    }
  }
  if (optind != argc - 1 || std::strcmp(argv[optind], "daemon") != 0) {
    std::fprintf(stderr, "usage: shelfnoded [--data-dir DIR] [-v] daemon\n");
    return 64;
  }
  shelfnode::cli::App app(data_dir);
  app.set_verbose(verbose);
  shelfnode::logger().set_level(
      shelfnode::effective_log_level(std::nullopt, verbose, isatty(STDERR_FILENO) != 0));
  // Before the database is opened, because opening it migrates it (firmware/daemon/README.md,
  // "On trial").
  const shelfnode::daemon::OtaTrial ota = shelfnode::daemon::OtaTrial::detect();
  ota.prepare_data(app.paths());
  shelfnode::Status s = app.open_for_write("daemon");
  if (s.ok()) {
    // The daemon runs for months: every page it read through the memory map (the storage
    // check reads them all) would stay resident and count towards its RSS. Its reads are
    // one-row lookups: the pages a scan touches (the barcode index, the SKU, its stock row,
    // the ledger's last pages) fit in 128 KiB; the rest come from the kernel's page cache.
    shelfnode::store::BoundedMemory bounded(app.db(), kDaemonCacheKiB);
    // The worker's page commits hold the write lock for tens of ms; a scan waits for them in
    // fine steps rather than SQLite's 1, 2, 5, 10, 15 ms.
    app.db().wait_finely_when_busy();
    s = app.claim_daemon();
    // Hourly at most, as `sync`: a restart loop must not spend its boots on a 2 s check.
    if (s.ok()) s = app.check_storage_every(3600 * 1000);
    if (s.ok()) {
      shelfnode::daemon::Daemon daemon(app);
      daemon.on_ready([&] { ota.report(app.paths().dir, true, ""); });
      s = daemon.run();
    }
  }
  app.finish();
  if (!s.ok() && ota.in_trial()) {
    // A slot on trial that cannot start is restarted (75 is not in the unit's
    // RestartPreventExitStatus=), so each failed start spends its budget and the boot check
    // rolls it back, instead of a 78 leaving the till down until someone comes.
    ota.report(app.paths().dir, false, s.message());
    (void)shelfnode::cli::fail(s);
    return 75;
  }
  if (!s.ok()) return shelfnode::cli::fail(s);
  return 0;
}
