// download_resumable against Debian's nginx on loopback over HTTPS: a whole download, a link
// cut at 12 points (resumed with at most 5 % extra bytes on the wire), a server that ignores
// Range, a file changed on the server between attempts, a partial file left by an earlier
// call (the state on disk, as after a reboot), and the refusals.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include "cutting_proxy.h"
#include "nginx_server.h"
#include "ota/sha256.h"
#include "shelfnode/ota/download.h"
#include "shelfnode/ota/refusal.h"
#include "support/process.h"

namespace shelfnode::ota::testing {
namespace {

using shelfnode::testing::read_file;
using shelfnode::testing::TempDir;
using shelfnode::testing::write_file;

constexpr std::size_t kFileBytes = 8u << 20;

std::string pseudo_random_bytes(std::size_t size, std::uint32_t seed) {
  std::string out(size, '\0');
  std::uint32_t x = seed;
  for (char& c : out) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return out;
}

std::string sha256_hex(const std::string& bytes) {
  Sha256Digest d{};
  EXPECT_TRUE(sha256_of(bytes, d).ok());
  return to_hex(d);
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

class NginxDownloadTest : public ::testing::Test {
 protected:
  NginxDownloadTest() : nginx_(tmp_.file("nginx")), body_(pseudo_random_bytes(kFileBytes, 7)) {
    write_file(nginx_.www() + "/pkg.bin", body_);
    write_file(nginx_.www() + "/norange/pkg.bin", body_);
  }
  void SetUp() override { ASSERT_TRUE(nginx_.running()) << nginx_.error_log(); }

  DownloadOptions options() const {
    DownloadOptions o;
    o.ca_file = nginx_.ca_file();
    o.retry_delay_ms = 0;
    o.max_attempts_without_progress = 3;
    return o;
  }
  // The URL of `path` through `proxy` instead of straight to nginx (same name, same TLS).
  std::string via(const CuttingProxy& proxy, const std::string& path) const {
    return "https://localhost:" + std::to_string(proxy.port()) + "/" + path;
  }
  std::string dest() const { return tmp_.file("pkg.bin"); }

  TempDir tmp_;
  NginxServer nginx_;
  std::string body_;
};

TEST_F(NginxDownloadTest, WholeFileInOneRequest) {
  DownloadOptions o = options();
  o.expected_size = body_.size();
  o.expected_sha256 = sha256_hex(body_);
  std::uint64_t last_progress = 0;
  bool monotonic = true;
  o.progress = [&](std::uint64_t have, std::optional<std::uint64_t> total) {
    monotonic = monotonic && have >= last_progress && total == body_.size();
    last_progress = have;
  };
  Result<DownloadStats> s = download_resumable(nginx_.url("pkg.bin"), dest(), o);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->requests, 1);
  EXPECT_EQ(s->restarts, 0);
  EXPECT_EQ(s->bytes_received, body_.size());
  EXPECT_EQ(s->size, body_.size());
  EXPECT_EQ(s->sha256, sha256_hex(body_));
  EXPECT_TRUE(read_file(dest()) == body_);
  EXPECT_FALSE(exists(dest() + ".part"));
  EXPECT_FALSE(exists(dest() + ".part.state"));
  EXPECT_TRUE(monotonic);
  EXPECT_EQ(last_progress, body_.size());
  const std::vector<AccessLine> log = nginx_.access_log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].status, 200);
  EXPECT_EQ(log[0].range, "-");
}

TEST_F(NginxDownloadTest, LinkCutAtTwelvePointsResumesWithAtMostFivePercentExtra) {
  // Twelve cuts at uneven points, 300–700 KiB apart, then the link holds.
  std::vector<std::uint64_t> budgets;
  for (int i = 0; i < 12; ++i) budgets.push_back((300 + (i * 137) % 400) * 1024);
  CuttingProxy proxy(nginx_.port(), budgets);
  DownloadOptions o = options();
  o.expected_size = body_.size();
  o.expected_sha256 = sha256_hex(body_);
  Result<DownloadStats> s = download_resumable(via(proxy, "pkg.bin"), dest(), o);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(read_file(dest()) == body_);
  EXPECT_EQ(proxy.cuts(), 12);
  EXPECT_EQ(s->requests, 13);
  EXPECT_EQ(s->restarts, 0);

  const double extra_wire = static_cast<double>(proxy.bytes_to_client()) / body_.size() - 1.0;
  const double extra_body = static_cast<double>(s->bytes_received) / body_.size() - 1.0;
  std::printf(
      "[ figures  ] %zu bytes, %d cuts, %d requests: %llu bytes on the wire (%+.2f %%), "
      "%llu body bytes stored (%+.2f %%)\n",
      body_.size(), proxy.cuts(), s->requests,
      static_cast<unsigned long long>(proxy.bytes_to_client()), extra_wire * 100,
      static_cast<unsigned long long>(s->bytes_received), extra_body * 100);
  EXPECT_LE(extra_wire, 0.05);
  EXPECT_GE(extra_wire, 0.0);
  EXPECT_EQ(s->bytes_received, body_.size());  // every stored byte was kept

  // One Range per request, each starting where the bytes on disk ended, with If-Range.
  const std::vector<AccessLine> log = nginx_.access_log();
  ASSERT_EQ(log.size(), 13u);
  EXPECT_EQ(log[0].range, "-");
  std::uint64_t previous = 0;
  for (std::size_t i = 1; i < log.size(); ++i) {
    ASSERT_EQ(log[i].range.rfind("bytes=", 0), 0u) << log[i].range;
    ASSERT_EQ(log[i].range.back(), '-') << log[i].range;
    const std::uint64_t from = std::stoull(log[i].range.substr(6));
    EXPECT_GT(from, previous);
    previous = from;
    EXPECT_EQ(log[i].status, 206);
    EXPECT_NE(log[i].if_range, "-");
  }
}

