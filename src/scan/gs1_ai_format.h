#pragma once

#include <string_view>

#include "scan/gs1_ai_table.h"

namespace shelfnode::scan {

// Reads a value format written in the Syntax Dictionary's notation into `def`: parts separated
// by spaces, each "N18", "X..20" or "[N6]" (optional), followed by ",check" names, e.g.
// "N13,csum [X..17]". Writing the table in that notation lets a reader hold each row against
// the published dictionary. Returns false on a format this reader does not know (a table bug,
// caught by the test over every row).
bool read_ai_format(std::string_view format, AiDefinition& def);

}  // namespace shelfnode::scan
