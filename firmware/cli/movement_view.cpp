#include "cli/movement_view.h"

#include "shelfnode/core/printable.h"

namespace shelfnode::cli {

const char* const kMovementCsvHeader =
    "seq,id,at,kind,code,sku,warehouse,delta,source,reference,voids,note";

std::string export_text(std::string_view text) {
  return is_valid_utf8(text) ? std::string(text) : printable(text);
}

std::string csv_field(std::string_view raw) {
  std::string text = export_text(raw);
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos) {
    text.insert(text.begin(), '\'');
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

cJSON* movement_json(const ledger::StoredMovement& m) {
  cJSON* o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "seq", static_cast<double>(m.seq));
  cJSON_AddStringToObject(o, "id", m.id.c_str());
  cJSON_AddStringToObject(o, "at", m.at.c_str());
  cJSON_AddStringToObject(o, "kind", m.kind.c_str());
  cJSON_AddStringToObject(o, "code", export_text(m.code).c_str());
  cJSON_AddStringToObject(o, "sku", export_text(m.sku).c_str());
  cJSON_AddStringToObject(o, "warehouse", m.warehouse.c_str());
  cJSON_AddNumberToObject(o, "delta", static_cast<double>(m.delta));
  cJSON_AddStringToObject(o, "source", export_text(m.source).c_str());
  const auto optional = [o](const char* name, const std::string& v) {
    if (v.empty()) {
      cJSON_AddNullToObject(o, name);
    } else {
      cJSON_AddStringToObject(o, name, export_text(v).c_str());
    }
  };
  optional("reference", m.reference);
  optional("voids", m.voids);
  optional("note", m.note);
  optional("voided_by", m.voided_by);
  return o;
}

std::string movement_csv(const ledger::StoredMovement& m) {
  std::string row = std::to_string(m.seq);
  for (const std::string* field : {&m.id, &m.at, &m.kind, &m.code, &m.sku, &m.warehouse}) {
    row += ',' + csv_field(*field);
  }
  row += ',' + std::to_string(m.delta);
  for (const std::string* field : {&m.source, &m.reference, &m.voids, &m.note}) {
    row += ',' + csv_field(*field);
  }
  return row;
}

std::string movement_remark(const ledger::StoredMovement& m) {
  if (m.kind == "void") {
    return "undoes " + m.voids + (m.note.empty() ? "" : ": " + printable(m.note));
  }
  std::string remark;
  if (!m.reference.empty()) remark = "order line " + printable(m.reference);
  if (!m.voided_by.empty()) remark += (remark.empty() ? "" : "; ") + ("voided by " + m.voided_by);
  return remark;
}

}  // namespace shelfnode::cli
