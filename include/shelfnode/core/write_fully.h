#pragma once

#include <cstddef>

namespace shelfnode {

// Writes all `size` bytes of `data` to `fd`, going on after a short write and after EINTR.
// Returns false when a write fails, with errno saying why (EIO for a write that wrote
// nothing without an error), so the caller can name the file in its own message.
[[nodiscard]] bool write_fully(int fd, const void* data, std::size_t size);

}  // namespace shelfnode
