#pragma once

#include <string>
#include <string_view>

namespace shelfnode {

// `text` as it may be put on a clerk's terminal, in a scan reply or in one log line: every
// C0 control character (including TAB, CR and LF), DEL, every C1 control (U+0080–U+009F, the
// bytes of its UTF-8 form) and every byte that is not part of well-formed UTF-8 becomes
// `\xNN` (upper-case hex). Valid UTF-8 is kept as it is ("Crème brûlée"), and so is '\': the
// result only ever contains printable text, so printable(printable(x)) == printable(x) and
// an escaped message can be escaped again on its way out without growing.
// This is the one function for it: scan replies, CLI output, Wix error excerpts, config
// errors and the logger all use it.
std::string printable(std::string_view text);

// As printable(), but LF stays a line break: for text that is meant to be several lines (a
// list of bad CSV rows, an HTML body shown by `wix call`). CR is still escaped, so a line
// can never overwrite the one before it.
std::string printable_lines(std::string_view text);

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or bytes past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// The longest head of `text` of at most `max_bytes` that does not end inside a UTF-8
// character (a cut never makes invalid UTF-8 out of valid text).
std::string_view utf8_head(std::string_view text, std::size_t max_bytes);

}  // namespace shelfnode
