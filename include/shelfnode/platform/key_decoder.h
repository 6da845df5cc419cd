#pragma once

#include <linux/input.h>

#include <optional>
#include <string>
#include <vector>

#include "shelfnode/platform/framing.h"
#include "shelfnode/platform/key_layout.h"
#include "shelfnode/platform/scan_source.h"

namespace shelfnode::platform {

// Turns a keyboard-wedge scanner's evdev events into scans, by the layout the scanner
// emulates. Pure logic: events and their timestamps in, scans and refusals out, no device and
// no clock of its own, so every case can be fed from a test.
//
// What it reads: the layout's plain, shifted and AltGr levels (Right Alt, or Ctrl+Left Alt as
// Windows takes it); CapsLock, which swaps the case of letters only; dead keys, which followed
// by Space type their bare accent (any other key after one refuses the scan: accented letters
// are no barcode characters); keypad digits; GS (0x1D) as Ctrl+] (on KEY_RIGHTBRACE, the
// key that HID calls "] }", in every layout) or as an Alt code; Alt held and keypad digits
// typed (Alt+0029, Alt+65), for codes 1 to 127. Key releases matter only for modifiers, and
// autorepeat events are ignored: a scanner never holds a key, so a repeat only means a release
// came late.
//
// A key the layout does not know, or one that types no ASCII character, refuses the whole
// scan with a reason; it is never dropped, so a scan is never turned into a different code.
class KeyDecoder {
 public:
  KeyDecoder(const KeyLayout& layout, ScanFraming framing) : layout_(layout), framing_(framing) {}

  // One event as read from the device; `at` is its timestamp.
  void feed(const input_event& event, Instant at, std::vector<Scan>& out);
  // When the gap ends the scan being typed; none while idle.
  std::optional<Instant> deadline() const;
  // `now` has reached deadline() (and every event before it has been fed).
  void expire(Instant now, std::vector<Scan>& out);
  // The device went away: a partial scan is refused and every key counts as released.
  void unplugged(std::vector<Scan>& out);

  // An event's own timestamp (CLOCK_MONOTONIC once the device was told to use it).
  static Instant event_time(const input_event& event);

 private:
  bool modifier(unsigned code, bool pressed);
  void press(unsigned code, std::vector<Scan>& out);
  void press_level(unsigned code, bool altgr);
  void alt_released();
  void type(char c, bool is_space);
  void refuse(const std::string& why);
  void events_lost(Instant at);
  void end_on_suffix(std::vector<Scan>& out);
  void end_on_gap(std::vector<Scan>& out);
  void finish(std::vector<Scan>& out);
  bool typed() const;
  void release_all();
  std::string wrong_layout() const;

  const KeyLayout& layout_;
  ScanFraming framing_;

  // Keys held. CapsLock is a toggle and outlives a scan, as on a keyboard.
  bool shift_left_ = false, shift_right_ = false;
  bool ctrl_left_ = false, ctrl_right_ = false;
  bool alt_left_ = false, alt_right_ = false;
  bool meta_ = false;
  bool caps_lock_ = false;

  // The scan being typed.
  bool active_ = false;  // a key went down since the last scan ended
  Instant last_{};       // the last key event of it
  std::string text_;     // at most max_scan + 1 characters
  bool blank_ = true;    // only spaces and tabs typed so far, kept or not
  std::string problem_;  // the first reason to refuse it
  char dead_ = 0;        // a dead key waiting for its next key
  bool in_alt_code_ = false;
  std::string alt_code_;   // keypad digits typed with Alt held
  bool dropping_ = false;  // after SYN_DROPPED, until the next SYN_REPORT
};

}  // namespace shelfnode::platform
