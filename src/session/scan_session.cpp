#include "shelfnode/session/scan_session.h"

#include <cctype>
#include <map>

#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ledger/void_movement.h"
#include "shelfnode/scan/scan_code.h"
#include "shelfnode/session/till_reply.h"

namespace shelfnode::session {
namespace {

// One reply per line, always, and only printable text in it: CR, LF, ESC and the rest from
// the scan (or from a name) are shown as \xNN (core/printable.h). The clerk gets the short
// reason; the owner's detail goes to the log.
std::string err_line(const Status& s) {
  const TillRefusal r = till_refusal(s);
  if (!r.detail.empty()) log_info("scan.refused", {{"why", r.detail}});
  return r.reply;
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
  // In GS1 data '*' is a character of the data (scan_code.h), never the start of a suffix.
  const std::size_t star = scan::carries_gs1_data(line) ? std::string_view::npos : line.rfind('*');
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
    Status why = code.status();
    if (!q->has_suffix && q->code.find('*') != std::string::npos) {
      // The clerk may have meant "*QTY"; say first why that cannot work on a GS1 code.
      why = bad_data(
          "'*' belongs to the GS1 data, so no *QTY can follow it (put a count in "
          "(30) or scan each unit): " +
          why.message());
    }
    p.reply = err_line(why);
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
  if (qty > options_.max_quantity) {
    p.reply = "ERR quantity " + std::to_string(qty) + " is more than " +
              std::to_string(options_.max_quantity) +
              " per scan: scan again with the right *QTY (the limit is scan.max_quantity)";
    return p;
  }
  p.ok = true;
  p.shown_qty = qty;
  p.not_pushed = catalog::not_pushed_reason(*match);
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

std::string ScanSession::undo(State& state, Status& storage) {
  if (state.acknowledged.empty()) {
    return "ERR nothing to undo: no scan of this session is left to take back (`shelfnode "
           "history` and `shelfnode void ID` reach older ones)";
  }
  const Acknowledged last = state.acknowledged.back();
  state.acknowledged.pop_back();
  Result<std::vector<ledger::Voided>> done =
      ledger::void_movement(db_, ledger_, last.id, "undo code scanned", source_);
  if (!done.ok()) {
    const Code c = done.status().code();
    if (c == Code::kBadData || c == Code::kNotFound) return err_line(done.status());
    storage = done.status();
    return "";
  }
  if (mode_ == ScanMode::kCount) {
    if (last.counted_before) {
      state.counted[last.sku] = *last.counted_before;
    } else {
      state.counted.erase(last.sku);
    }
  }
  return "OK " + done->front().compensation.id + " " + printable(last.sku) + " -" +
         std::to_string(last.shown_qty);
}

void ScanSession::warn_if_below_zero(const ledger::Movement& m) {
  if (mode_ != ScanMode::kSell || m.stock_after >= 0) return;
  log_warn("scan.below_zero", {{"sku", m.sku},
                               {"stock", std::to_string(m.stock_after)},
                               {"hint",
                                "sold more than was booked in; stored anyway (the shelf "
                                "is the truth): receive or count it"}});
}

std::vector<std::string> ScanSession::process_batch(const std::vector<std::string>& lines,
                                                    Status& worst) {
  worst = Status::Ok();
  std::vector<Prepared> batch(lines.size());
  std::vector<std::string> replies(lines.size());
  std::vector<ledger::Movement> below_zero;
  State now = state_;
  Status storage = Status::Ok();
  {
    // Lookups run inside the batch's write transaction too: one snapshot and one lock for
    // the whole batch instead of one per statement.
    auto tx = store::Transaction::begin(db_);
    if (!tx.ok()) storage = tx.status();
    for (std::size_t i = 0; storage.ok() && i < lines.size(); ++i) {
      Prepared& p = batch[i];
      if (!options_.undo_code.empty() && lines[i] == options_.undo_code) {
        const std::string reply = undo(now, storage);
        p.ok = reply.compare(0, 3, "OK ") == 0;
        (p.ok ? replies[i] : p.reply) = reply;
        continue;
      }
      p = prepare(lines[i]);
      if (!p.ok) continue;
      ledger::MovementRequest req = p.request;
      std::optional<std::int64_t> counted_before;
      if (mode_ == ScanMode::kCount) {
        // The stocktake so far plus this scan is the absolute count.
        auto it = now.counted.find(req.sku);
        if (it != now.counted.end()) counted_before = it->second;
        req.quantity += counted_before.value_or(0);
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
      if (mode_ == ScanMode::kCount) now.counted[req.sku] = req.quantity;
      now.acknowledged.push_back(Acknowledged{m->id, m->sku, p.shown_qty, counted_before});
      if (now.acknowledged.size() > kUndoDepth) now.acknowledged.pop_front();
      if (m->stock_after < 0) below_zero.push_back(*m);
      replies[i] = "OK " + m->id + " " + printable(m->sku) + " " + std::to_string(p.shown_qty);
    }
    if (storage.ok()) storage = (*tx)->commit();
  }
  if (storage.ok()) {
    state_ = std::move(now);
    for (const ledger::Movement& m : below_zero) warn_if_below_zero(m);
    for (const Prepared& p : batch) {
      if (p.ok && !p.not_pushed.empty()) {
        log_warn("scan.not_pushed", {{"sku", p.request.sku}, {"why", p.not_pushed}});
      }
    }
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!batch[i].ok && !batch[i].reply.empty()) {
      replies[i] = batch[i].reply;
      if (worst.ok()) worst = bad_data(batch[i].reply);
    } else if (!storage.ok()) {
      // Nothing of this batch is stored: every scan in it is refused, none acknowledged.
      // Said whole: rare, and what the owner must do (restore from a named file, free the
      // disk) must reach someone even where nobody reads the log.
      replies[i] = "ERR " + printable(storage.with_context("not stored, scan again").message());
      worst = storage;  // a lost write outranks a bad code in the exit status
    }
  }
  return replies;
}

}  // namespace shelfnode::session
