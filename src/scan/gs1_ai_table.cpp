#include "scan/gs1_ai_table.h"

#include <algorithm>
#include <vector>

#include "scan/gs1_ai_format.h"

namespace shelfnode::scan {
namespace {

// One row per AI or run of AIs (first..last, same length, same format), written from the GS1
// Barcode Syntax Dictionary: its AI, "*" flag (predefined length), format and title. For
// 31nn-36nn and 390n-395n the last digit is the number of implied decimals.
struct Row {
  std::string_view first;
  std::string_view last;
  bool predefined;
  std::string_view format;
  std::string_view title;
  bool decimals_in_last_digit = false;
};

constexpr bool kFixed = true;
constexpr bool kFnc1 = false;

// Measures: "N6", predefined, decimals 0-5 in the fourth digit.
constexpr Row measure(std::string_view first, std::string_view last, std::string_view title) {
  return Row{first, last, kFixed, "N6", title, true};
}

constexpr Row kRows[] = {
    {"00", "00", kFixed, "N18,csum,key", "SSCC"},
    {"01", "01", kFixed, "N14,csum,key", "GTIN"},
    {"02", "02", kFixed, "N14,csum,key", "CONTENT"},
    {"10", "10", kFnc1, "X..20", "BATCH/LOT"},
    {"11", "11", kFixed, "N6,yymmd0", "PROD DATE"},
    {"12", "12", kFixed, "N6,yymmd0", "DUE DATE"},
    {"13", "13", kFixed, "N6,yymmd0", "PACK DATE"},
    {"15", "15", kFixed, "N6,yymmd0", "BEST BEFORE or BEST BY"},
    {"16", "16", kFixed, "N6,yymmd0", "SELL BY"},
    {"17", "17", kFixed, "N6,yymmd0", "USE BY or EXPIRY"},
    {"20", "20", kFixed, "N2", "VARIANT"},
    {"21", "21", kFnc1, "X..20", "SERIAL"},
    {"22", "22", kFnc1, "X..20", "CPV"},
    {"235", "235", kFnc1, "X..28", "TPX"},
    {"240", "240", kFnc1, "X..30", "ADDITIONAL ID"},
    {"241", "241", kFnc1, "X..30", "CUST. PART No."},
    {"242", "242", kFnc1, "N..6", "MTO VARIANT"},
    {"243", "243", kFnc1, "X..20", "PCN"},
    {"250", "250", kFnc1, "X..30", "SECONDARY SERIAL"},
    {"251", "251", kFnc1, "X..30", "REF. TO SOURCE"},
    {"253", "253", kFnc1, "N13,csum,key [X..17]", "GDTI"},
    {"254", "254", kFnc1, "X..20", "GLN EXTENSION COMPONENT"},
    {"255", "255", kFnc1, "N13,csum,key [N..12]", "GCN"},
    {"30", "30", kFnc1, "N..8", "VAR. COUNT"},
    measure("3100", "3105", "NET WEIGHT (kg)"),
    measure("3110", "3115", "LENGTH (m)"),
    measure("3120", "3125", "WIDTH (m)"),
    measure("3130", "3135", "HEIGHT (m)"),
    measure("3140", "3145", "AREA (m2)"),
    measure("3150", "3155", "NET VOLUME (l)"),
    measure("3160", "3165", "NET VOLUME (m3)"),
    measure("3200", "3205", "NET WEIGHT (lb)"),
    measure("3210", "3215", "LENGTH (in)"),
    measure("3220", "3225", "LENGTH (ft)"),
    measure("3230", "3235", "LENGTH (yd)"),
    measure("3240", "3245", "WIDTH (in)"),
    measure("3250", "3255", "WIDTH (ft)"),
    measure("3260", "3265", "WIDTH (yd)"),
    measure("3270", "3275", "HEIGHT (in)"),
    measure("3280", "3285", "HEIGHT (ft)"),
    measure("3290", "3295", "HEIGHT (yd)"),
    measure("3300", "3305", "GROSS WEIGHT (kg)"),
    measure("3310", "3315", "LENGTH (m), log"),
    measure("3320", "3325", "WIDTH (m), log"),
    measure("3330", "3335", "HEIGHT (m), log"),
    measure("3340", "3345", "AREA (m2), log"),
    measure("3350", "3355", "VOLUME (l), log"),
    measure("3360", "3365", "VOLUME (m3), log"),
    measure("3370", "3375", "KG PER m2"),
    measure("3400", "3405", "GROSS WEIGHT (lb)"),
    measure("3410", "3415", "LENGTH (in), log"),
    measure("3420", "3425", "LENGTH (ft), log"),
    measure("3430", "3435", "LENGTH (yd), log"),
    measure("3440", "3445", "WIDTH (in), log"),
    measure("3450", "3455", "WIDTH (ft), log"),
    measure("3460", "3465", "WIDTH (yd), log"),
    measure("3470", "3475", "HEIGHT (in), log"),
    measure("3480", "3485", "HEIGHT (ft), log"),
    measure("3490", "3495", "HEIGHT (yd), log"),
    measure("3500", "3505", "AREA (in2)"),
    measure("3510", "3515", "AREA (ft2)"),
    measure("3520", "3525", "AREA (yd2)"),
    measure("3530", "3535", "AREA (in2), log"),
    measure("3540", "3545", "AREA (ft2), log"),
    measure("3550", "3555", "AREA (yd2), log"),
    measure("3560", "3565", "NET WEIGHT (t oz)"),
    measure("3570", "3575", "NET VOLUME (oz)"),
    measure("3600", "3605", "NET VOLUME (qt)"),
    measure("3610", "3615", "NET VOLUME (gal.)"),
    measure("3620", "3625", "VOLUME (qt), log"),
    measure("3630", "3635", "VOLUME (gal.), log"),
    measure("3640", "3645", "VOLUME (in3)"),
    measure("3650", "3655", "VOLUME (ft3)"),
    measure("3660", "3665", "VOLUME (yd3)"),
    measure("3670", "3675", "VOLUME (in3), log"),
    measure("3680", "3685", "VOLUME (ft3), log"),
    measure("3690", "3695", "VOLUME (yd3), log"),
    {"37", "37", kFnc1, "N..8", "COUNT"},
    {"3900", "3909", kFnc1, "N..15", "AMOUNT", true},
    {"3910", "3919", kFnc1, "N3,iso4217 N..15", "AMOUNT", true},
    {"3920", "3929", kFnc1, "N..15", "PRICE", true},
    {"3930", "3939", kFnc1, "N3,iso4217 N..15", "PRICE", true},
    {"3940", "3943", kFnc1, "N4", "PRCNT OFF", true},
    {"3950", "3955", kFnc1, "N6", "PRICE/UoM", true},
    {"400", "400", kFnc1, "X..30", "ORDER NUMBER"},
    {"401", "401", kFnc1, "X..30,key", "GINC"},
    {"402", "402", kFnc1, "N17,csum,key", "GSIN"},
    {"403", "403", kFnc1, "X..30", "ROUTE"},
    {"410", "410", kFixed, "N13,csum,key", "SHIP TO LOC"},
    {"411", "411", kFixed, "N13,csum,key", "BILL TO"},
    {"412", "412", kFixed, "N13,csum,key", "PURCHASE FROM"},
    {"413", "413", kFixed, "N13,csum,key", "SHIP FOR LOC"},
    {"414", "414", kFixed, "N13,csum,key", "LOC No."},
    {"415", "415", kFixed, "N13,csum,key", "PAY TO"},
    {"416", "416", kFixed, "N13,csum,key", "PROD/SERV LOC"},
    {"417", "417", kFixed, "N13,csum,key", "PARTY"},
    {"420", "420", kFnc1, "X..20", "SHIP TO POST"},
    {"421", "421", kFnc1, "N3,iso3166 X..9", "SHIP TO POST"},
    {"422", "422", kFnc1, "N3,iso3166", "ORIGIN"},
    {"423", "423", kFnc1, "N..15,iso3166list", "COUNTRY - INITIAL PROCESS"},
    {"424", "424", kFnc1, "N3,iso3166", "COUNTRY - PROCESS"},
    {"425", "425", kFnc1, "N..15,iso3166list", "COUNTRY - DISASSEMBLY"},
    {"426", "426", kFnc1, "N3,iso3166", "COUNTRY - FULL PROCESS"},
    {"427", "427", kFnc1, "X..3", "ORIGIN SUBDIVISION"},
    {"4300", "4301", kFnc1, "X..35,pcenc", "SHIP TO COMP/NAME"},
    {"4302", "4306", kFnc1, "X..70,pcenc", "SHIP TO ADDRESS"},
    {"4307", "4307", kFnc1, "X2,iso3166alpha2", "SHIP TO COUNTRY"},
    {"4308", "4308", kFnc1, "X..30", "SHIP TO PHONE"},
    {"4309", "4309", kFnc1, "N10,latitude N10,longitude", "SHIP TO GEO"},
    {"4310", "4311", kFnc1, "X..35,pcenc", "RTN TO COMP/NAME"},
    {"4312", "4316", kFnc1, "X..70,pcenc", "RTN TO ADDRESS"},
    {"4317", "4317", kFnc1, "X2,iso3166alpha2", "RTN TO COUNTRY"},
    {"4318", "4318", kFnc1, "X..20", "RTN TO POST"},
    {"4319", "4319", kFnc1, "X..30", "RTN TO PHONE"},
    {"4320", "4320", kFnc1, "X..35,pcenc", "SRV DESCRIPTION"},
    {"4321", "4323", kFnc1, "N1,yesno", "DANGEROUS GOODS/AUTH TO LEAVE/SIG REQUIRED"},
    {"4324", "4325", kFnc1, "N6,yymmd0 N4,hhmm", "NOT BEF/AFT DEL DT"},
    {"4326", "4326", kFnc1, "N6,yymmdd", "REL DATE"},
    {"4330", "4333", kFnc1, "N6 [X1],hyphen", "MAX/MIN TEMP"},
    {"7001", "7001", kFnc1, "N13", "NSN"},
    {"7002", "7002", kFnc1, "X..30", "MEAT CUT"},
    {"7003", "7003", kFnc1, "N6,yymmdd N4,hhmm", "EXPIRY TIME"},
    {"7004", "7004", kFnc1, "N..4", "ACTIVE POTENCY"},
    {"7005", "7005", kFnc1, "X..12", "CATCH AREA"},
    {"7006", "7006", kFnc1, "N6,yymmdd", "FIRST FREEZE DATE"},
    {"7007", "7007", kFnc1, "N6,yymmdd [N6],yymmdd", "HARVEST DATE"},
    {"7008", "7008", kFnc1, "X..3", "AQUATIC SPECIES"},
    {"7009", "7009", kFnc1, "X..10", "FISHING GEAR TYPE"},
    {"7010", "7010", kFnc1, "X..2", "PROD METHOD"},
    {"7011", "7011", kFnc1, "N6,yymmdd [N4],hhmm", "TEST BY DATE"},
    {"7020", "7020", kFnc1, "X..20", "REFURB LOT"},
    {"7021", "7021", kFnc1, "X..20", "FUNC STAT"},
    {"7022", "7022", kFnc1, "X..20", "REV STAT"},
    {"7023", "7023", kFnc1, "X..30,key", "GIAI - ASSEMBLY"},
    {"7030", "7039", kFnc1, "N3,iso3166999 X..27", "PROCESSOR #"},
    {"7040", "7040", kFnc1, "N1 X1 X1 X1,importeridx", "UIC+EXT"},
    {"710", "715", kFnc1, "X..20", "NHRN"},
    {"7230", "7239", kFnc1, "X2 X..28", "CERT #"},
    {"7240", "7240", kFnc1, "X..20", "PROTOCOL"},
    {"7241", "7241", kFnc1, "N2,mediatype", "AIDC MEDIA TYPE"},
    {"7242", "7242", kFnc1, "X..25", "VCN"},
    {"8001", "8001", kFnc1, "N4,nonzero N5,nonzero N3,nonzero N1,winding N1", "DIMENSIONS"},
    {"8002", "8002", kFnc1, "X..20", "CMT No."},
    {"8003", "8003", kFnc1, "N1,zero N13,csum,key [X..16]", "GRAI"},
    {"8004", "8004", kFnc1, "X..30,key", "GIAI"},
    {"8005", "8005", kFnc1, "N6", "PRICE PER UNIT"},
    {"8006", "8006", kFnc1, "N14,csum N4,pieceoftotal", "ITIP"},
    {"8007", "8007", kFnc1, "X..34,iban", "IBAN"},
    {"8008", "8008", kFnc1, "N8,yymmddhh [N..4],mmoptss", "PROD TIME"},
    {"8009", "8009", kFnc1, "X..50", "OPTSEN"},
    {"8010", "8010", kFnc1, "Y..30,key", "CPID"},
    {"8011", "8011", kFnc1, "N..12,nozeroprefix", "CPID SERIAL"},
    {"8012", "8012", kFnc1, "X..20", "VERSION"},
    {"8013", "8013", kFnc1, "X..25,csumalpha,key", "GMN"},
    {"8017", "8018", kFnc1, "N18,csum,key", "GSRN"},
    {"8019", "8019", kFnc1, "N..10", "SRIN"},
    {"8020", "8020", kFnc1, "X..25", "REF No."},
    {"8026", "8026", kFnc1, "N14,csum N4,pieceoftotal", "ITIP CONTENT"},
    {"8030", "8030", kFnc1, "Z..90", "DIGSIG"},
    {"8110", "8110", kFnc1, "X..70,couponcode", "COUPON"},
    {"8111", "8111", kFnc1, "N4", "POINTS"},
    {"8112", "8112", kFnc1, "X..70,couponposoffer", "COUPON POS OFFER"},
    {"8200", "8200", kFnc1, "X..70", "PRODUCT URL"},
    {"90", "90", kFnc1, "X..30", "INTERNAL"},
    {"91", "99", kFnc1, "X..90", "INTERNAL"},
};

// The rows expanded to one definition per AI, sorted by AI. Built once, then only read.
const std::vector<AiDefinition>& table() {
  static const std::vector<AiDefinition> kTable = [] {
    std::vector<AiDefinition> out;
    for (const Row& row : kRows) {
      std::string ai(row.first);
      while (true) {
        AiDefinition def;
        def.ai = ai;
        def.title = row.title;
        // A format this reader cannot read leaves part_count 0; the table test fails on it.
        if (!read_ai_format(row.format, def)) def.part_count = 0;
        def.predefined_length = row.predefined;
        if (row.decimals_in_last_digit) def.decimals = ai.back() - '0';
        out.push_back(std::move(def));
        if (ai == row.last) break;
        ++ai.back();  // runs never cross a ten: "3100".."3105", "91".."99"
      }
    }
    std::sort(out.begin(), out.end(),
              [](const AiDefinition& a, const AiDefinition& b) { return a.ai < b.ai; });
    return out;
  }();
  return kTable;
}

}  // namespace

const AiDefinition* find_ai(std::string_view ai) {
  const std::vector<AiDefinition>& t = table();
  auto it =
      std::lower_bound(t.begin(), t.end(), ai,
                       [](const AiDefinition& d, std::string_view key) { return d.ai < key; });
  return it != t.end() && it->ai == ai ? &*it : nullptr;
}

const AiDefinition* match_ai_prefix(std::string_view data) {
  for (std::size_t length = 2; length <= 4 && length <= data.size(); ++length) {
    if (const AiDefinition* def = find_ai(data.substr(0, length))) return def;
  }
  return nullptr;
}

const AiDefinition* ai_table_begin() {
  return table().data();
}

const AiDefinition* ai_table_end() {
  return table().data() + table().size();
}

std::string_view supported_ai_list() {
  return "every AI of the GS1 General Specifications' AI table";
}

}  // namespace shelfnode::scan
