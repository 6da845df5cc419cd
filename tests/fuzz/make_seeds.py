#!/usr/bin/env python3
"""Writes the binary seeds of the key_decoder and serial_framer harnesses.

Their inputs are records, not text, so the seeds are made here rather than by hand; the
record formats are described at the top of key_decoder_fuzzer.cpp and
serial_framer_fuzzer.cpp. Run from anywhere: python3 tests/fuzz/make_seeds.py
"""

import pathlib

CORPUS = pathlib.Path(__file__).resolve().parent / "corpus"

# <linux/input-event-codes.h>
EV_SYN, EV_KEY, EV_MSC = 0, 1, 4
SYN_REPORT, SYN_DROPPED = 0, 3
KEY_ENTER, KEY_LEFTCTRL, KEY_LEFTSHIFT, KEY_LEFTALT = 28, 29, 42, 56
KEY_RIGHTBRACE, KEY_SPACE, KEY_KPENTER = 27, 57, 96
DIGIT_KEYS = {"1": 2, "2": 3, "3": 4, "4": 5, "5": 6, "6": 7, "7": 8, "8": 9, "9": 10, "0": 11}
LETTER_KEYS = {c: code for row, first in (("qwertyuiop", 16), ("asdfghjkl", 30), ("zxcvbnm", 44))
               for code, c in enumerate(row, first)}
KEYPAD = {"7": 71, "8": 72, "9": 73, "4": 75, "5": 76, "6": 77, "1": 79, "2": 80, "3": 81,
          "0": 82}
LAYOUTS = {"us": 0, "uk": 1, "de": 2, "fr": 3}
SUFFIXES = {"enter": 0, "tab": 1, "none": 2}


