#include "sync_like_load.h"

#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <vector>

#include "child_process.h"

namespace shelfnode::bench {
namespace {

constexpr int kStockTimeoutMs = 30'000;
constexpr long kPauseNs = 20'000'000;

}  // namespace

SyncLikeLoad::SyncLikeLoad(std::string binary, std::string data_dir)
    : binary_(std::move(binary)), data_dir_(std::move(data_dir)), thread_([this] { run(); }) {}

SyncLikeLoad::~SyncLikeLoad() {
  stop();
}

void SyncLikeLoad::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void SyncLikeLoad::run() {
  const std::vector<std::string> stock{binary_, "--data-dir", data_dir_, "stock", "--json"};
  std::string out;
  while (!stop_) {
    const int code = run_to_end(stock, data_dir_ + "/load-stock.stderr", kStockTimeoutMs, out);
    if (code != 0 && problem_.empty()) problem_ = "stock --json exited " + std::to_string(code);
    if (!copy_database() && problem_.empty()) problem_ = "copying the database failed";
    ++rounds_;
    timespec pause{0, kPauseNs};
    nanosleep(&pause, nullptr);
  }
}

bool SyncLikeLoad::copy_database() {
  const int from = open((data_dir_ + "/shelfnode.db").c_str(), O_RDONLY | O_CLOEXEC);
  const int to =
      open((data_dir_ + "/load-copy.bin").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool ok = from >= 0 && to >= 0;
  char buf[65536];
  ssize_t n = 0;
  while (ok && (n = read(from, buf, sizeof buf)) > 0) {
    ok = write(to, buf, static_cast<std::size_t>(n)) == n;
  }
  ok = ok && n == 0 && fdatasync(to) == 0;
  if (from >= 0) close(from);
  if (to >= 0) close(to);
  return ok;
}

}  // namespace shelfnode::bench
