#include "shelfnode/session/scan_session.h"

#include <cctype>
#include <map>

#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/scan/scan_code.h"

namespace shelfnode::session {
namespace {

// One reply per line, always, and only printable text in it: CR, LF, ESC and the rest from
// the scan (or from a name) are shown as \xNN (core/printable.h).
std::string err_line(const Status& s) {
  return "ERR " + printable(s.message());
}

}  // namespace

Result<ScanMode> parse_scan_mode(std::string_view text) {
  if (text == "sell") return ScanMode::kSell;
  if (text == "receive") return ScanMode::kReceive;
  if (text == "count") return ScanMode::kCount;
  return usage_error("unknown scan mode '" + std::string(text) + "': use sell, receive or count");
}

Result<QuantifiedCode> split_quantity(std::string_view line) {
  QuantifiedCode out;
  const std::size_t star = line.rfind('*');
  if (star == std::string_view::npos) {
    out.code = std::string(line);
    return out;
  }
  std::string_view digits = line.substr(star + 1);
  if (digits.empty() || digits.size() > 6) {
    return bad_data("quantity after '*' must be 1 to " + std::to_string(ledger::kMaxQuantity) +
                    " (e.g. CODE*3)");
  }
  std::int64_t q = 0;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return bad_data("quantity after '*' must be a whole number (e.g. CODE*3), not '" +
                      std::string(digits) + "'");
    }
    q = q * 10 + (c - '0');
  }
  if (q < 1 || q > ledger::kMaxQuantity) {
    return bad_data("quantity " + std::to_string(q) + " is out of range: use 1 to " +
                    std::to_string(ledger::kMaxQuantity));
  }
  out.code = std::string(line.substr(0, star));
  out.quantity = q;
  out.has_suffix = true;
  return out;
}

ScanSession::Prepared ScanSession::prepare(const std::string& line) {
  Prepared p;
  if (line.size() > kMaxScanLength) {
    p.reply = "ERR scan longer than " + std::to_string(kMaxScanLength) +
              " characters: check the scanner's suffix setting";
    return p;
  }
  Result<QuantifiedCode> q = split_quantity(line);
  if (!q.ok()) {
    p.reply = err_line(q.status());
    return p;
  }
  Result<scan::ScanCode> code = scan::interpret(q->code);
  if (!code.ok()) {
    p.reply = err_line(code.status());
    return p;
  }
  if (q->has_suffix && code->quantity != 1) {
    p.reply = "ERR the code carries a GS1 count and a *QTY suffix: use one or the other";
    return p;
  }
  Result<catalog::Match> match = catalog::find(db_, *code);
  if (!match.ok()) {
    p.reply = err_line(match.status());
    return p;
  }
  const std::int64_t qty = q->has_suffix ? q->quantity : code->quantity;
  if (qty < 1 || qty > ledger::kMaxQuantity) {
    p.reply = "ERR quantity " + std::to_string(qty) + " is out of range: use 1 to " +
              std::to_string(ledger::kMaxQuantity);
    return p;
  }
  p.ok = true;
  p.shown_qty = qty;
  p.request.code = code->text;
  p.request.sku = match->sku;
  p.request.warehouse_id = warehouse_id_;
  p.request.quantity = qty;
  p.request.source = source_;
  switch (mode_) {
    case ScanMode::kSell:
      p.request.kind = ledger::MovementKind::kSell;
      break;
    case ScanMode::kReceive:
      p.request.kind = ledger::MovementKind::kReceive;
      break;
    case ScanMode::kCount:
      p.request.kind = ledger::MovementKind::kCount;
      break;
  }
  return p;
}

std::vector<std::string> ScanSession::process_batch(const std::vector<std::string>& lines,
                                                    Status& worst) {
  worst = Status::Ok();
  std::vector<Prepared> batch(lines.size());
  std::vector<std::string> replies(lines.size());
  std::map<std::string, std::int64_t> counted_now = counted_;
  Status storage = Status::Ok();
  {
    // Lookups run inside the batch's write transaction too: one snapshot and one lock for
    // the whole batch instead of one per statement.
    auto tx = store::Transaction::begin(db_);
    if (!tx.ok()) storage = tx.status();
    for (std::size_t i = 0; storage.ok() && i < lines.size(); ++i) {
      Prepared& p = batch[i];
      p = prepare(lines[i]);
      if (!p.ok) continue;
      ledger::MovementRequest req = p.request;
      if (mode_ == ScanMode::kCount) {
        // The stocktake so far plus this scan is the absolute count.
        req.quantity += counted_now[req.sku];
        if (req.quantity > ledger::kMaxQuantity) {
          p.ok = false;
          p.reply = "ERR count for " + printable(req.sku) + " would pass " +
                    std::to_string(ledger::kMaxQuantity) + ": count it in parts";
          continue;
        }
      }
      Result<ledger::Movement> m = ledger_.record(req);
      if (!m.ok()) {
        storage = m.status();
        break;
      }
      if (mode_ == ScanMode::kCount) counted_now[req.sku] = req.quantity;
      replies[i] = "OK " + m->id + " " + printable(m->sku) + " " + std::to_string(p.shown_qty);
    }
    if (storage.ok()) storage = (*tx)->commit();
  }
  if (storage.ok()) counted_ = std::move(counted_now);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!batch[i].ok && !batch[i].reply.empty()) {
      replies[i] = batch[i].reply;
      if (worst.ok()) worst = bad_data(batch[i].reply);
    } else if (!storage.ok()) {
      // Nothing of this batch is stored: every scan in it is refused, none acknowledged.
      replies[i] = err_line(storage.with_context("not stored, scan again"));
      worst = storage;  // a lost write outranks a bad code in the exit status
    }
  }
  return replies;
}

}  // namespace shelfnode::session
