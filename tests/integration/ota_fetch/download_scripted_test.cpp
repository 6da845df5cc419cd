// download_resumable against answers no honest static server gives, from a scripted server on
// 127.0.0.1: a 206 from another offset, for another size or with another ETag is never
// spliced; a 416 starts over; every request carries at most one Range and the caller's
// headers; a token never reaches a message; failures land in the right exit category.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "ota/sha256.h"
#include "scripted_server.h"
#include "shelfnode/ota/download.h"
#include "shelfnode/ota/refusal.h"
#include "support/process.h"

namespace shelfnode::ota::testing {
namespace {

using shelfnode::testing::read_file;
using shelfnode::testing::TempDir;

const std::string kBody = [] {
  std::string s(1000, '\0');
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<char>('a' + i % 26);
  return s;
}();
constexpr const char* kToken = "TargetToken 5ecret-t0ken-for-test";

// The first answer: a 200 cut after its headers and 400 body bytes.
ScriptedReply cut_200() {
  ScriptedReply r = reply_200(kBody);
  r.cut_after = r.bytes.size() - kBody.size() + 400;
  return r;
}

class ScriptedDownloadTest : public ::testing::Test {
 protected:
  DownloadOptions options() const {
    DownloadOptions o;
    o.retry_delay_ms = 0;
    o.max_attempts_without_progress = 3;
    o.headers = {{"Authorization", kToken}};
    return o;
  }
  std::string dest() const { return tmp_.file("file.bin"); }
  bool exists(const std::string& path) const {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0;
  }
  // Every request: the token, and no more than one Range.
  void expect_headers_each(const ScriptedServer& server) {
    for (const std::string& r : server.requests()) {
      EXPECT_EQ(header_of(r, "Authorization"), kToken) << r;
      EXPECT_LE(count_headers(r, "Range"), 1) << r;
      EXPECT_LE(count_headers(r, "If-Range"), 1) << r;
      EXPECT_EQ(count_headers(r, "Accept-Encoding"), 0) << r;
    }
  }

  TempDir tmp_;
};

TEST_F(ScriptedDownloadTest, CutThenMatching206IsAppended) {
  ScriptedServer server([](int i, const std::string&) {
    return i == 0 ? cut_200() : reply_206(kBody.substr(400), 400, kBody.size());
  });
  Result<DownloadStats> s = download_resumable(server.url("f"), dest(), options());
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(read_file(dest()), kBody);
  EXPECT_EQ(s->requests, 2);
  EXPECT_EQ(s->restarts, 0);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(count_headers(requests[0], "Range"), 0);
  EXPECT_EQ(header_of(requests[1], "Range"), "bytes=400-");
  EXPECT_EQ(header_of(requests[1], "If-Range"), "\"v1\"");
  expect_headers_each(server);
}

TEST_F(ScriptedDownloadTest, A206FromAnotherOffsetIsNotSpliced) {
  ScriptedServer server([](int i, const std::string&) {
    if (i == 0) return cut_200();
    if (i == 1) return reply_206(kBody.substr(0), 0, kBody.size());  // asked from 400
    return reply_200(kBody);
  });
  Result<DownloadStats> s = download_resumable(server.url("f"), dest(), options());
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(read_file(dest()), kBody);
  EXPECT_EQ(s->restarts, 1);
  EXPECT_EQ(s->requests, 3);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(count_headers(requests[2], "Range"), 0);  // started over from the first byte
  expect_headers_each(server);
}

TEST_F(ScriptedDownloadTest, A206ForAnotherSizeOrWithAnotherEtagIsNotSpliced) {
  for (int variant = 0; variant < 3; ++variant) {
    SCOPED_TRACE(variant);
    (void)::unlink(dest().c_str());
    ScriptedServer server([variant](int i, const std::string&) {
      if (i == 0) return cut_200();
      if (i == 1) {
        if (variant == 0) return reply_206(kBody.substr(400) + "xx", 400, kBody.size() + 2);
        if (variant == 1) return reply_206(kBody.substr(400), 400, kBody.size(), "\"v2\"");
        ScriptedReply r = reply_206(kBody.substr(400), 400, kBody.size());
        const std::size_t at = r.bytes.find("Content-Range: ");
        r.bytes.replace(at, r.bytes.find("\r\n", at) - at, "Content-Range: bytes 400-999/*");
        return r;
      }
      return reply_200(kBody);
    });
    Result<DownloadStats> s = download_resumable(server.url("f"), dest(), options());
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_EQ(read_file(dest()), kBody);
    EXPECT_EQ(s->restarts, 1);
    EXPECT_EQ(s->bytes_received, 400 + kBody.size());
  }
}

TEST_F(ScriptedDownloadTest, A416StartsOver) {
  ScriptedServer server([](int i, const std::string&) {
    if (i == 0) return cut_200();
    if (i == 1) return reply_status(416, "Content-Range: bytes */300\r\n");
    return reply_200(kBody.substr(0, 300));
  });
  Result<DownloadStats> s = download_resumable(server.url("f"), dest(), options());
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(read_file(dest()), kBody.substr(0, 300));
  EXPECT_EQ(s->restarts, 1);
}

TEST_F(ScriptedDownloadTest, ServerErrorsAreTemporaryAndKeepThePartial) {
  ScriptedServer server([](int i, const std::string&) {
    return i == 0 ? cut_200() : reply_status(503, "Retry-After: 1\r\n");
  });
  Result<DownloadStats> s = download_resumable(server.url("f?sig=s3cr3t"), dest(), options());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Code::kTemporary);
  EXPECT_EQ(s.status().exit_code(), 75);
  EXPECT_NE(s.status().message().find("400 bytes are kept"), std::string::npos)
      << s.status().message();
  EXPECT_NE(s.status().message().find("run again to resume"), std::string::npos);
  EXPECT_EQ(s.status().message().find("s3cr3t"), std::string::npos) << s.status().message();
  EXPECT_EQ(s.status().message().find("5ecret"), std::string::npos) << s.status().message();
  EXPECT_EQ(server.requests().size(), 4u);  // the cut one, then three without progress
  EXPECT_EQ(read_file(dest() + ".part"), kBody.substr(0, 400));
  EXPECT_EQ(read_file(dest() + ".part.state").find("s3cr3t"), std::string::npos);
  EXPECT_EQ(read_file(dest() + ".part.state").find("5ecret"), std::string::npos);
}

TEST_F(ScriptedDownloadTest, StatusesMapToTheirExitCategories) {
  const std::pair<int, Code> cases[] = {{401, Code::kPermission},
                                        {403, Code::kPermission},
                                        {404, Code::kNotFound},
                                        {410, Code::kNotFound},
                                        {400, Code::kUnavailable}};
  for (const auto& [status, code] : cases) {
    SCOPED_TRACE(status);
    const int st = status;
    ScriptedServer server([st](int, const std::string&) { return reply_status(st); });
    Result<DownloadStats> s = download_resumable(server.url("f"), dest(), options());
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), code) << s.status().message();
    EXPECT_EQ(server.requests().size(), 1u);  // not retried
    EXPECT_EQ(s.status().message().find("5ecret"), std::string::npos);
  }
}

