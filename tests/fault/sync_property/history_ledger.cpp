// Check (c) of a history: the ledger, opened read-only once the device is idle. Every "OK"
// the history was given is a movement with that UUID, SKU, warehouse and delta; every other
// movement is an online order line (or its reversal) of an order the history placed, at most
// once each; replaying the movements in ledger order gives the `stock` table and what
// `stock --json` shows; and every order line was recorded once, in a state that matches its
// movements.
#include <map>
#include <set>
#include <tuple>

#include "fault/sync_property/history.h"
#include "shelfnode/store/database.h"

namespace shelfnode::sync_property {
namespace {

struct Row {
  std::int64_t seq = 0;
  std::string id, sku, warehouse, kind, reference;
  std::int64_t delta = 0;
};

using Level = std::pair<std::string, std::string>;  // sku, warehouse

std::string show(const Row& m) {
  return "movement #" + std::to_string(m.seq) + " " + m.kind + " " + m.sku + " " + m.warehouse +
         " " + std::to_string(m.delta) + " " + m.id +
         (m.reference.empty() ? "" : " ref " + m.reference);
}

}  // namespace

// Drift the final reconciliation repaired is fine only where the engine does not follow Wix
// (src/sync/README.md "Cancellation", "Known gaps"): a line first seen canceled leaves the
// sale out of `confirmed` or not, and a restock of a line that was skipped (e.g. its SKU was
// not managed when the order was pulled) is not added to it. Anything else means a change
// was applied twice or missed.
void History::explain_drift(
    const std::map<std::string, std::string>& state, const std::map<std::string, std::string>& note,
    const std::map<std::string, std::pair<const OrderRec*, const OrderLineRec*>>& lines) {
  for (const std::string& sku : drifted_) {
    std::string why;
    for (const auto& [ref, line] : lines) {
      auto s = state.find(ref);
      if (line.second->sku != sku || !line.first->canceled || s == state.end() ||
          s->second != "skipped") {
        continue;
      }
      // First seen canceled: the sale may or may not be in `confirmed`. Skipped for another
      // reason (e.g. not managed then): only a restock changes Wix afterwards.
      const std::string& skipped = note.at(ref);
      if (skipped == "canceled before this device saw it" || line.first->restocked) {
        why = "order " + line.first->id + " was canceled" +
              (line.first->restocked ? " with restock" : "") + " and its line was skipped (" +
              skipped + ")";
      }
    }
    if (why.empty()) {
      fail(sku +
           ": Wix drifted from what the device believed, and no known gap explains it "
           "(a change applied twice or missed?):\n" +
           drift_log_);
    } else {
      notes_.push_back(sku + " drifted (" + why + "); the reconciliation repaired it:\n" +
                       drift_log_);
    }
  }
}

void History::check_ledger() {
  auto db = store::Database::open(data_ + "/shelfnode.db", store::OpenMode::kReadOnly);
  if (!db.ok()) {
    fail("opening the ledger read-only: " + db.status().message());
    return;
  }
  auto rows = (*db)->prepare(
      "SELECT m.seq, m.id, m.sku, w.name, m.delta, m.kind, COALESCE(m.reference, '')"
      " FROM movements m JOIN warehouses w ON w.id = m.warehouse_id ORDER BY m.seq");
  if (!rows.ok()) {
    fail("reading movements: " + rows.status().message());
    return;
  }
  std::map<std::string, const Ack*> acks;
  for (const Ack& a : acks_) acks[a.uuid] = &a;
  std::map<std::string, std::pair<const OrderRec*, const OrderLineRec*>> lines;
  for (const OrderRec& o : orders_) {
    for (const OrderLineRec& l : o.lines) lines[o.id + ":" + l.line_id] = {&o, &l};
  }
  std::map<Level, std::int64_t> model;
  std::map<std::string, Row> ordered;  // reference -> its 'order' movement
  std::set<std::string> reversed;
  std::size_t acked = 0;
  for (;;) {
    Result<bool> more = rows->step();
    if (!more.ok() || !*more) break;
    Row m{rows->int_at(0),  rows->text_at(1), rows->text_at(2), rows->text_at(3),
          rows->text_at(5), rows->text_at(6), rows->int_at(4)};
    std::int64_t& level = model[{m.sku, m.warehouse}];
    if (m.kind == "order" || m.kind == "order_cancel") {
      const bool cancel = m.kind == "order_cancel";
      const std::string ref = cancel && m.reference.size() > 7
                                  ? m.reference.substr(0, m.reference.size() - 7)
                                  : m.reference;
      auto line = lines.find(ref);
      if (line == lines.end()) {
        fail("the ledger has an online movement for an order line the history never placed: " +
             show(m));
      } else if (!cancel &&
                 (m.sku != line->second.second->sku || m.delta != -line->second.second->qty)) {
        fail("an online order line became the wrong movement (want " + line->second.second->sku +
             " -" + std::to_string(line->second.second->qty) + "): " + show(m));
      } else if (!cancel) {
        ordered[ref] = m;
      } else if (m.reference != ref + ":cancel" || !line->second.first->canceled ||
                 ordered.count(ref) == 0 || ordered[ref].sku != m.sku ||
                 ordered[ref].warehouse != m.warehouse || ordered[ref].delta != -m.delta) {
        fail("a reversal that does not mirror an applied line of a canceled order: " + show(m));
      } else {
        reversed.insert(ref);
      }
      level += m.delta;
      continue;
    }
    auto a = acks.find(m.id);
    if (a == acks.end()) {
      fail("the ledger has a local movement the history was never told about: " + show(m));
      level += m.delta;
      continue;
    }
    ++acked;
    const Ack& ack = *a->second;
    std::int64_t want = 0;
    if (ack.kind == "receive" || ack.kind == "move_in") want = ack.qty;
    if (ack.kind == "sell" || ack.kind == "move_out") want = -ack.qty;
    if (ack.kind == "count") want = ack.qty - level;
    if (m.sku != ack.sku || m.warehouse != ack.warehouse || m.kind != ack.kind || m.delta != want) {
      fail("an acknowledged " + ack.kind + " of " + std::to_string(ack.qty) + " " + ack.sku +
           " in " + ack.warehouse + " is stored as " + show(m) + " (want delta " +
           std::to_string(want) + ")");
    }
    level += m.delta;
  }
  if (acked != acks_.size()) {
    fail(std::to_string(acks_.size() - acked) +
         " acknowledged movement(s) are missing from the "
         "ledger (" +
         std::to_string(acks_.size()) + " OKs, " + std::to_string(acked) + " found)");
  }

  // The stock table and `stock --json` against the replay.
  std::map<Level, std::int64_t> table, shown;
  auto st = (*db)->prepare(
      "SELECT s.sku, w.name, s.qty FROM stock s JOIN warehouses w ON w.id = s.warehouse_id");
  for (; st.ok();) {
    Result<bool> more = st->step();
    if (!more.ok() || !*more) break;
    table[{st->text_at(0), st->text_at(1)}] = st->int_at(2);
  }
  const cJSON* s = nullptr;
  cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(stock_.get(), "skus")) {
    const cJSON* w = nullptr;
    cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(s, "warehouses")) {
      shown[{cJSON_GetObjectItemCaseSensitive(s, "sku")->valuestring,
             cJSON_GetObjectItemCaseSensitive(w, "name")->valuestring}] =
          static_cast<std::int64_t>(cJSON_GetObjectItemCaseSensitive(w, "qty")->valuedouble);
    }
  }
  for (const auto& [level, qty] : model) {
    if (table[level] != qty || shown[level] != qty) {
      fail(level.first + " in " + level.second + ": the movements add up to " +
           std::to_string(qty) + ", the stock table says " + std::to_string(table[level]) +
           ", `stock --json` says " + std::to_string(shown[level]));
    }
  }
  if (table.size() != model.size() || shown.size() != model.size()) {
    fail("stock rows without movements: the stock table has " + std::to_string(table.size()) +
         " rows, `stock --json` " + std::to_string(shown.size()) + ", the movements make " +
         std::to_string(model.size()));
  }

  // Every order line the history placed, recorded once in a state its movements agree with.
  std::map<std::string, std::string> state;
  std::map<std::string, std::string> note;
  auto ol = (*db)->prepare(
      "SELECT order_id || ':' || line_id, state, COALESCE(note, '') FROM wix_order_lines");
  for (; ol.ok();) {
    Result<bool> more = ol->step();
    if (!more.ok() || !*more) break;
    state[ol->text_at(0)] = ol->text_at(1);
    note[ol->text_at(0)] = ol->text_at(2);
  }
  explain_drift(state, note, lines);
  for (const auto& [ref, line] : lines) {
    const std::string got = state.count(ref) != 0 ? state[ref] : "not recorded";
    std::string want;
    if (ordered.count(ref) == 0) {
      want = "skipped";
    } else if (line.first->canceled) {
      want = reversed.count(ref) != 0 ? "reversed" : "reversed (and an order_cancel movement)";
    } else {
      want = reversed.count(ref) != 0 ? "applied (and no order_cancel movement)" : "applied";
    }
    if (got != want) {
      fail("order line " + ref + " (" + line.second->sku + " ×" + std::to_string(line.second->qty) +
           (line.first->canceled ? ", canceled" : "") + ") is " + got + ", want " + want);
    }
  }
}

}  // namespace shelfnode::sync_property
