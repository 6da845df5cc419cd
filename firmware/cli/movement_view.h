#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "shelfnode/core/json.h"
#include "shelfnode/ledger/history.h"

namespace shelfnode::cli {

// How `history` and `export movements` show one ledger row.

// The row as a JSON object (UTC times as stored; the caller owns the result).
cJSON* movement_json(const ledger::StoredMovement& m);

// The CSV header and one row (RFC 4180 quoting; text from outside that a spreadsheet would
// run as a formula is prefixed with ').
extern const char* const kMovementCsvHeader;
std::string movement_csv(const ledger::StoredMovement& m);

// One CSV field: quoted when it holds a comma, quote or line break; a text that starts with
// = + - @ TAB or CR gets a leading ' so a spreadsheet shows it instead of evaluating it.
std::string csv_field(std::string_view text);

// Text for an export: kept as it is when it is UTF-8, escaped (printable()) when it is not,
// so the file is always valid UTF-8 / JSON.
std::string export_text(std::string_view text);

// What `history` says beside a row: the order line, the void it is, or the void that undid it.
std::string movement_remark(const ledger::StoredMovement& m);

}  // namespace shelfnode::cli
