#include "key_typing.h"

#include <linux/input-event-codes.h>

#include <sstream>
#include <stdexcept>

namespace shelfnode::platform::testing {
namespace {

// The keys of the four rows, left to right.
const std::vector<unsigned> kRows[4] = {
    {KEY_GRAVE, KEY_1, KEY_2, KEY_3, KEY_4, KEY_5, KEY_6, KEY_7, KEY_8, KEY_9, KEY_0, KEY_MINUS,
     KEY_EQUAL},
    {KEY_Q, KEY_W, KEY_E, KEY_R, KEY_T, KEY_Y, KEY_U, KEY_I, KEY_O, KEY_P, KEY_LEFTBRACE,
     KEY_RIGHTBRACE},
    {KEY_A, KEY_S, KEY_D, KEY_F, KEY_G, KEY_H, KEY_J, KEY_K, KEY_L, KEY_SEMICOLON, KEY_APOSTROPHE,
     KEY_BACKSLASH},
    {KEY_102ND, KEY_Z, KEY_X, KEY_C, KEY_V, KEY_B, KEY_N, KEY_M, KEY_COMMA, KEY_DOT, KEY_SLASH},
};

// Per row: plain, shifted and AltGr caps, space separated. One ASCII character is itself,
// "d" + a character is a dead key, anything else (é, £, ·) types nothing ASCII.
struct RowCaps {
  const char* plain;
  const char* shift;
  const char* altgr;
};

const RowCaps kUs[4] = {
    {"` 1 2 3 4 5 6 7 8 9 0 - =", "~ ! @ # $ % ^ & * ( ) _ +", nullptr},
    {"q w e r t y u i o p [ ]", "Q W E R T Y U I O P { }", nullptr},
    {"a s d f g h j k l ; ' \\", "A S D F G H J K L : \" |", nullptr},
    {"\\ z x c v b n m , . /", "| Z X C V B N M < > ?", nullptr},
};
const RowCaps kUk[4] = {
    {"` 1 2 3 4 5 6 7 8 9 0 - =", "¬ ! \" £ $ % ^ & * ( ) _ +", "¦ · · · € · · · · · · · ·"},
    {"q w e r t y u i o p [ ]", "Q W E R T Y U I O P { }", "· · é · · · ú í ó · · ·"},
    {"a s d f g h j k l ; ' #", "A S D F G H J K L : @ ~", "á · · · · · · · · · · ·"},
    {"\\ z x c v b n m , . /", "| Z X C V B N M < > ?", "· · · · · · · · · · ·"},
};
const RowCaps kDe[4] = {
    {"d^ 1 2 3 4 5 6 7 8 9 0 ß ´", "° ! \" § $ % & / ( ) = ? d`", "· · ² ³ · · · { [ ] } \\ ·"},
    {"q w e r t z u i o p ü +", "Q W E R T Z U I O P Ü *", "@ · € · · · · · · · · ~"},
    {"a s d f g h j k l ö ä #", "A S D F G H J K L Ö Ä '", "· · · · · · · · · · · ·"},
    {"< y x c v b n m , . -", "> Y X C V B N M ; : _", "| · · · · · · µ · · ·"},
};
const RowCaps kFr[4] = {
    {"² & é \" ' ( - è _ ç à ) =", "· 1 2 3 4 5 6 7 8 9 0 ° +", "· · d~ # { [ | d` \\ ^ @ ] }"},
    {"a z e r t y u i o p d^ $", "A Z E R T Y U I O P ¨ £", "· · € · · · · · · · · ¤"},
    {"q s d f g h j k l m ù *", "Q S D F G H J K L M % µ", "· · · · · · · · · · · ·"},
    {"< w x c v b n , ; : !", "> W X C V B N ? . / §", "· · · · · · · · · · ·"},
};

std::vector<Cap> parse_caps(const char* text, std::size_t count) {
  std::vector<Cap> caps;
  if (text == nullptr) return std::vector<Cap>(count);
  std::istringstream in(text);
  std::string token;
  while (in >> token) {
    Cap c;
    if (token.size() == 1) {
      c.kind = Cap::kChar;
      c.ch = token[0];
    } else if (token.size() == 2 && token[0] == 'd') {
      c.kind = Cap::kDead;
      c.ch = token[1];
    }
    caps.push_back(c);
  }
  if (caps.size() != count) throw std::logic_error(std::string("bad row: ") + text);
  return caps;
}

input_event stamped(Instant now) {
  const auto since = now.time_since_epoch();
  const auto sec = std::chrono::duration_cast<std::chrono::seconds>(since);
  input_event e{};
  e.input_event_sec = sec.count();
  e.input_event_usec = std::chrono::duration_cast<std::chrono::microseconds>(since - sec).count();
  return e;
}

}  // namespace

std::vector<ExpectedKey> expected_keys(std::string_view layout) {
  const RowCaps* rows = layout == "us"   ? kUs
                        : layout == "uk" ? kUk
                        : layout == "de" ? kDe
                        : layout == "fr" ? kFr
                                         : nullptr;
  if (rows == nullptr) throw std::logic_error("no such layout in the tests");
  std::vector<ExpectedKey> keys;
  for (int r = 0; r < 4; ++r) {
    const std::size_t n = kRows[r].size();
    const std::vector<Cap> plain = parse_caps(rows[r].plain, n);
    const std::vector<Cap> shift = parse_caps(rows[r].shift, n);
    const std::vector<Cap> altgr = parse_caps(rows[r].altgr, n);
    for (std::size_t i = 0; i < n; ++i) {
      const bool letter = plain[i].kind == Cap::kChar && plain[i].ch >= 'a' && plain[i].ch <= 'z';
      keys.push_back(ExpectedKey{kRows[r][i], plain[i], shift[i], altgr[i], letter});
    }
  }
  return keys;
}

void Typist::key(unsigned code, int value) {
  input_event e = stamped(now);
  e.type = EV_MSC;
  e.code = MSC_SCAN;
  e.value = static_cast<int>(0x70000 + code);
  events.push_back(e);
  e.type = EV_KEY;
  e.code = static_cast<__u16>(code);
  e.value = value;
  events.push_back(e);
  e.type = EV_SYN;
  e.code = SYN_REPORT;
  e.value = 0;
  events.push_back(e);
}

void Typist::syn(unsigned code) {
  input_event e = stamped(now);
  e.type = EV_SYN;
  e.code = static_cast<__u16>(code);
  events.push_back(e);
}

std::vector<Scan> feed_all(KeyDecoder& decoder, const std::vector<input_event>& events) {
  std::vector<Scan> out;
  for (const input_event& e : events) decoder.feed(e, KeyDecoder::event_time(e), out);
  return out;
}

}  // namespace shelfnode::platform::testing
