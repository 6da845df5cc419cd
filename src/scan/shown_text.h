#pragma once

#include <string>
#include <string_view>

namespace shelfnode::scan {

// `text` as it may appear inside an error message: core's printable() (a scan can carry
// anything, and messages end up in terminals and the journal), cut after 64 bytes (on a
// character boundary) with "...".
std::string shown(std::string_view text);

// "'A' (0x41)" for printable ASCII, "0x1D" otherwise: a message must say what was received
// even when it is invisible.
std::string describe_char(char c);

}  // namespace shelfnode::scan
