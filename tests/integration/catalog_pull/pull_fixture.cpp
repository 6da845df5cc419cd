#include "pull_fixture.h"

#include <sys/stat.h>

#include "shelfnode/store/database.h"

namespace shelfnode::pull_test {

std::string describe(const support::RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout:\n" + r.out + "--- stderr:\n" +
         r.err;
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

std::string text_of(const cJSON* node, const char* name) {
  const char* s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(node, name));
  return s != nullptr ? s : "";
}

std::int64_t int_of(const cJSON* node, const char* name) {
  const cJSON* n = cJSON_GetObjectItemCaseSensitive(node, name);
  return cJSON_IsNumber(n) ? static_cast<std::int64_t>(n->valuedouble) : -1;
}

void PullTestBase::SetUp() {
  // Started here rather than in SetUpTestSuite, whose failure CTest would count as a pass.
  std::unique_ptr<support::WixEmulator>& emu = emulator();
  if (emu == nullptr) {
    emu = std::make_unique<support::WixEmulator>();
    const std::string why = emu->start(emulator_flags());
    ASSERT_TRUE(why.empty()) << why;
  }
  ASSERT_EQ(admin("POST", "/_emulator/reset", "{}").status, 200);
  ASSERT_EQ(run({"init"}).exit_code, 0);
}

void PullTestBase::connect(const std::string& site, const std::string& key) {
  const support::WixEmulator& emu = *emulator();
  support::write_file(dir() + "/config.json", "{\"wix\": {\"base_url\": \"" + emu.url() +
                                                  "\", \"site_id\": \"" + site +
                                                  "\", \"ca_file\": \"" + emu.ca_file() +
                                                  "\", \"requests_per_minute\": 200}}\n");
  const std::string key_path = dir() + "/wix-api-key";
  support::write_file(key_path, key + "\n");
  chmod(key_path.c_str(), 0600);
}

support::RunResult PullTestBase::run(const std::vector<std::string>& args) const {
  return support::shelfnode(dir(), args);
}

std::string PullTestBase::ok(const std::vector<std::string>& args) const {
  support::RunResult r = run(args);
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  return r.out;
}

JsonPtr PullTestBase::pull_json(const std::vector<std::string>& extra) const {
  std::vector<std::string> args{"catalog", "pull", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  support::RunResult r = run(args);
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  JsonPtr root = parse_json(r.out);
  EXPECT_TRUE(root) << describe(r);
  return root ? std::move(root) : JsonPtr(cJSON_CreateObject());
}

support::AdminAnswer PullTestBase::admin(const std::string& method, const std::string& path,
                                         const std::string& body) const {
  support::AdminAnswer a = emulator()->admin(method, path, body);
  EXPECT_NE(a.status, 0) << a.body;
  return a;
}

void PullTestBase::inject(const std::string& fault_json) const {
  ASSERT_EQ(admin("POST", "/_emulator/faults", fault_json).status, 200) << fault_json;
}

std::vector<JsonPtr> PullTestBase::requests(const std::string& prefix) const {
  support::AdminAnswer a = admin("GET", "/_emulator/requests?path=" + prefix);
  JsonPtr root = parse_json(a.body);
  EXPECT_TRUE(root) << a.body;
  std::vector<JsonPtr> out;
  const cJSON* r = nullptr;
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(root.get(), "requests")) {
    out.emplace_back(cJSON_Duplicate(r, true));
  }
  return out;
}

void PullTestBase::clear_requests() const {
  ASSERT_EQ(admin("POST", "/_emulator/requests/clear", "{}").status, 200);
}

std::string shipped_fixture(const std::string& name) {
  return support::read_file(support::source_dir() + "/tools/wix-emulator/fixtures/" + name);
}

void PullTestBase::load_fixtures(const std::vector<std::string>& docs) {
  std::string body = "{\"fixtures\": [";
  for (std::size_t i = 0; i < docs.size(); ++i) body += (i == 0 ? "" : ",") + docs[i];
  fixtures_replaced_ = true;
  support::AdminAnswer a = admin("POST", "/_emulator/load", body + "]}");
  ASSERT_EQ(a.status, 200) << a.body;
}

void PullTestBase::TearDown() {
  if (!fixtures_replaced_) return;
  // Back to what the emulator was started with (reset reloads the last loaded documents).
  load_fixtures({shipped_fixture("v1_store.json"), shipped_fixture("v3_store.json"),
                 shipped_fixture("not_installed.json")});
}

std::vector<std::string> PullTestBase::column(const std::string& sql) const {
  std::vector<std::string> out;
  auto db = store::Database::open(dir() + "/shelfnode.db", store::OpenMode::kReadOnly);
  EXPECT_TRUE(db.ok()) << db.status().message();
  if (!db.ok()) return out;
  auto s = (*db)->prepare(sql);
  EXPECT_TRUE(s.ok()) << sql << ": " << s.status().message();
  if (!s.ok()) return out;
  for (;;) {
    auto row = s->step();
    EXPECT_TRUE(row.ok()) << sql;
    if (!row.ok() || !*row) break;
    out.push_back(s->is_null(0) ? "<null>" : s->text_at(0));
  }
  return out;
}

std::int64_t PullTestBase::scalar(const std::string& sql) const {
  std::vector<std::string> rows = column(sql);
  EXPECT_EQ(rows.size(), 1u) << sql;
  return rows.empty() ? -1 : std::stoll(rows[0]);
}

}  // namespace shelfnode::pull_test
