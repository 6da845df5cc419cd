#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace shelfnode::cli {

// Columns a printable() text takes: one per character (wide CJK characters would take two;
// a table is then a little off, never broken).
std::size_t columns(std::string_view text);

// `text` in exactly `width` columns: padded, or cut on a character boundary with "…" as its
// last column so a clerk sees the name goes on.
std::string fit(std::string_view text, std::size_t width);

}  // namespace shelfnode::cli
