// manifest.json text through parse_manifest (it runs only after the signature verifies, but a
// release key's holder is not trusted to write a well-formed manifest either), and the first
// line of the input through parse_semver. Invariants: a refusal is manifest_malformed or
// path_unsafe with a message; an accepted manifest has at least one file, distinct plain
// paths, 64-hex hashes, and versions that print and parse back to equal precedence; semver
// precedence is antisymmetric and a version equals itself.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_check.h"
#include "shelfnode/ota/manifest.h"
#include "shelfnode/ota/refusal.h"

namespace shelfnode::fuzz {
namespace {

void check_round_trip(const ota::Semver& v) {
  Result<ota::Semver> again = ota::parse_semver(v.to_string());
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(ota::compare_precedence(v, *again) == 0);
  FUZZ_CHECK(again->build == v.build);
}

void check_semver(std::string_view text) {
  const std::size_t cut = text.find('\n');
  Result<ota::Semver> a = ota::parse_semver(text.substr(0, cut));
  if (!a.ok()) {
    FUZZ_CHECK(a.status().code() == Code::kBadData);
    return;
  }
  check_round_trip(*a);
  FUZZ_CHECK(ota::compare_precedence(*a, *a) == 0);
  if (cut == std::string_view::npos) return;
  const std::string_view rest = text.substr(cut + 1);
  Result<ota::Semver> b = ota::parse_semver(rest.substr(0, rest.find('\n')));
  if (!b.ok()) return;
  FUZZ_CHECK(ota::compare_precedence(*a, *b) == -ota::compare_precedence(*b, *a));
}

void check_manifest(std::string_view text) {
  Result<ota::Manifest> m = ota::parse_manifest(text);
  if (!m.ok()) {
    const std::string code = ota::refusal_code_of(m.status());
    FUZZ_CHECK(code == "manifest_malformed" || code == "path_unsafe");
    FUZZ_CHECK_MESSAGE(m.status());
    return;
  }
  FUZZ_CHECK(!m->name.empty());
  FUZZ_CHECK(!m->files.empty());
  check_round_trip(m->version);
  if (m->min_version) check_round_trip(*m->min_version);
  std::set<std::string> paths;
  for (const ota::ManifestFile& f : m->files) {
    FUZZ_CHECK(ota::check_bundle_path(f.path).ok());
    FUZZ_CHECK(paths.insert(f.path).second);
    FUZZ_CHECK(f.sha256.size() == 64);
  }
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = shelfnode::fuzz::as_text(data, size);
  shelfnode::fuzz::check_manifest(text);
  shelfnode::fuzz::check_semver(text);
  return 0;
}