TEST_F(ScriptedDownloadTest, NothingListeningIsTemporary) {
  std::string url;
  {
    ScriptedServer gone([](int, const std::string&) { return reply_200(""); });
    url = gone.url("f");
  }
  Result<DownloadStats> s = download_resumable(url, dest(), options());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Code::kTemporary) << s.status().message();
}

TEST_F(ScriptedDownloadTest, BodyLongerThanExpectedIsRefusedAndDeleted) {
  // No Content-Length, so only the bytes themselves show it: the cap stops them.
  ScriptedServer server([](int, const std::string&) {
    return ScriptedReply{"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + kBody + kBody};
  });
  DownloadOptions o = options();
  o.expected_size = kBody.size();
  Result<DownloadStats> s = download_resumable(server.url("f"), dest(), o);
  EXPECT_EQ(refusal_code_of(s.status()), "size_mismatch") << s.status().message();
  EXPECT_FALSE(exists(dest() + ".part"));
  EXPECT_FALSE(exists(dest()));
  o = options();
  o.max_bytes = 1500;
  s = download_resumable(server.url("f"), dest(), o);
  EXPECT_EQ(refusal_code_of(s.status()), "too_large") << s.status().message();
  EXPECT_FALSE(exists(dest() + ".part"));
}

TEST_F(ScriptedDownloadTest, A200WithoutLengthEndsWithTheConnection) {
  ScriptedServer server([](int, const std::string&) {
    return ScriptedReply{"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + kBody};
  });
  Result<DownloadStats> s = download_resumable(server.url("f"), dest(), options());
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->size, kBody.size());
  EXPECT_EQ(read_file(dest()), kBody);
}

TEST_F(ScriptedDownloadTest, StateForAnotherUrlStartsOver) {
  ScriptedServer server(
      [](int i, const std::string&) { return i == 0 ? cut_200() : reply_200(kBody); });
  DownloadOptions o = options();
  o.max_requests = 1;
  ASSERT_FALSE(download_resumable(server.url("old"), dest(), o).ok());
  Result<DownloadStats> s = download_resumable(server.url("new"), dest(), options());
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->resumed_from, 0u);
  EXPECT_EQ(count_headers(server.requests()[1], "Range"), 0);
}

TEST_F(ScriptedDownloadTest, SecondDownloadIntoTheSameDestinationIsTurnedAway) {
  // The progress callback runs inside the first download, with DEST.part open and locked.
  ScriptedServer server([](int, const std::string&) { return reply_200(kBody); });
  DownloadOptions o = options();
  Status inner = Status::Ok();
  bool asked = false;
  o.progress = [&](std::uint64_t, std::optional<std::uint64_t>) {
    if (asked) return;
    asked = true;
    Result<DownloadStats> second = download_resumable(server.url("f"), dest(), options());
    inner = second.ok() ? Status::Ok() : second.status();
  };
  Result<DownloadStats> s = download_resumable(server.url("f"), dest(), o);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(inner.code(), Code::kConflict) << inner.message();
  EXPECT_EQ(read_file(dest()), kBody);
}

TEST_F(ScriptedDownloadTest, CallerHeadersCannotAddARangeOrALine) {
  ScriptedServer server([](int, const std::string&) { return reply_200(kBody); });
  for (const auto& header : std::vector<std::pair<std::string, std::string>>{
           {"range", "bytes=0-"},
           {"If-Range", "x"},
           {"Authorization", std::string(kToken) + "\r\nRange: bytes=5-"},
           {"Bad:Name", "x"}}) {
    SCOPED_TRACE(header.first);
    DownloadOptions o = options();
    o.headers.push_back(header);
    Result<DownloadStats> s = download_resumable(server.url("f"), dest(), o);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), Code::kConfig);
    EXPECT_EQ(s.status().message().find("5ecret"), std::string::npos) << s.status().message();
  }
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(ScriptedDownloadTest, RefusesPlainHttpBeyondThisMachine) {
  Result<DownloadStats> s = download_resumable("http://example.com/f", dest(), options());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Code::kConfig);
  EXPECT_NE(s.status().message().find("only https://"), std::string::npos) << s.status().message();
}

}  // namespace
}  // namespace shelfnode::ota::testing
