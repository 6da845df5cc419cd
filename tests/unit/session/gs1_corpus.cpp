#include "gs1_corpus.h"

#include <string_view>

// The verdicts below come from the GS1 General Specifications and the Digital Link standard,
// restated here independently of src/scan: mod-10 check digits, the UPC-E expansion table,
// YYMMDD dates (day 00 allowed for (17)), character set 82 for (10)/(21), FNC1 after
// variable-length fields only, and the Digital Link qualifier order 22, 10, 21.
namespace shelfnode::testing {
namespace {

using Verdict = CorpusCase::Verdict;
constexpr char kGs = '\x1D';

int check_digit(std::string_view body) {
  int sum = 0;
  int weight = 3;
  for (auto it = body.rbegin(); it != body.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = 4 - weight;
  }
  return (10 - sum % 10) % 10;
}

std::string with_check(const std::string& body) {
  return body + static_cast<char>('0' + check_digit(body));
}

std::string pad14(const std::string& gtin) {
  return std::string(14 - gtin.size(), '0') + gtin;
}

std::string upce_to_upca_body(const std::string& e) {  // e = ns + d1..d6
  const std::string d = e.substr(1, 6);
  std::string m;
  switch (d[5]) {
    case '0':
    case '1':
    case '2':
      m = d.substr(0, 2) + d[5] + "0000" + d.substr(2, 3);
      break;
    case '3':
      m = d.substr(0, 3) + "00000" + d.substr(3, 2);
      break;
    case '4':
      m = d.substr(0, 4) + "00000" + d[4];
      break;
    default:
      m = d.substr(0, 5) + "0000" + d[5];
      break;
  }
  return e.substr(0, 1) + m;
}

struct Product {
  std::string gtin;  // as written: 8, 12, 13 or 14 digits
  bool in_catalog;
  std::string sku;
};

std::vector<Product> products() {
  std::vector<Product> out;
  auto add = [&](const std::string& gtin, int i, int listed, const char* kind) {
    out.push_back(Product{gtin, i < listed, std::string(kind) + "-" + std::to_string(i)});
  };
  for (int i = 0; i < 40; ++i) {
    const std::string n = std::to_string(100 + i).substr(1);
    add(with_check("4006381330" + n), i, 20, "EAN13");
  }
  for (int i = 0; i < 10; ++i) add(with_check("036000290" + std::to_string(10 + i)), i, 5, "UPCA");
  for (int i = 0; i < 10; ++i) add(with_check("96385" + std::to_string(10 + i)), i, 5, "EAN8");
  for (int i = 0; i < 10; ++i) {
    add(with_check("10614141" + std::to_string(10000 + i)), i, 5, "GTIN14");
  }
  return out;
}

// UPC-E symbols: number system 0, bodies whose last digit covers every expansion rule.
std::vector<Product> upce_products() {
  std::vector<Product> out;
  for (int i = 0; i < 10; ++i) {
    const std::string e7 = "0" + std::to_string(12345 + i * 1111).substr(0, 5) + char('0' + i);
    const std::string upce = e7 + static_cast<char>('0' + check_digit(upce_to_upca_body(e7)));
    out.push_back(Product{upce, i < 6, "UPCE-" + std::to_string(i)});
  }
  return out;
}

bool is_ean8_too(const std::string& upce) {
  return check_digit(upce.substr(0, 7)) == upce[7] - '0';
}

CorpusCase found_or_unknown(std::string input, const Product& p, std::int64_t qty = 1) {
  CorpusCase c;
  c.input = std::move(input);
  c.verdict = p.in_catalog ? Verdict::kFound : Verdict::kUnknown;
  c.sku = p.in_catalog ? p.sku : "";
  c.quantity = qty;
  return c;
}

CorpusCase bad(std::string input) {
  CorpusCase c;
  c.input = std::move(input);
  c.verdict = Verdict::kBad;
  return c;
}

CorpusCase unknown(std::string input) {
  CorpusCase c;
  c.input = std::move(input);
  c.verdict = Verdict::kUnknown;
  return c;
}

bool valid_date(const std::string& d, bool day00) {
  const int y = std::stoi(d.substr(0, 2));
  const int m = std::stoi(d.substr(2, 2));
  const int day = std::stoi(d.substr(4, 2));
  if (m < 1 || m > 12) return false;
  if (day == 0) return day00;
  const int days[] = {31, y % 4 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return day <= days[m - 1];
}

bool cset82(const std::string& v) {
  constexpr std::string_view kPunct = "!\"%&'()*+,-./:;<=>?_";
  for (char c : v) {
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && kPunct.find(c) == std::string_view::npos) return false;
  }
  return !v.empty() && v.size() <= 20;
}

void bare_numbers(const Product& p, std::vector<CorpusCase>& out) {
  out.push_back(found_or_unknown(p.gtin, p));
  CorpusCase suffixed = found_or_unknown(p.gtin + "*7", p, 7);
  suffixed.till_only = true;
  out.push_back(suffixed);
  const std::string body = p.gtin.substr(0, p.gtin.size() - 1);
  for (char d = '0'; d <= '9'; ++d) {
    if (d == p.gtin.back()) continue;
    // A bare number with a wrong check digit may be a numeric SKU: unknown, never another item.
    // (Eight digits starting 9 cannot be UPC-E, so the EAN-8 reading is the only one.)
    out.push_back(unknown(body + d));
    if (p.gtin.size() == 13 || p.gtin.size() == 12) out.push_back(bad("]E0" + body + d));
    if (p.gtin.size() == 8) out.push_back(bad("]E4" + body + d));
    out.push_back(bad("(01)" + pad14(body + d)));
  }
  if (p.gtin.size() == 13 || p.gtin.size() == 12)
    out.push_back(found_or_unknown("]E0" + p.gtin, p));
  if (p.gtin.size() == 8) {
    out.push_back(found_or_unknown("]E4" + p.gtin, p));
    out.push_back(bad("]E0" + p.gtin));  // number system 9: not a UPC-E
  }
}

void bracketed(const Product& p, std::vector<CorpusCase>& out) {
  const std::string g = "(01)" + pad14(p.gtin);
  out.push_back(found_or_unknown(g, p));
  for (const std::string lot :
       {"A", "AB*5", "AB*C", "L%20x", "x*6", "12345678901234567890", "123456789012345678901", "A B",
        "A#B", "A~", "A[1]", "a!\"&'+,-./:;<=>?_"}) {
    out.push_back(cset82(lot) ? found_or_unknown(g + "(10)" + lot, p) : bad(g + "(10)" + lot));
    out.push_back(cset82(lot) ? found_or_unknown(g + "(21)" + lot, p) : bad(g + "(21)" + lot));
  }
  for (const std::string date :
       {"261231", "260100", "240229", "250229", "261331", "260000", "260431", "261130"}) {
    const std::string in = g + "(17)" + date;
    out.push_back(valid_date(date, true) ? found_or_unknown(in, p) : bad(in));
    const std::string first_freeze = g + "(7006)" + date;
    out.push_back(valid_date(date, false) ? found_or_unknown(first_freeze, p) : bad(first_freeze));
  }
  for (int n : {1, 5, 12, 999})
    out.push_back(found_or_unknown(g + "(30)" + std::to_string(n), p, n));
  out.push_back(bad(g + "(30)0"));
  out.push_back(bad(g + "(30)123456789"));
  out.push_back(bad(g + "(30)12*2"));
  out.push_back(bad(g + "*3"));                                     // '*' would be part of (01)
  out.push_back(found_or_unknown(g + "(3103)000195(3922)299", p));  // variable measure: 1 unit
  out.push_back(bad(g + "(3103)00019"));
  out.push_back(bad(g + "(3103)000195(3102)001950"));
  out.push_back(found_or_unknown(g + "(8200)https://example.com/p?id=1", p));
  out.push_back(found_or_unknown(g + "(240)ADD-1(400)PO-9(91)X*1(99)Y", p));
  out.push_back(found_or_unknown(g + "(22)CPV", p));
  out.push_back(bad(g + "(14)X"));  // unassigned AI
}

void raw(const Product& p, std::vector<CorpusCase>& out) {
  const std::string g = "01" + pad14(p.gtin);
  const std::string gs(1, kGs);
  for (const char* aim : {"]C1", "]e0", "]d2", "]Q3", "]J1"}) {
    const std::string a(aim);
    out.push_back(found_or_unknown(a + g, p));
    out.push_back(found_or_unknown(a + g + "10LOT*5" + gs + "17261231", p));
    out.push_back(found_or_unknown(a + g + "17261231" + "10LOT", p));
    out.push_back(found_or_unknown(a + g + gs + "10LOT", p));       // GS after a fixed field
    out.push_back(found_or_unknown(a + gs + g + "10LOT" + gs, p));  // leading and trailing GS
    out.push_back(found_or_unknown(a + g + "3012" + gs + "10L", p, 12));
    out.push_back(found_or_unknown(a + g + "3103000195" + "3922299", p));
    out.push_back(bad(a + g + "10ABCDEFGHIJKLMNO" + "17261231"));  // GS missing: lot too long
    out.push_back(bad(a + g + "10LOT" + gs + gs + "17261231"));    // two GS in a row
    out.push_back(bad(a + g + "17261331"));
    out.push_back(bad(a + g.substr(0, 15)));  // (01) cut short
  }
  out.push_back(found_or_unknown(gs + g + "10LOT", p));  // FNC1 sent as GS, no identifier
}

void digital_links(const Product& p, std::vector<CorpusCase>& out) {
  const std::string base = "https://id.gs1.org/01/" + p.gtin;
  const std::string base14 = "https://example.com/shop/01/" + pad14(p.gtin);
  out.push_back(found_or_unknown(base, p));
  out.push_back(found_or_unknown(base14, p));
  out.push_back(found_or_unknown(base + "/10/AB*15", p));
  out.push_back(found_or_unknown(base + "?utm_content=x*6", p));
  out.push_back(found_or_unknown(base + "#frag*3", p));
  out.push_back(found_or_unknown(base + "/22/V1/10/L1/21/S1?17=261231", p));
  out.push_back(found_or_unknown("]Q1" + base + "/21/S*2", p));
  out.push_back(found_or_unknown(base + "?30=4", p, 4));
  out.push_back(bad(base + "/21/S/10/L"));
  out.push_back(bad(base + "/10/L/22/V"));
  out.push_back(bad(base + "?17=261331"));
  out.push_back(bad(base + "/17/261231"));
  out.push_back(bad(base + "*5"));
  const std::string body = p.gtin.substr(0, p.gtin.size() - 1);
  out.push_back(bad("https://id.gs1.org/01/" + body + char('0' + (p.gtin.back() - '0' + 1) % 10)));
}

void upce(const Product& p, std::vector<CorpusCase>& out) {
  out.push_back(found_or_unknown(p.gtin, p));
  out.push_back(found_or_unknown("]E0" + p.gtin, p));
  out.push_back(found_or_unknown(with_check(upce_to_upca_body(p.gtin.substr(0, 7))), p));
  if (is_ean8_too(p.gtin)) out.push_back(found_or_unknown("]E4" + p.gtin, p));
  for (char d = '0'; d <= '9'; ++d) {
    if (d == p.gtin.back()) continue;
    const std::string wrong = p.gtin.substr(0, 7) + d;
    out.push_back(bad("]E0" + wrong));
  }
}

}  // namespace

std::string corpus_catalog_csv() {
  std::string csv = "sku,name,barcode\n";
  for (const Product& p : products()) {
    if (p.in_catalog) csv += p.sku + "," + p.sku + "," + p.gtin + "\n";
  }
  for (const Product& p : upce_products()) {
    if (p.in_catalog) csv += p.sku + "," + p.sku + "," + p.gtin + "\n";
  }
  return csv;
}

std::vector<CorpusCase> generate_gs1_corpus() {
  std::vector<CorpusCase> out;
  for (const Product& p : products()) {
    bare_numbers(p, out);
    bracketed(p, out);
    raw(p, out);
    digital_links(p, out);
  }
  for (const Product& p : upce_products()) upce(p, out);
  return out;
}

}  // namespace shelfnode::testing
