#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "scan/upce.h"
#include "shelfnode/scan/gtin.h"

namespace shelfnode::scan {
namespace {

// Independent reference for UPC-E expansion, written from the field-notes table as string
// templates: letters a..f stand for the body digits d1..d6, '0' is a literal zero. The check
// digit is computed left to right (weights 3,1,3,... over the 11-digit UPC-A body), unlike the
// production code, which works from the right.
constexpr std::array<const char*, 10> kTemplates = {
    "abf0000cde", "abf0000cde", "abf0000cde",                              // d6 = 0, 1, 2
    "abc00000de",                                                          // d6 = 3
    "abcd00000e",                                                          // d6 = 4
    "abcde0000f", "abcde0000f", "abcde0000f", "abcde0000f", "abcde0000f",  // d6 = 5..9
};

// `body` points at the six body digits d1..d6.
std::string reference_upca(char number_system, const char* body) {
  std::string upca(1, number_system);
  for (const char* t = kTemplates[static_cast<std::size_t>(body[5] - '0')]; *t != '\0'; ++t) {
    upca.push_back(*t == '0' ? '0' : body[*t - 'a']);
  }
  int sum = 0;
  for (std::size_t i = 0; i < upca.size(); ++i) sum += (upca[i] - '0') * (i % 2 == 0 ? 3 : 1);
  upca.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
  return upca;
}

TEST(UpcE, KnownVectors) {
  Result<std::string> a = expand_upce("01234565");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(*a, "012345000065");
  Result<std::string> b = expand_upce("04252614");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(*b, "042100005264");
}

TEST(UpcE, WrongCheckDigitNamesTheExpectedOne) {
  Result<std::string> r = expand_upce("01234566");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kBadData);
  EXPECT_NE(r.status().message().find("should be 5, not 6"), std::string::npos)
      << r.status().message();
}

TEST(UpcE, RejectsWrongShapes) {
  for (const char* in : {"", "123456", "0123456", "012345655", "0123456a", "21234565"}) {
    Result<std::string> r = expand_upce(in);
    EXPECT_FALSE(r.ok()) << in;
    EXPECT_EQ(r.status().code(), Code::kBadData) << in;
  }
}

struct SweepResult {
  std::vector<std::string> failures;
  int bodies = 0;
};

// Checks the six-digit bodies [first_body, end_body) under one number system and returns the
// first few failures:
//  - read_upce(), the decision both UPC-E readers share, accepts exactly the reference check
//    digit with the reference expansion, and reports every one of the nine wrong check digits
//    as kWrongCheckDigit naming the right one;
//  - expand_upce() returns the reference expansion, which validates as a UPC-A, and refuses a
//    wrong check digit (a different one for each body, so all nine offsets are covered 2 x
//    111,111 times; calling it for all nine would build 18 million error messages).
SweepResult sweep(char number_system, int first_body, int end_body) {
  SweepResult result;
  std::vector<std::string>& failures = result.failures;
  auto fail = [&failures](std::string what) {
    if (failures.size() < 10) failures.push_back(std::move(what));
  };
  char upce[9] = {};
  std::snprintf(upce, sizeof upce, "%c%06d0", number_system, first_body);
  for (int n = first_body; n < end_body; ++n) {
    if (n > first_body) {  // odometer increment of the body upce[1..6]
      int pos = 6;
      while (upce[pos] == '9') upce[pos--] = '0';
      ++upce[pos];
    }
    const std::string expected = reference_upca(number_system, upce + 1);
    const int right = expected.back() - '0';
    for (int check = 0; check <= 9; ++check) {
      upce[7] = static_cast<char>('0' + check);
      const UpceReading r = read_upce(upce);
      const auto want =
          check == right ? UpceReading::Verdict::kValid : UpceReading::Verdict::kWrongCheckDigit;
      if (r.verdict != want || r.upca_text() != expected || r.expected_check_digit != right) {
        fail(std::string("read_upce ") + upce + " -> " + std::string(r.upca_text()));
      }
    }
    upce[7] = expected.back();
    Result<std::string> got = expand_upce(upce);
    if (!got.ok() || *got != expected || !normalise_gtin(*got).ok()) {
      fail(std::string(upce) + " -> " + (got.ok() ? *got : got.status().message()));
    }
    upce[7] = static_cast<char>('0' + (right + 1 + n % 9) % 10);
    if (expand_upce(upce).ok()) fail(std::string("accepted ") + upce);
    ++result.bodies;
  }
  return result;
}

// 2 x 1,000,000 bodies x 10 check digits, split over the machine's cores to keep the test
// quick in unoptimised and sanitizer builds.
TEST(UpcE, ExhaustiveAgainstReference) {
  const auto start = std::chrono::steady_clock::now();
  const int slices = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 2u, 16u));
  std::vector<SweepResult> results(static_cast<std::size_t>(slices));
  std::vector<std::thread> workers;
  for (int i = 0; i < slices; ++i) {
    // Slice i takes number system i % 2 and the (i / 2)-th contiguous block of its bodies; the
    // last block of each system runs to the end, so every body is swept exactly once.
    workers.emplace_back([i, slices, &results] {
      const int per_system = (slices + 1 - i % 2) / 2;
      const int index = i / 2;
      const int first = 1000000 / per_system * index;
      const int end = index + 1 == per_system ? 1000000 : 1000000 / per_system * (index + 1);
      results[static_cast<std::size_t>(i)] = sweep(i % 2 == 0 ? '0' : '1', first, end);
    });
  }
  for (std::thread& worker : workers) worker.join();
  int bodies = 0;
  for (const SweepResult& slice : results) {
    for (const std::string& f : slice.failures) ADD_FAILURE() << f;
    bodies += slice.bodies;
  }
  EXPECT_EQ(bodies, 2000000);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  RecordProperty("elapsed_ms", static_cast<int>(ms));
  std::printf("[ timing   ] 2,000,000 UPC-E bodies x 10 check digits on %d threads in %lld ms\n",
              slices, static_cast<long long>(ms));
}

TEST(UpcE, NumberSystemsTwoToNineHaveNoExpansion) {
  char upce[9] = {};
  for (char number_system = '2'; number_system <= '9'; ++number_system) {
    for (int n = 0; n < 1000000; n += 97) {
      for (char check = '0'; check <= '9'; ++check) {
        std::snprintf(upce, sizeof upce, "%c%06d%c", number_system, n, check);
        ASSERT_EQ(read_upce(upce).verdict, UpceReading::Verdict::kNotUpce) << upce;
      }
      ASSERT_FALSE(expand_upce(upce).ok()) << upce;
    }
  }
}

}  // namespace
}  // namespace shelfnode::scan
