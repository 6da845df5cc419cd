#include "shelfnode/platform/key_layout.h"

#include <linux/input-event-codes.h>

#include <cctype>
#include <vector>

#include "key_tables.h"

namespace shelfnode::platform {
namespace {

const LayoutDef* const kLayouts[] = {&kUsLayout, &kUkLayout, &kDeLayout, &kFrLayout};

void add_letters(KeyLayout& layout, const char* row, unsigned first_code) {
  for (unsigned i = 0; row[i] != '\0'; ++i) {
    KeyEntry& e = layout.entry(first_code + i);
    e.known = true;
    e.letter = true;
    e.plain = row[i];
    e.shift = static_cast<char>(std::toupper(static_cast<unsigned char>(row[i])));
  }
}

// Keys every layout types the same way. The keypad types digits whatever the NumLock state
// (a scanner that uses the keypad means digits), but with Shift it is a cursor key, as on a
// keyboard with NumLock on: nothing to type.
void add_common(KeyLayout& layout, char keypad_decimal) {
  const struct {
    unsigned code;
    char ch;
  } keypad[] = {{KEY_KP0, '0'},
                {KEY_KP1, '1'},
                {KEY_KP2, '2'},
                {KEY_KP3, '3'},
                {KEY_KP4, '4'},
                {KEY_KP5, '5'},
                {KEY_KP6, '6'},
                {KEY_KP7, '7'},
                {KEY_KP8, '8'},
                {KEY_KP9, '9'},
                {KEY_KPDOT, keypad_decimal},
                {KEY_KPSLASH, '/'},
                {KEY_KPASTERISK, '*'},
                {KEY_KPMINUS, '-'},
                {KEY_KPPLUS, '+'}};
  for (const auto& k : keypad) {
    KeyEntry& e = layout.entry(k.code);
    e.known = true;
    e.plain = k.ch;
  }
  KeyEntry& space = layout.entry(KEY_SPACE);
  space.known = true;
  space.plain = ' ';
  space.shift = ' ';
}

KeyLayout build(const LayoutDef& def) {
  KeyLayout layout(def.name, def.has_altgr);
  add_letters(layout, def.letter_rows[0], KEY_Q);
  add_letters(layout, def.letter_rows[1], KEY_A);
  add_letters(layout, def.letter_rows[2], KEY_Z);
  for (std::size_t i = 0; i < def.key_count; ++i) {
    KeyEntry& e = layout.entry(def.keys[i].code);
    e.known = true;
    e.plain = def.keys[i].plain;
    e.shift = def.keys[i].shift;
  }
  for (std::size_t i = 0; i < def.altgr_count; ++i) {
    KeyEntry& e = layout.entry(def.altgr[i].code);
    e.known = true;
    e.altgr = def.altgr[i].altgr;
  }
  add_common(layout, def.keypad_decimal);
  return layout;
}

}  // namespace

const KeyEntry* KeyLayout::key(unsigned code) const {
  if (code >= kKeyCount || !keys_[code].known) return nullptr;
  return &keys_[code];
}

const KeyLayout* find_layout(std::string_view name) {
  static const std::vector<KeyLayout> built = [] {
    std::vector<KeyLayout> layouts;
    for (const LayoutDef* def : kLayouts) layouts.push_back(build(*def));
    return layouts;
  }();
  for (const KeyLayout& layout : built) {
    if (layout.name() == name) return &layout;
  }
  return nullptr;
}

std::string layout_names() {
  std::string names;
  for (const LayoutDef* def : kLayouts) {
    if (!names.empty()) names += ", ";
    names += def->name;
  }
  return names;
}

}  // namespace shelfnode::platform
