#include "shelfnode/platform/key_decoder.h"

#include <linux/input-event-codes.h>

#include <cstddef>

namespace shelfnode::platform {
namespace {

constexpr char kGroupSeparator = 0x1D;
// Five digits are already no ASCII code; more are not kept, so a device that holds Alt and
// types keypad digits without end grows neither memory nor the refusal's wording.
constexpr std::size_t kAltCodeDigitsKept = 5;

// The digit a keypad key types, or -1.
int keypad_digit(unsigned code) {
  switch (code) {
    case KEY_KP0:
      return 0;
    case KEY_KP1:
      return 1;
    case KEY_KP2:
      return 2;
    case KEY_KP3:
      return 3;
    case KEY_KP4:
      return 4;
    case KEY_KP5:
      return 5;
    case KEY_KP6:
      return 6;
    case KEY_KP7:
      return 7;
    case KEY_KP8:
      return 8;
    case KEY_KP9:
      return 9;
    default:
      return -1;
  }
}

std::string key_code(unsigned code) {
  return "key code " + std::to_string(code);
}

}  // namespace

Instant KeyDecoder::event_time(const input_event& event) {
  return Instant(std::chrono::seconds(event.input_event_sec) +
                 std::chrono::microseconds(event.input_event_usec));
}

std::string KeyDecoder::wrong_layout() const {
  return "the scanner's keyboard layout is not " + std::string(layout_.name()) +
         " \u2014 set scanner.layout";
}

void KeyDecoder::refuse(const std::string& why) {
  if (problem_.empty()) problem_ = why;
}

bool KeyDecoder::typed() const {
  return !text_.empty() || !problem_.empty() || dead_ != 0 || in_alt_code_;
}

void KeyDecoder::release_all() {
  shift_left_ = shift_right_ = ctrl_left_ = ctrl_right_ = false;
  alt_left_ = alt_right_ = meta_ = false;
}

void KeyDecoder::feed(const input_event& event, Instant at, std::vector<Scan>& out) {
  if (event.type == EV_SYN) {
    if (event.code == SYN_DROPPED) events_lost(at);
    if (event.code == SYN_REPORT) dropping_ = false;
    return;
  }
  // Autorepeat (value 2) never means a second character from a scanner; EV_MSC (the HID
  // usage) and EV_LED say nothing the key code does not.
  if (dropping_ || event.type != EV_KEY || event.value == 2) return;
  const bool pressed = event.value == 1;
  if (active_ && at - last_ >= framing_.gap) end_on_gap(out);
  if (pressed) active_ = true;
  if (active_) last_ = at;
  if (modifier(event.code, pressed)) return;
  if (pressed) press(event.code, out);
}

// The kernel's buffer for this reader overflowed: events of the scan being typed (or of a
// whole scan) are gone, and so may be the releases of modifiers. What is left of the scan is
// refused, and every modifier counts as released.
void KeyDecoder::events_lost(Instant at) {
  refuse("key events were lost (the reader fell behind the scanner); scan again");
  dropping_ = true;
  active_ = true;
  last_ = at;
  release_all();
  in_alt_code_ = false;
  alt_code_.clear();
  dead_ = 0;
}

bool KeyDecoder::modifier(unsigned code, bool pressed) {
  switch (code) {
    case KEY_LEFTSHIFT:
      shift_left_ = pressed;
      return true;
    case KEY_RIGHTSHIFT:
      shift_right_ = pressed;
      return true;
    case KEY_LEFTCTRL:
      ctrl_left_ = pressed;
      return true;
    case KEY_RIGHTCTRL:
      ctrl_right_ = pressed;
      return true;
    case KEY_LEFTALT:
      alt_left_ = pressed;
      if (!pressed) alt_released();
      return true;
    case KEY_RIGHTALT:
      alt_right_ = pressed;
      if (!pressed) alt_released();
      return true;
    case KEY_LEFTMETA:
    case KEY_RIGHTMETA:
      meta_ = pressed;
      return true;
    case KEY_CAPSLOCK:
      if (pressed) caps_lock_ = !caps_lock_;
      return true;
    // The keypad types digits whatever NumLock says (key_layout.cpp), and ScrollLock types
    // nothing.
    case KEY_NUMLOCK:
    case KEY_SCROLLLOCK:
      return true;
    default:
      return false;
  }
}

// An Alt code is typed when the Alt key goes up: Alt+0029 is GS, Alt+65 is A. With or without
// a leading zero (Windows' ANSI and OEM code pages) the codes agree up to 127, which is all
// a barcode in keyboard mode carries.
void KeyDecoder::alt_released() {
  if (!in_alt_code_ || alt_left_ || alt_right_) return;
  in_alt_code_ = false;
  const std::string digits = std::move(alt_code_);
  alt_code_.clear();
  int value = 0;
  if (digits.size() <= 4) {
    for (char d : digits) value = value * 10 + (d - '0');
  }
  if (value < 1 || value > 127) {
    refuse("Alt code " + digits + " is not an ASCII character (1 to 127)");
    return;
  }
  type(static_cast<char>(value), false);
}

void KeyDecoder::press(unsigned code, std::vector<Scan>& out) {
  if (code == KEY_ENTER || code == KEY_KPENTER) {
    if (framing_.suffix == Suffix::kEnter) return end_on_suffix(out);
    return type('\r', false);  // not this scanner's suffix: the session judges a CR
  }
  if (code == KEY_TAB) {
    if (framing_.suffix == Suffix::kTab) return end_on_suffix(out);
    return type('\t', false);
  }
  const bool ctrl = ctrl_left_ || ctrl_right_;
  const bool alt = alt_left_ || alt_right_;
  const int digit = keypad_digit(code);
  if (in_alt_code_) {
    if (alt && digit >= 0) {
      if (alt_code_.size() < kAltCodeDigitsKept) {
        alt_code_ += static_cast<char>('0' + digit);
      } else if (alt_code_.size() == kAltCodeDigitsKept) {
        alt_code_ += "...";  // the refusal says that more came
      }
    } else {
      refuse(key_code(code) + " came in the middle of an Alt code");
    }
    return;
  }
  if (meta_) return refuse("the Windows key was held with " + key_code(code));
  // Alt codes are typed with Left Alt, or with Right Alt where it is no AltGr.
  const bool code_alt = !ctrl && (alt_left_ || (alt_right_ && !layout_.has_altgr()));
  if (code_alt && digit >= 0) {
    in_alt_code_ = true;
    alt_code_ = static_cast<char>('0' + digit);
    return;
  }
  // Windows takes Ctrl+Left Alt for AltGr, and some scanners send it that way.
  const bool altgr = layout_.has_altgr() && (alt_right_ || (ctrl && alt_left_));
  if (!altgr && (ctrl || alt)) {
    // Scanners send GS as Ctrl with the HID "] }" key whatever layout they emulate (a control
    // character is the US key's character with its top bits cleared), so it is KEY_RIGHTBRACE
    // here in every layout, although that key types + on German and $ on French keyboards.
    if (ctrl && !alt && code == KEY_RIGHTBRACE) return type(kGroupSeparator, false);
    return refuse(std::string(ctrl ? "Ctrl" : "Alt") + " with " + key_code(code) +
                  " types no character shelfnode reads (GS is Ctrl+] or Alt+0029)");
  }
  press_level(code, altgr);
}

void KeyDecoder::press_level(unsigned code, bool altgr) {
  const KeyEntry* key = layout_.key(code);
  if (key == nullptr)
    return refuse("unknown " + key_code(code) + " in the scan: " + wrong_layout());
  const bool shift = shift_left_ || shift_right_;
  KeyOutput output;
  std::string level;
  if (altgr) {
    level = shift ? " with Shift+AltGr" : " with AltGr";
    if (!shift) output = key->altgr;
  } else {
    const bool upper = shift != (caps_lock_ && key->letter);
    level = shift ? " with Shift" : (upper ? " with CapsLock" : "");
    output = upper ? key->shift : key->plain;
  }
  if (output.ch == 0 && shift && !altgr && keypad_digit(code) >= 0) {
    return refuse("Shift with keypad " + key_code(code) + " is a cursor key, not a digit");
  }
  if (output.ch == 0) {
    return refuse(key_code(code) + level + " types no ASCII character on the " +
                  std::string(layout_.name()) + " layout: " + wrong_layout());
  }
  if (output.dead) {
    if (dead_ != 0) {
      dead_ = 0;
      return refuse("two dead keys in a row: accented letters are not read from a scan");
    }
    dead_ = output.ch;
    return;
  }
  type(output.ch, code == KEY_SPACE);
}

void KeyDecoder::type(char c, bool is_space) {
  if (dead_ != 0) {
    const char bare = dead_;
    dead_ = 0;
    if (!is_space) {
      return refuse(std::string("dead key ") + bare +
                    " followed by another key than Space: accented letters are not read from "
                    "a scan");
    }
    c = bare;
  }
  if (text_.size() <= framing_.max_scan) text_ += c;
  // Judged on all that was typed, not on what is kept: spaces past the limit and then a code
  // are a scan too long (the session refuses it), not a blank one to drop without a word.
  if (c != ' ' && c != '\t') blank_ = false;
}

void KeyDecoder::finish(std::vector<Scan>& out) {
  if (!problem_.empty()) {
    out.push_back(Scan::refuse(std::move(problem_)));
  } else if (!blank_) {
    out.push_back(Scan{std::move(text_), std::string()});
  }
  text_.clear();
  blank_ = true;
  problem_.clear();
  dead_ = 0;
  in_alt_code_ = false;
  alt_code_.clear();
  active_ = false;
}

void KeyDecoder::end_on_suffix(std::vector<Scan>& out) {
  if (dead_ != 0) refuse(std::string("dead key ") + dead_ + " at the end of the scan");
  if (in_alt_code_) refuse("an Alt code was not finished at the end of the scan");
  finish(out);
}

void KeyDecoder::end_on_gap(std::vector<Scan>& out) {
  if (framing_.suffix == Suffix::kNone) return end_on_suffix(out);
  if (typed()) {
    refuse("scan cut off: no " + std::string(suffix_name(framing_.suffix)) + " came within " +
           std::to_string(framing_.gap.count()) +
           " ms of the last key; check the scanner's suffix (scanner.suffix) and scan again");
  }
  finish(out);
}

std::optional<Instant> KeyDecoder::deadline() const {
  if (!active_) return std::nullopt;
  return last_ + framing_.gap;
}

void KeyDecoder::expire(Instant now, std::vector<Scan>& out) {
  if (active_ && now - last_ >= framing_.gap) end_on_gap(out);
}

void KeyDecoder::unplugged(std::vector<Scan>& out) {
  if (active_ && typed()) {
    problem_ = "scanner unplugged mid-scan";
    finish(out);
  }
  text_.clear();
  blank_ = true;
  problem_.clear();
  active_ = false;
  dead_ = 0;
  in_alt_code_ = false;
  alt_code_.clear();
  dropping_ = false;
  release_all();
  caps_lock_ = false;
}

}  // namespace shelfnode::platform
