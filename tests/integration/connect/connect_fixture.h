#pragma once

// Shared set-up for the `connect` and `wix call` tests: the real binary against one emulator
// per test binary (HTTPS, test CA), reset before every test. Every command a test runs goes
// through run(), which keeps its output; TearDown then proves that no API key used by the
// test appears in any of it, nor in any file of the data dir except the key file itself.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "shelfnode/core/json.h"
#include "shelfnode/store/database.h"
#include "support/process.h"
#include "support/wix_emulator.h"

namespace shelfnode::connect_test {

namespace support = shelfnode::testing;

inline constexpr const char* kV1Site = support::kV1Site;
inline constexpr const char* kV3Site = support::kV3Site;
inline constexpr const char* kV1Key = support::kV1Key;
inline constexpr const char* kV3Key = support::kV3Key;

inline std::string describe(const support::RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout:\n" + r.out + "--- stderr:\n" +
         r.err;
}

inline bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

class ConnectTest : public ::testing::Test {
 public:
  static void TearDownTestSuite() { emulator_.reset(); }

 protected:
  void SetUp() override {
    // Started here rather than in SetUpTestSuite, whose failure CTest would count as a pass.
    if (emulator_ == nullptr) {
      emulator_ = std::make_unique<support::WixEmulator>();
      const std::string why = emulator_->start();
      ASSERT_TRUE(why.empty()) << why;
    }
    ASSERT_EQ(emulator_->admin("POST", "/_emulator/reset", "{}").status, 200);
    ASSERT_EQ(run({"init"}).exit_code, 0);
  }

  void TearDown() override {
    for (const std::string& key : keys_) {
      for (const std::string& output : outputs_) {
        EXPECT_FALSE(contains(output, key)) << "the API key " << key << " was shown:\n" << output;
      }
      for (const auto& entry : std::filesystem::directory_iterator(dir())) {
        if (entry.path().filename() == "wix-api-key" || !entry.is_regular_file()) continue;
        EXPECT_FALSE(contains(support::read_file(entry.path().string()), key))
            << "the API key " << key << " is in " << entry.path();
      }
    }
  }

  const std::string& dir() const { return data_.path(); }
  const support::WixEmulator& emulator() const { return *emulator_; }
  const std::string& url() const { return emulator_->url(); }
  const std::string& ca_file() const { return emulator_->ca_file(); }

  // Runs `shelfnode --data-dir DIR args...` (or against `data_dir`), keeping its output.
  support::RunResult run(const std::vector<std::string>& args, const std::string& data_dir = "") {
    support::RunResult r = support::shelfnode(data_dir.empty() ? dir() : data_dir, args);
    outputs_.push_back(r.out);
    outputs_.push_back(r.err);
    return r;
  }

  // A key file outside the data dir, as the owner would make it.
  std::string key_file(const std::string& key, mode_t mode = 0600) {
    keys_.push_back(key);
    const std::string path = files_.file("key-" + std::to_string(keys_.size()));
    support::write_file(path, key + "\n");
    chmod(path.c_str(), mode);
    return path;
  }

  // `connect` to the emulator with a trusted CA, plus `extra` flags.
  support::RunResult connect(const std::string& site, const std::string& key,
                             std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"connect",     "--site-id",  site,  "--api-key-file",
                                  key_file(key), "--base-url", url(), "--ca-file",
                                  ca_file()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }

  support::AdminAnswer admin(const std::string& method, const std::string& path,
                             const std::string& body = "") {
    support::AdminAnswer a = emulator_->admin(method, path, body);
    EXPECT_NE(a.status, 0) << a.body;
    return a;
  }

  // The emulator's request log (admin calls are never in it).
  JsonPtr requests() { return parse_json(admin("GET", "/_emulator/requests").body); }
  int request_count() {
    JsonPtr log = requests();
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(log.get(), "requests"));
  }

  // One meta value from the database, read-only ("" when absent).
  std::string meta(const std::string& key) {
    return scalar("SELECT coalesce((SELECT value FROM meta WHERE key = '" + key + "'), '')");
  }
  std::int64_t count(const std::string& sql) { return std::stoll(scalar(sql)); }

  std::string scalar(const std::string& sql) {
    auto db = store::Database::open(dir() + "/shelfnode.db", store::OpenMode::kReadOnly);
    if (!db.ok()) {
      ADD_FAILURE() << db.status().message();
      return "";
    }
    auto s = (*db)->prepare(sql);
    if (!s.ok()) {
      ADD_FAILURE() << s.status().message();
      return "";
    }
    auto row = s->step();
    if (!row.ok() || !*row) {
      ADD_FAILURE() << "no row for " << sql;
      return "";
    }
    return s->text_at(0);
  }

  bool exists(const std::string& name) const {
    struct stat st {};
    return stat((dir() + "/" + name).c_str(), &st) == 0;
  }

  std::vector<std::string> keys_;  // every key a test wrote to a file

 private:
  static std::unique_ptr<support::WixEmulator> emulator_;
  support::TempDir data_;
  support::TempDir files_;  // key files, outside the data dir
  std::vector<std::string> outputs_;
};

inline std::unique_ptr<support::WixEmulator> ConnectTest::emulator_;

}  // namespace shelfnode::connect_test
