// The random steps of a history: local movements through the CLI, warehouse mapping flips,
// online checkouts and cancellations, faults and outages, and sync runs (some killed).
#include <sstream>

#include "fault/sync_property/history.h"

namespace shelfnode::sync_property {
namespace {

const char* const kWarehouses[] = {"shop", "backroom", "depot"};

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string joined(const std::vector<std::string>& args) {
  std::string out;
  for (const std::string& a : args) out += (out.empty() ? "" : " ") + a;
  return out;
}

}  // namespace

void History::step(int index) {
  const std::size_t before = steps_.size();
  const int r = pick(100);
  if (r < 30) {
    local_movement();
  } else if (r < 36) {
    flip_mapping();
  } else if (r < 45) {
    checkout();
  } else if (r < 50) {
    cancel();
  } else if (r < 53) {
    toggle_outage();
  } else if (r < 77) {
    // A fault aimed at the calls of the sync that follows, with a change for it to push.
    inject_fault();
    if (chance(25)) inject_fault();
    if (chance(75)) local_movement();
    chance(65) ? sync_to_end({}) : sync_killed();
  } else if (r < 87) {
    std::vector<std::string> extra;
    if (chance(15)) extra.push_back("--reconcile");
    if (chance(5)) extra.push_back("--retry-parked");
    sync_to_end(extra);
  } else {
    sync_killed();
  }
  for (std::size_t i = before; i < steps_.size(); ++i) {
    steps_[i] = std::to_string(index + 1) + ". " + steps_[i];
  }
}

void History::local_movement() {
  const std::vector<std::string>& list = chance(12) ? site_.parked : site_.tracked;
  const std::string sku = list[static_cast<std::size_t>(pick(static_cast<int>(list.size())))];
  // Mostly where it counts for Wix, so that syncs have something to push.
  std::string from = kWarehouses[pick(3)];
  if (!mapped_[from] && chance(60))
    from = mapped_["shop"] ? "shop" : mapped_["backroom"] ? "backroom" : from;
  std::string to = kWarehouses[pick(3)];
  while (to == from) to = kWarehouses[pick(3)];
  const int op = pick(100);
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> legs;  // kind, warehouse
  std::int64_t qty = 0;
  if (op < 30) {
    qty = between(1, 9);
    args = {"receive", sku, std::to_string(qty), "--warehouse", from};
    legs = {{"receive", from}};
  } else if (op < 60) {
    qty = between(1, 12);  // often more than is there: stock goes negative
    args = {"sell", sku, std::to_string(qty), "--warehouse", from};
    legs = {{"sell", from}};
  } else if (op < 80) {
    qty = between(0, 15);
    args = {"count", sku, std::to_string(qty), "--warehouse", from};
    legs = {{"count", from}};
  } else {
    qty = between(1, 6);
    args = {"move", sku, std::to_string(qty), "--from", from, "--to", to};
    legs = {{"move_out", from}, {"move_in", to}};
  }
  steps_.push_back(joined(args));
  const testing::RunResult r = testing::shelfnode(data_, args);
  std::istringstream lines(r.out);
  std::vector<std::vector<std::string>> oks;
  for (std::string line; std::getline(lines, line);) oks.push_back(words(line));
  if (r.exit_code != 0 || oks.size() != legs.size()) {
    fail("`" + joined(args) + "` exited " + std::to_string(r.exit_code) + ":\n" + r.out + r.err);
    return;
  }
  for (std::size_t i = 0; i < legs.size(); ++i) {
    const std::vector<std::string>& w = oks[i];
    if (w.size() < 4 || w[0] != "OK" || w[2] != sku || w[3] != std::to_string(qty)) {
      fail("`" + joined(args) + "` answered an unexpected line:\n" + r.out);
      return;
    }
    acks_.push_back({w[1], sku, legs[i].second, legs[i].first, qty});
    if (mapped_[legs[i].second]) note_managed(sku);
  }
}

void History::flip_mapping() {
  const std::string w = kWarehouses[pick(3)];
  const std::vector<std::string> args{"warehouse", mapped_[w] ? "unmap" : "map", w};
  steps_.push_back(joined(args));
  const testing::RunResult r = testing::shelfnode(data_, args);
  if (r.exit_code != 0) {
    fail("`" + joined(args) + "` exited " + std::to_string(r.exit_code) + ": " + r.err);
    return;
  }
  mapped_[w] = !mapped_[w];
  refresh_managed();
}

void History::checkout() {
  const int count = chance(20) ? 2 : 1;
  const bool force = chance(60);
  std::vector<std::pair<const VariantRow*, std::int64_t>> lines;
  std::string body =
      "{\"siteId\":\"" + site_.id + "\",\"force\":" + (force ? "true" : "false") + ",\"lines\":[";
  for (int i = 0; i < count; ++i) {
    const std::vector<std::string>& list = chance(15) ? site_.parked : site_.tracked;
    const std::string& sku = list[static_cast<std::size_t>(pick(static_cast<int>(list.size())))];
    const std::vector<VariantRow>& rows = variants_[sku];
    const VariantRow& v = rows[static_cast<std::size_t>(pick(static_cast<int>(rows.size())))];
    const std::int64_t qty = between(1, 3);
    lines.emplace_back(&v, qty);
    body += std::string(i > 0 ? "," : "") + "{\"productId\":\"" + v.product_id +
            "\",\"variantId\":\"" + v.variant_id + "\",\"quantity\":" + std::to_string(qty) + "}";
  }
  body += "]}";
  const testing::AdminAnswer a = admin_.call("POST", "/_emulator/checkout", body);
  std::string what = "online checkout" + std::string(force ? " (force)" : "");
  for (const auto& [v, qty] : lines) what += " " + v->sku + "×" + std::to_string(qty);
  if (a.status == 409 && !force) {
    steps_.push_back(what + ": refused, not enough stock");
    return;
  }
  JsonPtr doc = parse_json(a.body);
  const cJSON* order = cJSON_GetObjectItemCaseSensitive(doc.get(), "order");
  const cJSON* items = cJSON_GetObjectItemCaseSensitive(order, "lineItems");
  const cJSON* id = cJSON_GetObjectItemCaseSensitive(order, "id");
  if (a.status != 200 || !cJSON_IsString(id) ||
      cJSON_GetArraySize(items) != static_cast<int>(lines.size())) {
    fail("POST /_emulator/checkout " + body + " answered " + std::to_string(a.status) + ": " +
         a.body.substr(0, 300));
    return;
  }
  OrderRec rec;
  rec.id = id->valuestring;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const VariantRow& v = *lines[i].first;
    const cJSON* line_id =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(items, static_cast<int>(i)), "id");
    rec.lines.push_back(
        {cJSON_IsString(line_id) ? line_id->valuestring : "", v.key(), v.sku, lines[i].second});
    if (v.tracked) online_delta_[v.key()] -= lines[i].second;
  }
  steps_.push_back(what + ": order " + rec.id);
  orders_.push_back(std::move(rec));
}

void History::cancel() {
  std::vector<OrderRec*> open;
  for (OrderRec& o : orders_) {
    if (!o.canceled) open.push_back(&o);
  }
  if (open.empty()) {
    checkout();
    return;
  }
  OrderRec& o = *open[static_cast<std::size_t>(pick(static_cast<int>(open.size())))];
  const bool restock = chance(50);
  steps_.push_back("online cancel of order " + o.id + (restock ? " with restock" : ""));
  if (json_admin("POST", "/_emulator/cancel",
                 "{\"siteId\":\"" + site_.id + "\",\"orderId\":\"" + o.id +
                     "\",\"restock\":" + (restock ? "true" : "false") + "}")
          .empty()) {
    return;
  }
  o.canceled = true;
  o.restocked = restock;
  if (!restock) return;
  for (const OrderLineRec& l : o.lines) {
    for (const VariantRow& v : variants_[l.sku]) {
      if (v.key() == l.variant_key && v.tracked) online_delta_[v.key()] += l.qty;
    }
  }
}

}  // namespace shelfnode::sync_property
