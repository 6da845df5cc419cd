#include "unit/sync_engine/fake_wix.h"

#include <algorithm>

namespace shelfnode::sync::testing {
namespace {

constexpr std::int64_t kMax = 99999;

bool matches(Op want, Op call) {
  if (want == call || want == Op::kAny) return true;
  return want == Op::kAnyWrite &&
         (call == Op::kIncrement || call == Op::kDecrement || call == Op::kSet);
}

EntryOutcome outcome(wix::Outcome o, int http = 0, std::string code = "", std::string desc = "") {
  EntryOutcome e;
  e.outcome = o;
  e.error.outcome = o;
  e.error.http_status = http;
  e.error.code = std::move(code);
  e.error.description = std::move(desc);
  return e;
}

EntryOutcome refused(int http, const std::string& code, const std::string& desc) {
  return outcome(wix::Outcome::kRejected, http, code, desc);
}

int pages(std::size_t n, std::size_t per_page) {
  return std::max<int>(1, static_cast<int>((n + per_page - 1) / per_page));
}

}  // namespace

FakeItem& FakeWix::add(const std::string& sku, std::int64_t quantity, bool tracked, bool found) {
  FakeItem item;
  item.variant = WixVariant{sku, "p-" + sku, "v-" + sku};
  item.quantity = quantity;
  item.tracked = tracked;
  item.found = found;
  if (mode_ == WixMode::kV3) item.item_id = "item-" + sku;
  items_.push_back(item);
  return items_.back();
}

WixVariant FakeWix::variant(const std::string& sku) const {
  return WixVariant{sku, "p-" + sku, "v-" + sku};
}

FakeItem* FakeWix::item(const std::string& sku) {
  for (FakeItem& i : items_) {
    if (i.variant.sku == sku) return &i;
  }
  return nullptr;
}

std::int64_t FakeWix::quantity(const std::string& sku) const {
  for (const FakeItem& i : items_) {
    if (i.variant.sku == sku) return i.quantity;
  }
  return 0;
}

FakeItem* FakeWix::find(const WixVariant& v) {
  for (FakeItem& i : items_) {
    if (i.variant.product_id == v.product_id && i.variant.variant_id == v.variant_id) return &i;
  }
  return nullptr;
}

WixStock FakeWix::stock_of(const FakeItem& item) const {
  WixStock s;
  s.variant = item.variant;
  s.found = item.found;
  s.tracked = item.tracked;
  s.quantity = item.tracked ? item.quantity : 0;
  if (mode_ == WixMode::kV3 && item.found) {
    s.inventory_item_id = item.item_id;
    s.revision = std::to_string(item.revision);
  }
  return s;
}

bool FakeWix::take_fault(Op op, Fault& out) {
  for (auto it = faults_.begin(); it != faults_.end();) {
    if (!matches(it->op, op)) {
      ++it;
      continue;
    }
    Fault f = *it;
    it = faults_.erase(it);
    if (f.kind == Fault::Kind::kSaleBefore) {
      sale(f.sku, f.qty);
      continue;
    }
    out = f;
    return true;
  }
  return false;
}

void FakeWix::apply(const Change& c) {
  writes_.push_back({c.item->variant.sku, c.kind, c.item->quantity, c.after,
                     std::string(c.kind) == "sale" || std::string(c.kind) == "restock" ||
                             std::string(c.kind) == "admin"
                         ? 0
                         : calls_});
  c.item->quantity = c.after;
  ++c.item->revision;
}

void FakeWix::taint(const std::vector<Change>& changes) {
  for (const Change& c : changes) unknown_[c.item->variant.sku] = true;
}

void FakeWix::check_write(const WixVariant& v, const char* what) {
  auto it = unknown_.find(v.sku);
  if (it != unknown_.end() && it->second) {
    violations_.push_back(std::string(what) + " for " + v.sku +
                          " while its last write's outcome was unknown and it was not read since");
  }
}

Result<std::vector<WixStock>> FakeWix::read(const std::vector<WixVariant>& variants) {
  calls_ += pages(variants.size(), mode_ == WixMode::kV1 ? 100 : 1000);
  Fault f;
  if (take_fault(Op::kRead, f)) {
    if (f.kind == Fault::Kind::kCrashBeforeSend) throw SimulatedCrash{"before a read"};
    if (f.kind == Fault::Kind::kReadFails || f.kind == Fault::Kind::kNotSent) {
      return Status(Code::kUnavailable, "Wix unreachable (fake)");
    }
  }
  std::vector<WixStock> out;
  for (const WixVariant& v : variants) {
    FakeItem* item = find(v);
    if (item == nullptr) {
      WixStock s;
      s.variant = v;
      out.push_back(s);
      continue;
    }
    unknown_[item->variant.sku] = false;
    out.push_back(stock_of(*item));
  }
  return out;
}

Status FakeWix::read_all(const std::function<Status(const std::vector<WixStock>&)>& page) {
  const std::size_t per_page = mode_ == WixMode::kV1 ? 100 : 1000;
  Fault f;
  if (take_fault(Op::kReadAll, f) &&
      (f.kind == Fault::Kind::kReadFails || f.kind == Fault::Kind::kNotSent)) {
    ++calls_;
    return Status(Code::kUnavailable, "Wix unreachable (fake)");
  }
  std::vector<WixStock> batch;
  for (FakeItem& item : items_) {
    if (!item.found) continue;
    unknown_[item.variant.sku] = false;
    batch.push_back(stock_of(item));
    if (batch.size() == per_page) {
      ++calls_;
      SHELFNODE_RETURN_IF_ERROR(page(batch));
      batch.clear();
    }
  }
  ++calls_;
  return page(batch);
}

std::vector<EntryOutcome> FakeWix::increment(const std::vector<DeltaEntry>& entries) {
  return deltas(Op::kIncrement, entries);
}

std::vector<EntryOutcome> FakeWix::decrement(const std::vector<DeltaEntry>& entries) {
  return deltas(Op::kDecrement, entries);
}

// V1 refuses the call with an HTTP status; V3 answers 200 and fails the item [GH:148].
EntryOutcome FakeWix::entry_refused(int v1_http, const char* v1_code, const char* v3_code,
                                    const std::string& desc) const {
  return mode_ == WixMode::kV1 ? refused(v1_http, v1_code, desc) : refused(200, v3_code, desc);
}

std::vector<EntryOutcome> FakeWix::deltas(Op op, const std::vector<DeltaEntry>& entries) {
  const bool up = op == Op::kIncrement;
  for (const DeltaEntry& e : entries) check_write(e.variant, up ? "an increment" : "a decrement");
  Fault f;
  const bool has = take_fault(op, f);  // a scripted sale lands before the call is looked at
  std::vector<Change> changes(entries.size());
  std::vector<EntryOutcome> out(entries.size(), outcome(wix::Outcome::kSuccess));
  if (entries.empty() || entries.size() > max_delta_entries()) {
    out.assign(entries.size(), refused(400, "", "1 to 300 entries per call"));
    return write(has, f, {}, out);
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const DeltaEntry& e = entries[i];
    FakeItem* item = find(e.variant);
    if (mode_ == WixMode::kV3 && item != nullptr && e.inventory_item_id != item->item_id) {
      item = nullptr;  // V3 deltas name the inventory item
    }
    if (e.amount < 1 || e.amount > kMax) {
      out[i] = refused(0, kAmountOutOfRange, "never sent");  // InventoryApi refuses it itself
    } else if (item == nullptr || !item->found) {
      out[i] = entry_refused(404, "VARIANT_NOT_FOUND", "NOT_FOUND", "no inventory item");
    } else if (!item->tracked) {
      out[i] = entry_refused(428, "INVENTORY_QUANTITY_NOT_TRACKED",
                             "INVENTORY_QUANTITY_NOT_TRACKED", "quantity is not tracked");
    } else if (up && item->quantity + e.amount > kMax) {
      out[i] = entry_refused(428, "MAX_QUANTITY_LIMIT_REACHED", "MAX_QUANTITY_LIMIT_REACHED", "");
    } else if (!up && item->quantity - e.amount < 0) {
      out[i] = entry_refused(428, "INSUFFICIENT_INVENTORY", "INSUFFICIENT_INVENTORY",
                             "not enough in stock");
    } else {
      changes[i] = {item, item->quantity + (up ? e.amount : -e.amount), up ? "inc" : "dec"};
    }
  }
  if (mode_ == WixMode::kV1) {
    // V1 calls are all or nothing: one bad entry refuses every entry that was sent.
    for (const EntryOutcome& o : out) {
      if (o.outcome != wix::Outcome::kRejected || o.error.http_status == 0) continue;
      const EntryOutcome first = o;
      for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i].error.http_status != 0 || out[i].outcome != wix::Outcome::kRejected) {
          out[i] = first;
        }
        changes[i] = Change{};
      }
      break;
    }
  }
  return write(has, f, changes, out);
}

