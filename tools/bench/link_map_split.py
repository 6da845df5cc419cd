#!/usr/bin/env python3
"""link_map_split.py MAP: splits a GNU ld link map (-Wl,-Map) into who brought the bytes.

Every input section the linker placed in an output section that takes room in the file
(everything but .bss/.tbss and the non-loaded debug and comment sections) is counted
under the archive or object it came from: the project's own objects and libshelfnode_*.a
(or, with LTO, the ltrans objects they became), the static C++ runtime (libstdc++.a,
libsupc++.a, libgcc*.a), each static third-party library (curl, mbedTLS, SQLite, cJSON,
others by name), the C start-up files, and what the linker made itself (PLT, GOT, dynamic
symbol tables, padding). Prints "category<TAB>bytes" lines, largest first.
"""
import re
import sys

NOT_IN_FILE = (".bss", ".tbss", ".debug", ".comment", ".stab", ".gnu_debuglink",
               ".note.gnu.gold-version", ".gnu.warning", "/DISCARD/")

SAME_LINE = re.compile(r"^ (\S+)\s+0x([0-9a-fA-F]+)\s+0x([0-9a-fA-F]+)(?:\s+(.*))?$")
NAME_ONLY = re.compile(r"^ (\S+)$")
# Sections the linker makes itself; the map names the first input file (the start-up
# object) as their source.
SYNTHESIZED = re.compile(r"^\.(plt|got|dynsym|dynstr|dynamic|interp|hash|gnu\.hash|gnu\.version|"
                         r"rela?\.|eh_frame_hdr|note\.gnu\.property|note\.gnu\.build-id|"
                         r"note\.ABI-tag|iplt|igot)")
NEXT_LINE = re.compile(r"^\s+0x([0-9a-fA-F]+)\s+0x([0-9a-fA-F]+)(?:\s+(.*))?$")


def category(path):
    p = path.strip()
    if not p:
        return "linker: PLT, GOT, dynamic tables, padding"
    base = p.rsplit("/", 1)[-1]
    if re.search(r"libstdc\+\+|libsupc\+\+|libgcc", base):
        return "static C++ runtime (libstdc++, libgcc)"
    if base.startswith("libcurl"):
        return "static libcurl"
    if base.startswith(("libmbedtls", "libmbedx509", "libmbedcrypto")):
        return "static mbedTLS"
    if base.startswith("libsqlite3"):
        return "static SQLite"
    if base.startswith("libcjson"):
        return "static cJSON"
    if re.match(r"(crt1|Scrt1|crti|crtn|crtbegin\w*|crtend\w*|libc_nonshared)\.", base) or \
            base.startswith("libc_nonshared"):
        return "C start-up files"
    if base.startswith("lib") and ".a(" in base and not base.startswith("libshelfnode"):
        return "static " + base.split(".a(", 1)[0]
    return "own code"


def main():
    if len(sys.argv) != 2:
        print("usage: link_map_split.py MAP", file=sys.stderr)
        return 64
    sizes = {}
    in_map = False
    counted = False  # the current output section takes room in the file
    pending = None
    with open(sys.argv[1], errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("Linker script and memory map"):
                in_map = True
                continue
            if not in_map or not line:
                continue
            if not line[0].isspace():
                name = line.split()[0]
                counted = name.startswith(".") and not name.startswith(NOT_IN_FILE)
                pending = None
                continue
            m = SAME_LINE.match(line)
            if m:
                name, size, path = m.group(1), int(m.group(3), 16), m.group(4) or ""
            elif NAME_ONLY.match(line) and not line.strip().startswith("*("):
                pending = NAME_ONLY.match(line).group(1)
                continue
            else:
                m = NEXT_LINE.match(line)
                if not m or pending is None:
                    continue
                name, size, path = pending, int(m.group(2), 16), m.group(3) or ""
                pending = None
            if not counted or size == 0 or name.startswith("*("):
                continue
            if name == "*fill*" or SYNTHESIZED.match(name):
                path = ""
            if path.startswith("load address"):
                continue
            c = category(path)
            sizes[c] = sizes.get(c, 0) + size
    for c, n in sorted(sizes.items(), key=lambda kv: -kv[1]):
        print(f"{c}\t{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
