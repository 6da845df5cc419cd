#pragma once

#include <string>

namespace shelfnode {

// `given` made absolute against the working directory and normalised lexically (no file
// system access), as std::filesystem::absolute(given).lexically_normal() would: repeated
// slashes, "." and "dir/.." removed; a trailing slash kept, and added after a final "." or
// "..". Not std::filesystem: it brings the C++ runtime's stream and locale machinery into the
// binary. Returns "" for an empty `given` or when the working directory cannot be read.
std::string absolute_normal_path(const std::string& given);

}  // namespace shelfnode