std::vector<EntryOutcome> FakeWix::set(const std::vector<SetEntry>& entries) {
  return set_call(entries);
}

std::vector<EntryOutcome> FakeWix::set_call(const std::vector<SetEntry>& entries) {
  Fault f;
  const bool has = take_fault(Op::kSet, f);
  if (has && f.kind == Fault::Kind::kRevisionBump) {
    for (const SetEntry& e : entries) {
      if (FakeItem* item = find(e.variant)) ++item->revision;
    }
  }
  std::vector<Change> changes(entries.size());
  std::vector<EntryOutcome> out(entries.size(), outcome(wix::Outcome::kSuccess));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const SetEntry& e = entries[i];
    FakeItem* item = find(e.variant);
    if (e.quantity < 0 || e.quantity > kMax) {
      out[i] = refused(0, kQuantityOutOfRange, "never sent");
    } else if (item == nullptr || !item->found) {
      out[i] = entry_refused(404, "VARIANT_NOT_FOUND", "INVENTORY_ITEM_NOT_FOUND", "no item");
    } else if (!item->tracked) {
      out[i] = entry_refused(428, "INVENTORY_QUANTITY_NOT_TRACKED",
                             "INVENTORY_QUANTITY_NOT_TRACKED", "quantity is not tracked");
    } else if (mode_ == WixMode::kV3 && e.revision != std::to_string(item->revision)) {
      out[i] = refused(200, "REVISION_MISMATCH", "revision is stale");
    } else {
      changes[i] = {item, e.quantity, "set"};
    }
  }
  return write(has, f, changes, out);
}

