#include "slots_fixture.h"

#include <sys/stat.h>
#include <unistd.h>

#include "ota/sha256.h"

namespace shelfnode::ota::testing {

using shelfnode::testing::read_file;
using shelfnode::testing::write_file;

SlotsFixture::SlotsFixture() {
  root_.dir = tmp_.file("root");
  ::mkdir(root_.dir.c_str(), 0755);
  ::mkdir(root_.slot_dir(kFactorySlot).c_str(), 0755);
  ::mkdir((root_.slot_dir(kFactorySlot) + "/bin").c_str(), 0755);
  write_file(root_.slot_dir(kFactorySlot) + "/bin/shelfnode", "#!/bin/sh\necho factory\n");
  set_factory_version("1.0.0");
  EXPECT_EQ(::symlink(kFactorySlot, root_.current().c_str()), 0);
  make_key("release");
  trust("release");
}

std::string SlotsFixture::bundle(const std::string& version) {
  auto it = bundles_by_version_.find(version);
  if (it != bundles_by_version_.end()) return it->second;
  // The bundle's program says which version it is, so slots differ in content too.
  write_file(tree_dir() + "/bin/shelfnode", "#!/bin/sh\necho shelfnode " + version + "\n");
  const std::string dir = build("release", version);
  bundles_by_version_[version] = dir;
  return dir;
}

Result<InstallReport> SlotsFixture::install(const std::string& version, FsOps& fs) {
  return install_bundle(fs, root_, keys_dir(), clock_, bundle(version));
}

BootCheckReport SlotsFixture::boot(const std::optional<HealthReport>& health, FsOps& fs) {
  return boot_check(fs, root_, clock_, health);
}

OtaState SlotsFixture::state() {
  Result<OtaState> s = read_state(root_);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : OtaState{};
}

std::string SlotsFixture::current() {
  Result<std::string> c = current_slot(root_);
  return c.ok() ? *c : "";
}

void SlotsFixture::set_factory_version(const std::string& version) {
  write_file(root_.slot_dir(kFactorySlot) + "/" + kFactoryVersionFile, version + "\n");
}

HealthReport SlotsFixture::healthy(const std::string& slot, const std::string& version) {
  return HealthReport{slot, version, true, "", clock_.now_ms()};
}

::testing::AssertionResult SlotsFixture::whole(const std::string& slot) {
  const SlotInfo info = inspect_slot(root_, slot);
  if (!info.complete) return ::testing::AssertionFailure() << slot << ": " << info.problem;
  if (slot == kFactorySlot) return ::testing::AssertionSuccess();
  for (const ManifestFile& f : info.manifest->files) {
    const std::string bytes = read_file(root_.slot_dir(slot) + "/" + f.path);
    Sha256Digest digest{};
    if (!sha256_of(bytes, digest).ok() || to_hex(digest) != f.sha256) {
      return ::testing::AssertionFailure() << slot << "/" << f.path << " does not match its hash";
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace shelfnode::ota::testing
