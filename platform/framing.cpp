#include "shelfnode/platform/framing.h"

namespace shelfnode::platform {

std::string_view suffix_name(Suffix suffix) {
  switch (suffix) {
    case Suffix::kEnter:
      return "enter";
    case Suffix::kTab:
      return "tab";
    case Suffix::kNone:
      return "none";
  }
  return "?";
}

}  // namespace shelfnode::platform
