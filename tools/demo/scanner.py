#!/usr/bin/env python3
"""A serial barcode scanner for tools/demo.sh: a pseudo-terminal pair, as a USB CDC-ACM
scanner looks to shelfnode (real termios on the slave side).

  scanner.py LINK     makes LINK a symlink to the scanner's tty (what udev's stable name is
                      on a device), then sends every line read from stdin as one scan, with
                      the scanner's CR LF suffix; ends when stdin ends.
"""
import os
import sys


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__)
    master, slave = os.openpty()
    link = argv[0]
    tmp = link + ".new"
    os.symlink(os.ttyname(slave), tmp)
    os.replace(tmp, link)
    try:
        for line in sys.stdin:
            code = line.strip()
            if code:
                os.write(master, code.encode() + b"\r\n")
    finally:
        os.unlink(link)
        os.close(master)
        os.close(slave)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
