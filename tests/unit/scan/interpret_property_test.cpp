#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "scan/gs1_ai_table.h"
#include "scan_test_parts.h"
#include "shelfnode/scan/scan_code.h"

// Property tests: whatever bytes arrive, interpret() must not crash, and a successful result
// must be internally consistent. Inputs are random bytes, random strings over the characters
// the parsers care about, and mutations of valid scans (which reach deep into the parsers).
// The generator is seeded, so a failure reproduces.

namespace shelfnode::scan {
namespace {

bool valid_gtin14(const std::string& s) {
  if (s.size() != 14) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 14; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    sum += (s[i] - '0') * (i % 2 == 0 ? 3 : 1);  // 14 digits: weights 3,1,...,3,1 from the left
  }
  return sum % 10 == 0;
}

std::string bracketed(const std::vector<Gs1Element>& elements) {
  std::string out;
  for (const Gs1Element& e : elements) {
    out += "(" + e.ai + ")";
    for (char c : e.value) out += c == '(' ? std::string("\\(") : std::string(1, c);
  }
  return out;
}

std::string raw(const std::vector<Gs1Element>& elements) {
  std::string out = "]d2";
  for (std::size_t i = 0; i < elements.size(); ++i) {
    out += elements[i].ai + elements[i].value;
    const bool last = i + 1 == elements.size();
    if (!last && !find_ai(elements[i].ai)->predefined_length) out += '\x1D';
  }
  return out;
}

void check_consistent(const std::string& input, const Result<ScanCode>& r, int depth = 0) {
  if (!r.ok()) {
    EXPECT_EQ(r.status().code(), Code::kBadData) << input;
    EXPECT_FALSE(r.status().message().empty()) << input;
    return;
  }
  const ScanCode& c = *r;
  ASSERT_FALSE(c.text.empty()) << input;
  EXPECT_GE(c.quantity, 1) << input;
  for (const std::string& gtin : c.gtin14_candidates) EXPECT_TRUE(valid_gtin14(gtin)) << input;
  switch (c.kind) {
    case ScanCode::Kind::kPlain:
      EXPECT_TRUE(c.gtin14_candidates.empty()) << input;
      EXPECT_TRUE(c.elements.empty()) << input;
      EXPECT_EQ(c.quantity, 1) << input;
      for (char ch : c.text) {
        const auto byte = static_cast<unsigned char>(ch);
        EXPECT_TRUE(byte >= 0x20 && byte != 0x7F) << input;
      }
      break;
    case ScanCode::Kind::kGtin:
      EXPECT_GE(c.gtin14_candidates.size(), 1u) << input;
      EXPECT_LE(c.gtin14_candidates.size(), 2u) << input;
      EXPECT_TRUE(c.elements.empty()) << input;
      EXPECT_TRUE(c.gtin_problem.empty()) << input;
      break;
    case ScanCode::Kind::kGs1: {
      ASSERT_FALSE(c.elements.empty()) << input;
      EXPECT_LE(c.gtin14_candidates.size(), 1u) << input;
      EXPECT_EQ(c.gtin14_candidates.empty(), !c.gtin_problem.empty()) << input;
      if (depth > 0) break;
      // The same elements written in the two other forms must mean the same thing.
      for (const std::string& again : {bracketed(c.elements), raw(c.elements)}) {
        Result<ScanCode> r2 = interpret(again);
        ASSERT_TRUE(r2.ok()) << input << " -> " << again << ": " << r2.status().message();
        EXPECT_EQ(r2->gtin14_candidates, c.gtin14_candidates) << again;
        EXPECT_EQ(r2->quantity, c.quantity) << again;
        ASSERT_EQ(r2->elements.size(), c.elements.size()) << again;
        for (std::size_t i = 0; i < c.elements.size(); ++i) {
          EXPECT_EQ(r2->elements[i].ai, c.elements[i].ai) << again;
          EXPECT_EQ(r2->elements[i].value, c.elements[i].value) << again;
        }
        check_consistent(again, r2, depth + 1);
      }
      break;
    }
  }
  const std::string space = " \t\r\n\v\f";
  EXPECT_EQ(space.find(c.text.front()), std::string::npos) << input;
  EXPECT_EQ(space.find(c.text.back()), std::string::npos) << input;
}

class InterpretProperty : public ::testing::Test {
 protected:
  std::mt19937 rng_{0x5CA11ED};
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
};

TEST_F(InterpretProperty, RandomBytes) {
  for (int round = 0; round < 50000; ++round) {
    std::string input(static_cast<std::size_t>(pick(40)), '\0');
    for (char& ch : input) ch = static_cast<char>(pick(256));
    check_consistent(input, interpret(input));
    if (HasFatalFailure()) return;
  }
}

TEST_F(InterpretProperty, RandomStringsOverInterestingCharacters) {
  const std::string alphabet = "0123456789()]CdQeE1234\x1D/%?=&.:hstpgin AZaz#\r\n\\";
  const std::vector<std::string> openers = {
      "", "]C1", "]E0", "]E4", "]E3", "]Q1", "(01)", "https://x.example/01/", "\x1D", "]e00"};
  for (int round = 0; round < 50000; ++round) {
    std::string input = openers[static_cast<std::size_t>(pick(static_cast<int>(openers.size())))];
    for (int n = pick(36); n > 0; --n)
      input += alphabet[static_cast<std::size_t>(pick(static_cast<int>(alphabet.size())))];
    check_consistent(input, interpret(input));
    if (HasFatalFailure()) return;
  }
}

TEST_F(InterpretProperty, MutatedValidScans) {
  const std::vector<std::string> seeds = {
      "4006381333931",
      "96385074",
      "01234565",
      "12345670",
      "]E04006381333931",
      join({"]C1", "0109506000134352", "10ABC123", kGs, "17261231"}),
      join({"]d2", "00106141411234567897", "0210614141000415", "3748"}),
      "(01)09506000134352(10)A\\(B(17)260200(3103)001250(30)7",
      "https://example.com/p/01/09506000134352/10/AB%2FC/21/x?17=261231&3203=000100&k=v",
      join({"]C1", "0109506000134352", "3102001250", "21SERIAL", kGs, "15240229"})};
  const std::string alphabet = "0123456789()\x1D/%A";
  int outcomes[4] = {};  // kPlain, kGtin, kGs1, error
  for (int round = 0; round < 50000; ++round) {
    std::string input = seeds[static_cast<std::size_t>(pick(static_cast<int>(seeds.size())))];
    for (int edits = 1 + pick(3); edits > 0 && !input.empty(); --edits) {
      const auto at = static_cast<std::size_t>(pick(static_cast<int>(input.size())));
      const char ch =
          pick(4) == 0
              ? static_cast<char>(pick(256))
              : alphabet[static_cast<std::size_t>(pick(static_cast<int>(alphabet.size())))];
      switch (pick(3)) {
        case 0:
          input[at] = ch;
          break;
        case 1:
          input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), ch);
          break;
        default:
          input.erase(at, 1);
          break;
      }
    }
    const Result<ScanCode> result = interpret(input);
    ++(result.ok() ? outcomes[static_cast<int>(result->kind)] : outcomes[3]);
    check_consistent(input, result);
    if (HasFatalFailure()) return;
  }
  // Guard against a vacuous test: each outcome must really have been exercised.
  for (int i = 0; i < 4; ++i) EXPECT_GT(outcomes[i], 200) << "outcome " << i;
  std::printf("[ outcomes ] plain %d, gtin %d, gs1 %d, error %d\n", outcomes[0], outcomes[1],
              outcomes[2], outcomes[3]);
}

}  // namespace
}  // namespace shelfnode::scan
