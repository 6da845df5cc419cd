#pragma once

#include <string>
#include <string_view>

#include "scan/gs1_ai_table.h"

namespace shelfnode::scan {

// Why `piece` (one part of an AI value, charset and length already checked) breaks its
// dictionary check, e.g. "month 13 is not 01-12"; empty when it holds. The check digit is
// checked by the caller (its message is shared with bare GTINs).
std::string component_problem(AiComponent::Check check, std::string_view piece);

}  // namespace shelfnode::scan
