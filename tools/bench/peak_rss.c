/* peak_rss REPORT PROGRAM [ARG...]: runs PROGRAM and writes its peak resident set to REPORT.
 *
 * Why a wrapper. A benchmark that starts the measured program itself cannot read the
 * program's peak from wait4()'s ru_maxrss: posix_spawn() (and fork) run the child on, or on
 * a copy of, the parent's mm until the exec, and execve() folds that mm's high-water mark
 * into the child's ru_maxrss. A child of a 20 MB benchmark reports 20 MB whatever it does.
 * VmHWM cannot be read at the end either: by the time the child is a zombie its mm is gone.
 * This wrapper is a few hundred KiB of C, so the child it forks starts from the wrapper's
 * mark, far below any program measured here, and wait4() here gives the program's own peak
 * (and that of any children it reaped). While it runs, /proc/PID/status is also sampled for
 * the split between private memory (RssAnon) and mapped files (RssFile), which the kernel
 * does not keep a peak of.
 *
 * REPORT gets "max_rss_kib N", "sampled_anon_kib N", "sampled_file_kib N", one a line. The
 * exit status is the program's (128 + signal when it was killed, 127 when it could not be
 * started). SIGTERM and SIGINT are passed on; if the wrapper itself is killed, the program is
 * killed with it (PR_SET_PDEATHSIG), so the caller can end both by the wrapper's PID. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t child_pid = 0;

static void pass_on(int sig) {
  if (child_pid > 0) kill((pid_t)child_pid, sig);
}

/* "RssAnon:    1548 kB": the peaks of RssAnon and RssFile so far. */
static void sample(pid_t pid, long* anon, long* file) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
  FILE* f = fopen(path, "r");
  if (f == NULL) return;
  char line[256];
  long value = 0;
  while (fgets(line, sizeof line, f) != NULL) {
    if (sscanf(line, "RssAnon: %ld", &value) == 1 && value > *anon) *anon = value;
    if (sscanf(line, "RssFile: %ld", &value) == 1 && value > *file) *file = value;
  }
  fclose(f);
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: peak_rss REPORT PROGRAM [ARG...]\n");
    return 64;
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "peak_rss: fork: %s\n", strerror(errno));
    return 71;
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127); /* the wrapper died before the prctl */
    execv(argv[2], argv + 2);
    fprintf(stderr, "peak_rss: cannot run %s: %s\n", argv[2], strerror(errno));
    _exit(127);
  }
  child_pid = pid;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = pass_on;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);

  long anon = 0, file = 0;
  int status = 0;
  struct rusage usage;
  memset(&usage, 0, sizeof usage);
  const struct timespec pause = {0, 5 * 1000 * 1000};
  for (;;) {
    const pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      fprintf(stderr, "peak_rss: wait4: %s\n", strerror(errno));
      return 71;
    }
    sample(pid, &anon, &file);
    nanosleep(&pause, NULL);
  }
  FILE* report = fopen(argv[1], "w");
  if (report == NULL) {
    fprintf(stderr, "peak_rss: cannot write %s: %s\n", argv[1], strerror(errno));
    return 73;
  }
  fprintf(report, "max_rss_kib %ld\nsampled_anon_kib %ld\nsampled_file_kib %ld\n", usage.ru_maxrss,
          anon, file);
  if (fclose(report) != 0) return 74;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 70;
}
