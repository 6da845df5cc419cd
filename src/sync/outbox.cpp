#include "shelfnode/sync/outbox.h"

namespace shelfnode::sync {
namespace {

constexpr const char* kSelectRows =
    "SELECT sku, confirmed, sent_target, uncertain, parked_reason, parked_at, parked_by,"
    " parked_target, product_id, variant_id, inventory_item_id, revision, read_seq, synced_seq,"
    " updated_at FROM wix_outbox";
constexpr const char* kEnsureRow =
    "INSERT INTO wix_outbox (sku, updated_at) VALUES (?1, ?2) ON CONFLICT (sku) DO NOTHING";

// One statement per change kind; ?1 = sku, ?2 = now, ?3.. as listed.
const char* sql_for(OutboxChange::Kind kind) {
  using K = OutboxChange::Kind;
  switch (kind) {
    case K::kInFlight:
      return "UPDATE wix_outbox SET sent_target = ?3, sent_at = ?2, updated_at = ?2 WHERE sku = ?1";
    case K::kLanded:
      return "UPDATE wix_outbox SET confirmed = confirmed + ?3, sent_target = NULL,"
             " sent_at = NULL, uncertain = 0, updated_at = ?2 WHERE sku = ?1";
    case K::kSetLanded:
      // The revision moved with the write; the next absolute set needs a fresh read.
      return "UPDATE wix_outbox SET confirmed = ?3, sent_target = NULL, sent_at = NULL,"
             " uncertain = 0, revision = NULL, updated_at = ?2 WHERE sku = ?1";
    case K::kNotSent:
      return "UPDATE wix_outbox SET sent_target = NULL, sent_at = NULL, updated_at = ?2"
             " WHERE sku = ?1";
    case K::kUncertain:
      return "UPDATE wix_outbox SET uncertain = 1, updated_at = ?2 WHERE sku = ?1";
    case K::kDoubt:
      return "UPDATE wix_outbox SET uncertain = 1, sent_target = NULL, sent_at = NULL,"
             " updated_at = ?2 WHERE sku = ?1";
    case K::kRead:
      return "UPDATE wix_outbox SET confirmed = ?3, uncertain = 0, sent_target = NULL,"
             " sent_at = NULL, product_id = ?4, variant_id = ?5, inventory_item_id = ?6,"
             " revision = ?7, read_seq = ?8, updated_at = ?2 WHERE sku = ?1";
    case K::kPark:
      return "UPDATE wix_outbox SET parked_reason = ?4, parked_at = ?2, parked_by = ?5,"
             " parked_target = ?3, sent_target = NULL, sent_at = NULL, updated_at = ?2"
             " WHERE sku = ?1";
    case K::kUnpark:
      return "UPDATE wix_outbox SET parked_reason = NULL, parked_at = NULL, parked_by = NULL,"
             " parked_target = NULL, updated_at = ?2 WHERE sku = ?1";
    case K::kForget:
      return "UPDATE wix_outbox SET confirmed = NULL, sent_target = NULL, sent_at = NULL,"
             " uncertain = 0, parked_reason = NULL, parked_at = NULL, parked_by = NULL,"
             " parked_target = NULL, product_id = NULL, variant_id = NULL,"
             " inventory_item_id = NULL, revision = NULL, read_seq = NULL, updated_at = ?2"
             " WHERE sku = ?1";
    case K::kSynced:
      return "UPDATE wix_outbox SET synced_seq = ?3 WHERE sku = ?1";
  }
  return "";
}

std::optional<std::int64_t> optional_int(const store::Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return s.int_at(column);
}

}  // namespace

bool is_converged(const OutboxRow* row, std::int64_t target) {
  return row != nullptr && !row->parked() && !row->doubtful() && !row->read_seq && row->confirmed &&
         *row->confirmed == target;
}

std::string pending_reason(const OutboxRow* row, std::int64_t target) {
  if (is_converged(row, target)) return "";
  if (row == nullptr || (!row->parked() && !row->doubtful() && !row->confirmed)) {
    return "not read from Wix yet";
  }
  if (row->parked()) return "parked: " + row->parked_reason;
  if (row->in_flight() && !row->uncertain) {
    return "a write to Wix was cut off mid-call; it will be read back";
  }
  if (row->uncertain) return "what Wix holds is in doubt; it will be read back";
  if (row->read_seq) return "read from Wix; waiting for an orders pull to confirm the read";
  const std::int64_t delta = target - *row->confirmed;
  return "Wix shows " + std::to_string(*row->confirmed) + ", should show " +
         std::to_string(target) + " (" + (delta > 0 ? "+" : "") + std::to_string(delta) +
         " to push)";
}

Result<OutboxRows> load_outbox(store::Database& db) {
  return load_outbox(db, SkuRange{});
}

Result<OutboxRows> load_outbox(store::Database& db, const SkuRange& range) {
  Result<store::Statement> s =
      db.prepare(std::string(kSelectRows) + " WHERE (?1 OR sku > ?2) AND (?3 OR sku <= ?4)");
  if (!s.ok()) return s.status();
  s->bind(1, range.from_start ? 1 : 0).bind(2, range.after);
  s->bind(3, range.to_end ? 1 : 0).bind(4, range.last);
  OutboxRows rows;
  for (;;) {
    Result<bool> more = s->step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    OutboxRow r;
    r.sku = s->text_at(0);
    r.confirmed = optional_int(*s, 1);
    r.sent_target = optional_int(*s, 2);
    r.uncertain = s->int_at(3) != 0;
    r.parked_reason = s->text_at(4);
    r.parked_at = s->text_at(5);
    r.parked_by = s->text_at(6) == "wix" ? ParkedBy::kWix : ParkedBy::kCatalog;
    r.parked_target = optional_int(*s, 7);
    r.variant = WixVariant{r.sku, s->text_at(8), s->text_at(9)};
    r.inventory_item_id = s->text_at(10);
    r.revision = s->text_at(11);
    r.read_seq = optional_int(*s, 12);
    r.synced_seq = optional_int(*s, 13);
    r.updated_at = s->text_at(14);
    rows.emplace(r.sku, std::move(r));
  }
  return rows;
}

Status Outbox::apply_one(const OutboxChange& c, const std::string& now) {
  {
    auto ensure = db_.cached(kEnsureRow);
    if (!ensure.ok()) return ensure.status();
    (*ensure)->bind(1, c.sku).bind(2, now);
    SHELFNODE_RETURN_IF_ERROR((*ensure)->run());
  }
  auto s = db_.cached(sql_for(c.kind));
  if (!s.ok()) return s.status();
  (*s)->bind(1, c.sku).bind(2, now);
  using K = OutboxChange::Kind;
  switch (c.kind) {
    case K::kInFlight:
    case K::kLanded:
    case K::kSetLanded:
    case K::kSynced:
      (*s)->bind(3, c.value);
      break;
    case K::kRead:
      (*s)->bind(3, c.stock.quantity).bind_optional(4, c.stock.variant.product_id);
      (*s)->bind_optional(5, c.stock.variant.variant_id)
          .bind_optional(6, c.stock.inventory_item_id);
      (*s)->bind_optional(7, c.stock.revision);
      if (c.value < 0) {
        (*s)->bind_null(8);
      } else {
        (*s)->bind(8, c.value);
      }
      break;
    case K::kPark:
      (*s)->bind(3, c.value).bind(4, c.text).bind(5, c.by == ParkedBy::kWix ? "wix" : "catalog");
      break;
    case K::kNotSent:
    case K::kUncertain:
    case K::kDoubt:
    case K::kUnpark:
    case K::kForget:
      break;
  }
  return (*s)->run().with_context("updating the sync state of " + c.sku);
}

Status Outbox::apply(const std::vector<OutboxChange>& changes) {
  if (changes.empty()) return Status::Ok();
  auto tx = store::Transaction::begin(db_);
  if (!tx.ok()) return tx.status();
  const std::string now = format_utc_ms(clock_.now_ms());
  for (const OutboxChange& c : changes) SHELFNODE_RETURN_IF_ERROR(apply_one(c, now));
  return (*tx)->commit();
}

Result<int> Outbox::check_reads() {
  auto tx = store::Transaction::begin(db_);
  if (!tx.ok()) return tx.status();
  Result<store::Statement> doubt = db_.prepare(
      "UPDATE wix_outbox SET uncertain = 1, updated_at = ?1 WHERE read_seq IS NOT NULL AND"
      " EXISTS (SELECT 1 FROM movements m WHERE m.seq > wix_outbox.read_seq AND"
      " m.sku = wix_outbox.sku AND m.kind IN ('order', 'order_cancel'))");
  if (!doubt.ok()) return doubt.status();
  doubt->bind(1, format_utc_ms(clock_.now_ms()));
  SHELFNODE_RETURN_IF_ERROR(doubt->run());
  const int doubts = static_cast<int>(db_.changes());
  SHELFNODE_RETURN_IF_ERROR(
      db_.exec("UPDATE wix_outbox SET read_seq = NULL WHERE read_seq IS NOT NULL"));
  SHELFNODE_RETURN_IF_ERROR((*tx)->commit());
  return doubts;
}

Result<std::int64_t> Outbox::last_seq() {
  auto s = db_.cached("SELECT COALESCE(max(seq), 0) FROM movements");
  if (!s.ok()) return s.status();
  Result<bool> row = (*s)->step();
  if (!row.ok()) return row.status();
  return (*s)->int_at(0);
}

}  // namespace shelfnode::sync
