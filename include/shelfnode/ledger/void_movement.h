#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/ledger/history.h"
#include "shelfnode/ledger/ledger.h"
#include "shelfnode/store/database.h"

namespace shelfnode::ledger {

// A movement undone and the void movement that undid it.
struct Voided {
  StoredMovement original;
  Movement compensation;
};

// Undoes a wrong scan or command: a linked 'void' movement takes its delta back out, so the
// ledger keeps both and nothing is ever deleted. A move is two movements; voiding either half
// voids both. Refused, with the reason, for a void, a movement already voided, and an online
// order line (Wix is the truth there: cancel or refund the order and the next sync follows).
// Runs inside the caller's transaction.
Result<std::vector<Voided>> void_movement(store::Database& db, Ledger& ledger,
                                          const std::string& id, std::string_view reason,
                                          std::string_view source);

// The newest movement in the warehouse that this device made and that can still be voided
// (not a void, not voided, not an online order), or nothing: what `void --last` undoes.
Result<std::optional<StoredMovement>> last_voidable(store::Database& db,
                                                    std::int64_t warehouse_id);

}  // namespace shelfnode::ledger
