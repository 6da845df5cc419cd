#include "shelfnode/ledger/void_movement.h"

#include "shelfnode/core/printable.h"

namespace shelfnode::ledger {
namespace {

// `move` writes its two halves one after the other in one transaction (cmd_movement.cpp),
// and the ledger has one writer, so the other half is the adjacent row.
constexpr const char* kOtherHalf =
    "SELECT id FROM movements WHERE seq = ?1 AND kind = ?2 AND sku = ?3 AND delta = ?4"
    " AND code = ?5";
constexpr const char* kLastVoidable =
    "SELECT m.id FROM movements m WHERE m.warehouse_id = ?1 AND m.kind NOT IN"
    " ('void', 'order', 'order_cancel') AND NOT EXISTS (SELECT 1 FROM movements v"
    " WHERE v.voids = m.id) ORDER BY m.seq DESC LIMIT 1";

bool from_an_order(const StoredMovement& m) {
  return m.kind == "order" || m.kind == "order_cancel" || !m.reference.empty();
}

Status refusal(const StoredMovement& m) {
  if (m.kind == "void") {
    return bad_data("movement " + m.id + " is itself a void (of " + m.voids +
                    "): to put it back, record the scan again");
  }
  if (!m.voided_by.empty()) {
    return bad_data("movement " + m.id + " was already voided by " + m.voided_by +
                    ": nothing to undo");
  }
  if (from_an_order(m)) {
    return bad_data("movement " + m.id + " is the online order line " + printable(m.reference) +
                    ": cancel or refund the order in Wix, the next sync follows");
  }
  return Status::Ok();
}

Result<StoredMovement> load(store::Database& db, const std::string& id) {
  Result<std::optional<StoredMovement>> m = find_movement(db, id);
  if (!m.ok()) return m.status();
  if (!*m) {
    return not_found("no movement has the id " + printable(id) +
                     ": `shelfnode history` lists them with their ids");
  }
  return std::move(**m);
}

// The other half of a move, or nothing for any other kind.
Result<std::optional<StoredMovement>> other_half(store::Database& db, const StoredMovement& m) {
  const bool out = m.kind == "move_out";
  if (!out && m.kind != "move_in") return std::optional<StoredMovement>();
  Result<store::Statement> s = db.prepare(kOtherHalf);
  if (!s.ok()) return s.status();
  s->bind(1, out ? m.seq + 1 : m.seq - 1).bind(2, out ? "move_in" : "move_out");
  s->bind(3, m.sku).bind(4, -m.delta).bind(5, m.code);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return internal_error("movement " + m.id + " is half of a move whose other half is missing");
  }
  Result<StoredMovement> half = load(db, s->text_at(0));
  if (!half.ok()) return half.status();
  return std::optional<StoredMovement>(std::move(half).value());
}

}  // namespace

Result<std::vector<Voided>> void_movement(store::Database& db, Ledger& ledger,
                                          const std::string& id, std::string_view reason,
                                          std::string_view source) {
  Result<StoredMovement> first = load(db, id);
  if (!first.ok()) return first.status();
  std::vector<StoredMovement> undo{*first};
  Result<std::optional<StoredMovement>> half = other_half(db, *first);
  if (!half.ok()) return half.status();
  if (*half) undo.push_back(**half);
  // Every half is checked before anything is written: all of a move or none of it.
  for (const StoredMovement& m : undo) SHELFNODE_RETURN_IF_ERROR(refusal(m));
  std::vector<Voided> done;
  for (const StoredMovement& m : undo) {
    Result<Movement> v = ledger.record_void(m, reason, source);
    if (!v.ok()) return v.status();
    done.push_back(Voided{m, std::move(v).value()});
  }
  return done;
}

Result<std::optional<StoredMovement>> last_voidable(store::Database& db,
                                                    std::int64_t warehouse_id) {
  Result<store::Statement> s = db.prepare(kLastVoidable);
  if (!s.ok()) return s.status();
  s->bind(1, warehouse_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<StoredMovement>();
  Result<StoredMovement> m = load(db, s->text_at(0));
  if (!m.ok()) return m.status();
  return std::optional<StoredMovement>(std::move(m).value());
}

}  // namespace shelfnode::ledger