TEST_F(NginxDownloadTest, ServerIgnoringRangeStartsOverWithTheWholeBody) {
  CuttingProxy proxy(nginx_.port(), {kFileBytes * 2 / 5});
  DownloadOptions o = options();
  o.expected_sha256 = sha256_hex(body_);
  Result<DownloadStats> s = download_resumable(via(proxy, "norange/pkg.bin"), dest(), o);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(read_file(dest()) == body_);
  EXPECT_EQ(s->requests, 2);
  EXPECT_EQ(s->restarts, 1);
  EXPECT_GT(s->bytes_received, body_.size() + body_.size() / 4);  // the prefix came twice
  const std::vector<AccessLine> log = nginx_.access_log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_NE(log[1].range, "-");   // asked to resume...
  EXPECT_EQ(log[1].status, 200);  // ...and got the whole file, taken from its first byte
}

TEST_F(NginxDownloadTest, FileChangedOnTheServerBetweenAttemptsIsNotSpliced) {
  // One proxy for both attempts (the partial belongs to one URL): the first connection is
  // cut, the later ones hold.
  CuttingProxy proxy(nginx_.port(), {kFileBytes / 3});
  DownloadOptions o = options();
  o.max_requests = 1;
  Result<DownloadStats> cut = download_resumable(via(proxy, "pkg.bin"), dest(), o);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().code(), Code::kTemporary);
  EXPECT_NE(cut.status().message().find("run again to resume"), std::string::npos)
      << cut.status().message();
  ASSERT_GT(read_file(dest() + ".part").size(), 0u);
  EXPECT_FALSE(exists(dest()));
  // A new release of the same size, a minute newer (nginx's ETag is mtime and size).
  const std::string changed = pseudo_random_bytes(kFileBytes, 8);
  write_file(nginx_.www() + "/pkg.bin", changed);
  const timespec times[2] = {{0, UTIME_OMIT}, {::time(nullptr) + 60, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, (nginx_.www() + "/pkg.bin").c_str(), times, 0), 0);

  o = options();
  o.expected_sha256 = sha256_hex(changed);
  Result<DownloadStats> s = download_resumable(via(proxy, "pkg.bin"), dest(), o);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_GT(s->resumed_from, 0u);
  EXPECT_EQ(s->restarts, 1);
  EXPECT_EQ(s->requests, 1);  // If-Range made nginx send the new file whole at once
  EXPECT_TRUE(read_file(dest()) == changed);
  const std::vector<AccessLine> log = nginx_.access_log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[1].range, "bytes=" + std::to_string(s->resumed_from) + "-");
  EXPECT_NE(log[1].if_range, "-");
  EXPECT_EQ(log[1].status, 200);
}

TEST_F(NginxDownloadTest, PartialFromAnEarlierProcessResumesFromItsSyncedLength) {
  CuttingProxy proxy(nginx_.port(), {kFileBytes / 2});
  DownloadOptions o = options();
  o.max_requests = 1;
  o.sync_interval_bytes = 1u << 20;
  ASSERT_FALSE(download_resumable(via(proxy, "pkg.bin"), dest(), o).ok());
  const std::string state = read_file(dest() + ".part.state");
  ASSERT_NE(state.find("\"length\""), std::string::npos) << state;
  EXPECT_EQ(state.find("pkg.bin"), std::string::npos) << "the URL is kept as a hash: " << state;
  const std::size_t kept = read_file(dest() + ".part").size();
  // Bytes after the last recorded fsync, as a power cut can leave them: not trusted.
  write_file(dest() + ".part", read_file(dest() + ".part") + std::string(70000, '\0'));

  o = options();
  o.expected_size = body_.size();
  o.expected_sha256 = sha256_hex(body_);
  Result<DownloadStats> s = download_resumable(via(proxy, "pkg.bin"), dest(), o);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->resumed_from, kept);
  EXPECT_EQ(s->bytes_received, body_.size() - kept);
  EXPECT_EQ(s->restarts, 0);
  EXPECT_TRUE(read_file(dest()) == body_);
  EXPECT_EQ(nginx_.access_log().back().range, "bytes=" + std::to_string(kept) + "-");
}

