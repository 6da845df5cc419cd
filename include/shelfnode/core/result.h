#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "shelfnode/core/status.h"

namespace shelfnode {

// A value or the Status that explains why there is none. Reading value() of a failed
// Result is a programming error (asserted), so callers check ok() first.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok() && "a Result built from a Status must carry an error");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }

  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }

  T& value() & {
    assert(ok());
    return std::get<T>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(v_));
  }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace shelfnode

// Early return of a failed Status from a function that returns Status or Result<T>.
#define SHELFNODE_RETURN_IF_ERROR(expr)          \
  do {                                           \
    ::shelfnode::Status shelfnode_s_ = (expr);   \
    if (!shelfnode_s_.ok()) return shelfnode_s_; \
  } while (0)
