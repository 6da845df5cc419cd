#pragma once

#include <string>

namespace shelfnode {

// Reads the whole of a file with open(2)/read(2). Not iostreams: an ifstream brings the C++
// runtime's locale and stream machinery (about 750 KB) into the binary.
// Returns 0 with the content in `text`, or the errno of the open or read that failed (ENOENT:
// there is no such file), with `text` empty. Works for /proc files, whose size reads as 0.
[[nodiscard]] int read_whole_file(const std::string& path, std::string& text);

}  // namespace shelfnode