TEST_F(NginxDownloadTest, ProcessKilledMidDownloadIsResumedByTheNextOne) {
  const std::string small = body_.substr(0, 2u << 20);
  write_file(nginx_.www() + "/slow/pkg.bin", small);
  DownloadOptions o = options();
  o.expected_sha256 = sha256_hex(small);
  o.sync_interval_bytes = 256 * 1024;
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const bool ok = download_resumable(nginx_.url("slow/pkg.bin"), dest(), o).ok();
    ::_exit(ok ? 0 : 1);
  }
  // SIGKILL once the child has recorded at least 512 KiB (about half a second at 1 MiB/s).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  bool recorded = false;
  while (!recorded && std::chrono::steady_clock::now() < deadline) {
    const std::string state = read_file(dest() + ".part.state");
    const std::size_t at = state.find("\"length\":");
    recorded = at != std::string::npos && std::stoull(state.substr(at + 9)) >= 512 * 1024;
    if (!recorded) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(recorded) << "the child never recorded 512 KiB";
  ASSERT_TRUE(WIFSIGNALED(status)) << "the child finished before it was killed";
  EXPECT_FALSE(exists(dest()));

  Result<DownloadStats> s = download_resumable(nginx_.url("slow/pkg.bin"), dest(), o);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_GE(s->resumed_from, 512u * 1024);
  EXPECT_EQ(s->bytes_received, small.size() - s->resumed_from);
  EXPECT_EQ(s->restarts, 0);
  EXPECT_TRUE(read_file(dest()) == small);
  EXPECT_EQ(nginx_.access_log().back().range, "bytes=" + std::to_string(s->resumed_from) + "-");
}

TEST_F(NginxDownloadTest, TimeLimitStopsASlowDownloadAndKeepsWhatCame) {
  write_file(nginx_.www() + "/slow/pkg.bin", body_);  // 8 s at 1 MiB/s
  DownloadOptions o = options();
  o.time_limit_s = 1;
  const auto start = std::chrono::steady_clock::now();
  Result<DownloadStats> s = download_resumable(nginx_.url("slow/pkg.bin"), dest(), o);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Code::kTemporary) << s.status().message();
  EXPECT_NE(s.status().message().find("time limit of 1 s"), std::string::npos)
      << s.status().message();
  EXPECT_LT(took, std::chrono::seconds(5));
  const std::size_t kept = read_file(dest() + ".part").size();
  EXPECT_GT(kept, 0u);
  EXPECT_LT(kept, body_.size());
}

TEST_F(NginxDownloadTest, WrongHashIsRefusedAndNothingIsKept) {
  DownloadOptions o = options();
  o.expected_sha256 = std::string(64, 'a');
  Result<DownloadStats> s = download_resumable(nginx_.url("pkg.bin"), dest(), o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Code::kBadData);
  EXPECT_EQ(refusal_code_of(s.status()), "hash_mismatch") << s.status().message();
  EXPECT_FALSE(exists(dest()));
  EXPECT_FALSE(exists(dest() + ".part"));
  EXPECT_FALSE(exists(dest() + ".part.state"));
}

TEST_F(NginxDownloadTest, SizeOtherThanExpectedOrPastTheCapIsRefusedBeforeStoring) {
  DownloadOptions o = options();
  o.expected_size = body_.size() - 1;
  Result<DownloadStats> s = download_resumable(nginx_.url("pkg.bin"), dest(), o);
  EXPECT_EQ(refusal_code_of(s.status()), "size_mismatch") << s.status().message();
  EXPECT_FALSE(exists(dest() + ".part"));
  o = options();
  o.max_bytes = 1u << 20;
  s = download_resumable(nginx_.url("pkg.bin"), dest(), o);
  EXPECT_EQ(refusal_code_of(s.status()), "too_large") << s.status().message();
  EXPECT_FALSE(exists(dest() + ".part"));
  EXPECT_FALSE(exists(dest()));
}

TEST_F(NginxDownloadTest, UntrustedCertificateIsAConfigurationError) {
  DownloadOptions o = options();
  o.ca_file.clear();  // the system store does not know the test's certificate
  Result<DownloadStats> s = download_resumable(nginx_.url("pkg.bin"), dest(), o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Code::kConfig) << s.status().message();
  EXPECT_NE(s.status().message().find("not trusted"), std::string::npos) << s.status().message();
}

TEST_F(NginxDownloadTest, MissingFileIsNotFound) {
  Result<DownloadStats> s = download_resumable(nginx_.url("nothing.bin"), dest(), options());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Code::kNotFound) << s.status().message();
}

}  // namespace
}  // namespace shelfnode::ota::testing
