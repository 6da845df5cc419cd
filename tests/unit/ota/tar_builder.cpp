#include "tar_builder.h"

#include <cstdio>
#include <cstring>

namespace shelfnode::ota::testing {
namespace {

void put(std::string& block, std::size_t at, const std::string& text) {
  block.replace(at, text.size(), text);
}

std::string octal(std::uint64_t value, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llo", width, static_cast<unsigned long long>(value));
  return buf;
}

}  // namespace

TarBuilder& TarBuilder::entry(const std::string& name, char type, const std::string& data,
                              const std::string& prefix, const std::string& mode) {
  std::string block(512, '\0');
  put(block, 0, name.substr(0, 100));
  put(block, 100, mode);
  put(block, 108, "0000000");
  put(block, 116, "0000000");
  put(block, 124, octal(data.size(), 11));
  put(block, 136, octal(0, 11));
  block[156] = type;
  put(block, 257, std::string("ustar\0", 6));
  put(block, 263, "00");
  put(block, 345, prefix.substr(0, 155));
  const std::size_t at = bytes_.size();
  bytes_ += block;
  rechecksum(at);
  bytes_ += data;
  bytes_.append((512 - data.size() % 512) % 512, '\0');
  return *this;
}

void TarBuilder::rechecksum(std::size_t offset) {
  std::memset(&bytes_[offset + 148], ' ', 8);
  unsigned sum = 0;
  for (std::size_t i = 0; i < 512; ++i) sum += static_cast<unsigned char>(bytes_[offset + i]);
  const std::string text = octal(sum, 6);
  bytes_.replace(offset + 148, 6, text);
  bytes_[offset + 154] = '\0';
  bytes_[offset + 155] = ' ';
}

TarBuilder& TarBuilder::raw(const std::string& bytes) {
  bytes_ += bytes;
  return *this;
}

TarBuilder& TarBuilder::end() {
  bytes_.append(1024, '\0');
  return *this;
}

}  // namespace shelfnode::ota::testing