// Runs one write call: the fault script decides whether it is sent, applied, answered.
std::vector<EntryOutcome> FakeWix::write(bool has, const Fault& f, std::vector<Change> changes,
                                         std::vector<EntryOutcome> out) {
  using K = Fault::Kind;
  if (has && f.kind == K::kCrashBeforeSend) throw SimulatedCrash{"before the write was sent"};
  ++calls_;
  if (has && f.kind == K::kNotSent) {
    return std::vector<EntryOutcome>(out.size(), outcome(wix::Outcome::kNotSent, 0, "", "offline"));
  }
  if (has && f.kind == K::kReject) {
    return std::vector<EntryOutcome>(out.size(), refused(f.http, f.code, f.description));
  }
  std::vector<Change> applied;
  for (const Change& c : changes) {
    if (c.item != nullptr) applied.push_back(c);
  }
  if (has && f.kind == K::kLostUncertain) {
    taint(applied);
    return std::vector<EntryOutcome>(out.size(), outcome(wix::Outcome::kUncertain, 502));
  }
  for (const Change& c : applied) apply(c);
  if (has && f.kind == K::kAppliedUncertain) {
    taint(applied);
    return std::vector<EntryOutcome>(out.size(), outcome(wix::Outcome::kUncertain, 0));
  }
  if (has && f.kind == K::kCrashAfterApply) {
    taint(applied);
    throw SimulatedCrash{"after Wix applied the write"};
  }
  if (has && f.kind == K::kFailNextCommit) {
    taint(applied);
    fail_next_commit_ = true;
  }
  for (const Change& c : applied)
    unknown_[c.item->variant.sku] = has && f.kind == K::kFailNextCommit;
  return out;
}

}  // namespace shelfnode::sync::testing
