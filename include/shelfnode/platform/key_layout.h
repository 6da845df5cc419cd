#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace shelfnode::platform {

// What a key types at one level: an ASCII character, a dead key (an accent that waits for the
// next key; followed by Space it is the bare character) or nothing ASCII (ch == 0: é, £, ß...).
struct KeyOutput {
  char ch = 0;
  bool dead = false;

  constexpr KeyOutput() = default;
  constexpr KeyOutput(char c) : ch(c) {}  // NOLINT(google-explicit-constructor): table rows
  constexpr KeyOutput(char c, bool is_dead) : ch(c), dead(is_dead) {}
};

constexpr KeyOutput dead_key(char bare) {
  return KeyOutput(bare, true);
}

struct KeyEntry {
  bool known = false;   // the layout has this key at all
  bool letter = false;  // CapsLock swaps its plain and shifted levels
  KeyOutput plain;
  KeyOutput shift;
  KeyOutput altgr;
};

// The keyboard layout a keyboard-wedge scanner emulates, as a table from Linux key codes
// (<linux/input-event-codes.h>) to what each key types. The kernel reports which key was
// pressed, never which character: a layout is applied by X, Wayland or the console, none of
// which sees a grabbed scanner, so shelfnode keeps its own tables. They follow the Windows
// layouts, which are what scanners' "keyboard country" settings are made for.
class KeyLayout {
 public:
  static constexpr std::size_t kKeyCount = 128;  // every key a layout names is below 128

  KeyLayout(std::string_view name, bool has_altgr) : name_(name), has_altgr_(has_altgr) {}

  std::string_view name() const { return name_; }
  // Whether Right Alt is AltGr (a third level) rather than a second Alt key.
  bool has_altgr() const { return has_altgr_; }
  // The key's entry; nullptr for a key code the layout does not know.
  const KeyEntry* key(unsigned code) const;

  KeyEntry& entry(unsigned code) { return keys_.at(code); }

 private:
  std::string_view name_;
  bool has_altgr_;
  std::array<KeyEntry, kKeyCount> keys_{};
};

// "us", "uk", "de" or "fr"; nullptr for any other name.
const KeyLayout* find_layout(std::string_view name);
// The names find_layout knows, for messages: "us, uk, de, fr".
std::string layout_names();

}  // namespace shelfnode::platform
