#pragma once

#include <cstddef>

#include "shelfnode/platform/key_layout.h"

namespace shelfnode::platform {

// One layout as written down: its letter rows (the keys CapsLock works on), the plain and
// shifted levels of every other key, and the AltGr level where the layout has one.
struct KeyDef {
  unsigned short code;
  KeyOutput plain;
  KeyOutput shift;
};

struct AltGrDef {
  unsigned short code;
  KeyOutput altgr;
};

struct LayoutDef {
  const char* name;
  bool has_altgr;
  // Letters on the keys from KEY_Q, from KEY_A and from KEY_Z on, in key code order.
  const char* letter_rows[3];
  const KeyDef* keys;
  std::size_t key_count;
  const AltGrDef* altgr;
  std::size_t altgr_count;
  char keypad_decimal;  // KEY_KPDOT: ',' on the German keypad
};

extern const LayoutDef kUsLayout;
extern const LayoutDef kUkLayout;
extern const LayoutDef kDeLayout;
extern const LayoutDef kFrLayout;

}  // namespace shelfnode::platform
