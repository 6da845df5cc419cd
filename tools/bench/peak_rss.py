#!/usr/bin/env python3
"""Runs a command and prints its exact peak resident memory: VmHWM and VmRSS read from
/proc/PID/status at the moment the process exits (ptrace exit stop), before its memory is
released.

Not getrusage's ru_maxrss: Linux carries the high-water mark across exec, so a child
reports at least the RSS of whatever forked it (a 20 MB benchmark's child reports ~21 MB).
VmHWM belongs to the address space the command's exec made, so the parent's size does not
count.

  tools/bench/peak_rss.py [--idle SECONDS] -- COMMAND [ARGS...]

--idle SECONDS: also print VmRSS/VmHWM after SECONDS (for a command that waits, e.g.
`shelfnode scan` on a pipe that stays open), then SIGTERM it.
Output, one line each: `idle VmRSS=... kB VmHWM=... kB` (with --idle), then
`exit VmRSS=... kB VmHWM=... kB status=N`. The command's own output passes through.
"""
import argparse
import ctypes
import os
import signal
import sys
import time

PTRACE_TRACEME = 0
PTRACE_CONT = 7
PTRACE_SETOPTIONS = 0x4200
PTRACE_O_TRACEEXIT = 0x40
PTRACE_EVENT_EXIT = 6

libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
libc.ptrace.restype = ctypes.c_long


def ptrace(request, pid, data=0):
    if libc.ptrace(request, pid, None, ctypes.c_void_p(data)) == -1:
        err = ctypes.get_errno()
        raise OSError(err, "ptrace(%d): %s" % (request, os.strerror(err)))


def memory(pid):
    fields = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = value.split()[0]
    return "VmRSS=%s kB VmHWM=%s kB" % (fields.get("VmRSS", "?"), fields.get("VmHWM", "?"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--idle", type=float, default=None)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("no command given (peak_rss.py -- COMMAND ARGS...)")
    pid = os.fork()
    if pid == 0:
        try:
            ptrace(PTRACE_TRACEME, 0)
            os.execvp(command[0], command)
        except OSError as exc:
            print("peak_rss.py: cannot run %s: %s" % (command[0], exc), file=sys.stderr)
        os._exit(127)
    _, status = os.waitpid(pid, 0)  # the SIGTRAP after exec
    if not os.WIFSTOPPED(status):
        return os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1
    ptrace(PTRACE_SETOPTIONS, pid, PTRACE_O_TRACEEXIT)
    ptrace(PTRACE_CONT, pid)
    deadline = None if args.idle is None else time.monotonic() + args.idle
    while True:
        if deadline is not None:
            got, status = os.waitpid(pid, os.WNOHANG)
            if got == 0:
                if time.monotonic() < deadline:
                    time.sleep(0.02)
                    continue
                print("idle " + memory(pid), flush=True)
                deadline = None
                os.kill(pid, signal.SIGTERM)
                continue
        else:
            _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status) or os.WIFSIGNALED(status):
            return 1  # gone without an exit stop (cannot happen while traced)
        if os.WIFSTOPPED(status) and (status >> 16) == PTRACE_EVENT_EXIT:
            report = memory(pid)
            ptrace(PTRACE_CONT, pid)
            _, status = os.waitpid(pid, 0)
            code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
            print("exit %s status=%d" % (report, code), flush=True)
            return 0
        # Any other stop is a signal for the command: deliver it.
        sig = os.WSTOPSIG(status) if os.WIFSTOPPED(status) else 0
        ptrace(PTRACE_CONT, pid, sig)


if __name__ == "__main__":
    sys.exit(main())