def key_header(layout, suffix="enter", typed=False, unplug=False, gap_ms=80, max_scan=0):
    flags = LAYOUTS[layout] | SUFFIXES[suffix] << 2 | (0x10 if unplug else 0)
    return bytes([flags | (0x80 if typed else 0), (gap_ms - 10) // 2, max_scan])


class Events:
    """Mode 0 records: (type selector, code, value, time since the last event, lateness)."""

    def __init__(self):
        self.data = bytearray()

    def raw(self, selector, code, value, delta=8, late=0):
        self.data += bytes([selector, code, value, delta, late])

    # A key event as a HID keyboard sends it: EV_MSC (the usage), EV_KEY, SYN_REPORT.
    def key(self, code, value, delta=8):
        self.raw(EV_MSC << 2 | 3, 4, 0, delta)
        self.raw(0, code, value, 0)
        self.raw(2, SYN_REPORT, 0, 0)

    def tap(self, code):
        self.key(code, 1)
        self.key(code, 0)

    def text(self, s):
        for c in s:
            if c.isupper():
                self.key(KEY_LEFTSHIFT, 1)
                self.tap(LETTER_KEYS[c.lower()])
                self.key(KEY_LEFTSHIFT, 0)
            else:
                self.tap(DIGIT_KEYS.get(c) or LETTER_KEYS[c])

    def ctrl_bracket(self):
        self.key(KEY_LEFTCTRL, 1)
        self.tap(KEY_RIGHTBRACE)
        self.key(KEY_LEFTCTRL, 0)

    def alt_code(self, digits):
        self.key(KEY_LEFTALT, 1)
        for d in digits:
            self.tap(KEYPAD[d])
        self.key(KEY_LEFTALT, 0)


def typed(*records):
    """Mode 1 records: (character, route, pace); a str is typed with route 0, pace 64."""
    out = bytearray()
    for r in records:
        if isinstance(r, str):
            for c in r:
                out += bytes([0xF0 if c == "\x1d" else ord(c) - 0x20, 0, 64])
        else:
            out += bytes(r)
    return bytes(out)


def key_seeds():
    seeds = {}
    e = Events()
    e.text("0123456789012")
    e.tap(KEY_ENTER)
    seeds["us_ean13_enter"] = key_header("us") + e.data

    e = Events()  # GS1: (01) GTIN, (10) batch AB12, GS, (17) expiry
    e.text("010400638133393110AB12")
    e.ctrl_bracket()
    e.text("17251231")
    e.tap(KEY_ENTER)
    seeds["us_gs1_ctrl_bracket"] = key_header("us") + e.data

    e = Events()
    e.text("0104006381333931101234")
    e.alt_code("0029")
    e.text("17251231")
    e.tap(KEY_KPENTER)
    seeds["de_gs1_alt_0029"] = key_header("de") + e.data

    e = Events()  # without a suffix: the gap ends the scan
    e.text("4006381333931")
    e.raw(2, SYN_REPORT, 0, delta=128 + 20)  # 160 ms later
    e.text("12")
    seeds["us_no_suffix_gap"] = key_header("us", "none") + e.data

    e = Events()  # the reader fell behind: what is left of the scan is refused
    e.text("4006")
    e.raw(2, SYN_DROPPED, 0)
    e.raw(2, SYN_REPORT, 0)
    e.text("12")
    e.tap(KEY_ENTER)
    e.text("34")
    e.tap(KEY_ENTER)
    seeds["us_syn_dropped"] = key_header("us") + e.data

    e = Events()  # cut off by a gap before Enter, then unplugged mid-scan
    e.text("4006")
    e.text("381")
    e.raw(0, KEY_SPACE, 1, delta=128 + 30)
    e.text("12")
    seeds["uk_cut_and_unplugged"] = key_header("uk", unplug=True) + e.data

    gs1 = "0104006381333931\x1d10AB-12/x"
    seeds["typed_us_gs1"] = key_header("us", typed=True) + typed(gs1, (0xFF, 0, 0), "12")
    # Routes 1-3 (Alt codes, keypad, AltGr as Right Alt, CapsLock, autorepeat) on de and fr.
    mixed = typed((0x10, 0x01, 9), (0x21, 0x92, 200), (0x41, 0x63, 40), (0xF0, 0x91, 1),
                  (0x20, 0x0A, 100), (0x5C, 0x14, 30), (0xFF, 1, 0), "7a")
    seeds["typed_de_routes"] = key_header("de", typed=True) + mixed
    seeds["typed_fr_no_suffix"] = key_header("fr", "none", typed=True) + mixed
    seeds["typed_us_overlong"] = key_header("us", typed=True, max_scan=8) + typed("1234567890AB")
    return seeds


def serial_header(suffix="enter", unplug=False, gap_ms=80, max_scan=0):
    return bytes([SUFFIXES[suffix] | (4 if unplug else 0), (gap_ms - 10) // 2, max_scan])


WHEN = {"now": 0, "1ms": 1, "half": 2, "gap-1": 3, "gap": 4, "gap+1": 5, "3gaps": 6,
        "deadline": 7}


def reads(*chunks):
    """Each chunk: bytes read at once, or (when, bytes); b"" is a read that finds nothing."""
    out = bytearray()
    for c in chunks:
        when, data = c if isinstance(c, tuple) else ("1ms", c)
        for i in range(0, max(len(data), 1), 31):
            part = data[i:i + 31]
            out += bytes([WHEN[when] << 5 | len(part)]) + part
    return bytes(out)


def serial_seeds():
    return {
        "crlf_frames": serial_header() + reads(b"4006381333931\r\n", b"12345670\r\n"),
        "split_frames": serial_header() + reads(b"400638", b"1333931\r", b"\n12\n34\r\n"),
        "gs1_with_gs": serial_header() + reads(b"]C1\x1d0104006381333931\x1d10AB12\r\n"),
        "gap_cuts_a_frame": serial_header() + reads(b"400638", ("gap+1", b""), b"1333931\r\n"),
        "late_bytes_continue": serial_header()
        + reads(b"400638", ("3gaps", b"1333931\r\n")),
        "no_suffix_gap": serial_header("none")
        + reads(b"4006381333931", ("deadline", b""), ("half", b"12"), ("deadline", b"")),
        "tab_suffix": serial_header("tab") + reads(b"12\t34\t5"),
        # A NUL, bytes that are no UTF-8, then a frame that is (the euro sign).
        "garbled": serial_header() + reads(b"12\x003\r", b"\xff\xfe\r\n", b"\xe2\x82\xac9\r"),
        "overlong_unplugged": serial_header(unplug=True, max_scan=16)
        + reads(b"x" * 40 + b"\rok"),
    }


def main():
    for name, seeds in (("key_decoder", key_seeds()), ("serial_framer", serial_seeds())):
        directory = CORPUS / name
        directory.mkdir(parents=True, exist_ok=True)
        for seed, data in seeds.items():
            (directory / seed).write_bytes(data)


if __name__ == "__main__":
    main()
