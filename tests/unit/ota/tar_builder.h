#pragma once

#include <cstdint>
#include <string>

namespace shelfnode::ota::testing {

// Hand-made ustar archives, for what no tar tool writes (a "..", a duplicate, a bad number):
// each header as POSIX lays it out, checksum computed, so only what a test breaks is broken.
class TarBuilder {
 public:
  // One header; `type` '0' file, '5' folder, '2' symlink, ... `size` defaults to data's.
  TarBuilder& entry(const std::string& name, char type, const std::string& data = "",
                    const std::string& prefix = "", const std::string& mode = "0000644");
  TarBuilder& file(const std::string& name, const std::string& data) {
    return entry(name, '0', data);
  }
  TarBuilder& folder(const std::string& name) { return entry(name, '5'); }
  // Raw bytes appended as they are (a broken header, trailing data).
  TarBuilder& raw(const std::string& bytes);
  // The two zero blocks of the end marker.
  TarBuilder& end();
  // The header of the last entry, to change a field and re-checksum (or not).
  std::string& bytes() { return bytes_; }
  // Recomputes the checksum of the header at `offset`.
  void rechecksum(std::size_t offset);

 private:
  std::string bytes_;
};

}  // namespace shelfnode::ota::testing
