// Logger::redact masks any run of 8 or more characters of a registered secret, in any case,
// and Logger::excerpt redacts before it cuts. Wix API keys are long (a JWT after "IST."), so
// the tests use one of that shape.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>

#include "shelfnode/core/logger.h"

namespace shelfnode {
namespace {

std::string jwt_like_key() {
  const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string key = "IST.";
  unsigned state = 12345;
  for (int i = 0; i < 320; ++i) {
    state = state * 1103515245u + 12345u;
    key += i % 80 == 79 ? '.' : alphabet[(state >> 16) % alphabet.size()];
  }
  return key;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

class Redact : public ::testing::Test {
 protected:
  Redact() : log_(nullptr) { log_.add_secret(key_); }
  const std::string key_ = jwt_like_key();
  Logger log_;
};

TEST_F(Redact, WholeKey) {
  EXPECT_EQ(log_.redact("token " + key_ + " refused"), "token <redacted> refused");
}

TEST_F(Redact, AnyEightCharactersOfTheKeyAnywhereInIt) {
  for (std::size_t at = 0; at + 8 <= key_.size(); at += 37) {
    EXPECT_EQ(log_.redact("a " + key_.substr(at, 8) + " b"), "a <redacted> b") << at;
  }
  EXPECT_EQ(log_.redact("[" + key_.substr(0, 8) + "]"), "[<redacted>]");  // the prefix
  EXPECT_EQ(log_.redact(key_.substr(key_.size() - 8)), "<redacted>");      // the suffix
  EXPECT_EQ(log_.redact("x" + key_.substr(100, 150) + "y"), "x<redacted>y");
}

TEST_F(Redact, SevenCharactersAreLeftAlone) {
  for (std::size_t at = 0; at + 7 <= key_.size(); at += 41) {
    const std::string text = "a " + key_.substr(at, 7) + " b";
    EXPECT_EQ(log_.redact(text), text) << at;
  }
}

TEST_F(Redact, IgnoresCase) {
  EXPECT_EQ(log_.redact("k=" + upper(key_)), "k=<redacted>");
  EXPECT_EQ(log_.redact("k=" + lower(key_)), "k=<redacted>");
  EXPECT_EQ(log_.redact("k=" + lower(key_.substr(50, 9)) + "."), "k=<redacted>.");
}

TEST_F(Redact, TwoCopiesAndOverlappingPieces) {
  EXPECT_EQ(log_.redact(key_ + " and " + lower(key_)), "<redacted> and <redacted>");
  // Two pieces that overlap in the key, written one after the other: one run.
  EXPECT_EQ(log_.redact("<" + key_.substr(10, 20) + key_.substr(20, 20) + ">"), "<<redacted>>");
  // The key written twice without a gap is still masked whole.
  EXPECT_EQ(log_.redact(key_ + key_), "<redacted>");
}

TEST_F(Redact, HtmlBrokenCopyKeepsOnlyPiecesShorterThanEight) {
  const std::string broken =
      key_.substr(0, 30) + "<br>" + key_.substr(30, 5) + "</b>" + key_.substr(35, 60);
  EXPECT_EQ(log_.redact(broken), "<redacted><br>" + key_.substr(30, 5) + "</b><redacted>");
}

TEST_F(Redact, ASecretRegisteredTwiceIsKeptOnce) {
  for (int i = 0; i < 1000; ++i) log_.add_secret(i % 2 == 0 ? key_ : upper(key_));
  std::string text(200000, 'z');
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(log_.redact(text + key_), text + "<redacted>");
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  EXPECT_LT(ms, 1000) << "1000 registrations of one key made redacting take " << ms << " ms";
}

TEST_F(Redact, ShortSecretsAreMaskedWhole) {
  Logger log(nullptr);
  log.add_secret("t0k3n");
  EXPECT_EQ(log.redact("a T0K3N b t0k"), "a <redacted> b t0k");
}

TEST_F(Redact, ExcerptRedactsBeforeItCuts) {
  // The cut falls 3 characters into the key: cut first, those 3 would be shown.
  const std::string body = std::string(117, 'x') + key_ + " tail";
  bool cut = false;
  const std::string e = log_.excerpt(body, 120, &cut);
  EXPECT_TRUE(cut);
  EXPECT_EQ(e, std::string(117, 'x') + "<redacted>");  // the marker is kept whole
  EXPECT_EQ(e.find(key_.substr(0, 3)), std::string::npos) << e;
  // Cut 5 characters into a key that is only partly there: still no prefix on show.
  const std::string half = std::string(115, 'y') + key_.substr(0, 20);
  EXPECT_EQ(log_.excerpt(half, 120), std::string(115, 'y') + "<redacted>");
  // A short text is not cut.
  EXPECT_EQ(log_.excerpt("no key here", 120, &cut), "no key here");
  EXPECT_FALSE(cut);
  // Never inside a UTF-8 character either.
  EXPECT_EQ(log_.excerpt("ab\xC3\xA8", 3, &cut), "ab");
  EXPECT_TRUE(cut);
}

TEST_F(Redact, LinearInTheMessage) {
  // 1 MB of near-misses (7 characters of the key, then a break) with a 324-character key.
  std::string text;
  while (text.size() < 1000000) text += key_.substr(text.size() % 300, 7) + "|";
  const auto start = std::chrono::steady_clock::now();
  const std::string out = log_.redact(text);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  EXPECT_EQ(out, text);
  // About 20 ms optimised and 0.4 s under ASan; O(text × key²) would take minutes.
  EXPECT_LT(ms, 5000) << "redacting 1 MB took " << ms << " ms";
}

}  // namespace
}  // namespace shelfnode
