// shelfnode: the device CLI. Global options come before the command; each command parses
// its own options (see cli/commands.cpp for the table).
#include <getopt.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "cli/commands.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/out_of_memory.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/wix/curl_transport.h"

namespace {

constexpr const char* kDefaultDataDir = "/var/lib/shelfnode";

void print_usage(std::FILE* out) {
  std::fprintf(out,
               "usage: shelfnode [--data-dir DIR] COMMAND [ARGS]\n\n"
               "Keeps a Wix store's inventory right from the shop floor.\n"
               "Data dir: --data-dir, else $SHELFNODE_DATA_DIR, else %s.\n\ncommands:\n",
               kDefaultDataDir);
  for (const auto& c : shelfnode::cli::commands()) std::fprintf(out, "  %s\n", c.synopsis);
  std::fprintf(out,
               "\n`shelfnode COMMAND --help` explains one command; `shelfnode --version` says "
               "which build this is.\n"
               "-v, --verbose (before or after the command): info log lines on a terminal too "
               "(by default\na terminal shows warnings and errors only; pipes and the journal "
               "get info).\n"
               "exit codes: 0 ok, 64 usage, 65 bad data, 69 Wix unreachable, 70 internal,\n"
               "74 storage I/O, 75 temporary (retry), 77 permission, 78 configuration\n");
}

// The commands of a group such as "warehouse" (the first word of two-word commands); false
// when `word` names no group.
bool print_group(std::FILE* out, const std::string& word) {
  bool any = false;
  for (const auto& c : shelfnode::cli::commands()) {
    const std::string w = c.words;
    if (w.rfind(word + " ", 0) != 0) continue;
    if (!any) std::fprintf(out, "usage: shelfnode [--data-dir DIR] %s COMMAND\n\n", word.c_str());
    std::fprintf(out, "  %s\n", c.synopsis);
    any = true;
  }
  if (any) std::fprintf(out, "\n`shelfnode %s COMMAND --help` explains one.\n", word.c_str());
  return any;
}

const shelfnode::cli::Command* find_command(int argc, char** argv, int at, int& words) {
  for (const auto& c : shelfnode::cli::commands()) {
    const std::string w = c.words;
    const auto space = w.find(' ');
    if (space == std::string::npos) {
      if (w == argv[at]) {
        words = 1;
        return &c;
      }
    } else if (at + 1 < argc && w.substr(0, space) == argv[at] &&
               w.substr(space + 1) == argv[at + 1]) {
      words = 2;
      return &c;
    }
  }
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  // With RLIMIT_FSIZE (or a file-size quota) the kernel would kill us with SIGXFSZ; ignoring
  // it turns the condition into EFBIG, which SQLite reports and the scan answers with ERR.
  std::signal(SIGXFSZ, SIG_IGN);
  shelfnode::install_out_of_memory_handler();

  std::string data_dir;
  bool verbose = false;
  if (const char* env = std::getenv("SHELFNODE_DATA_DIR")) data_dir = env;
  int at = 1;
  while (at < argc && argv[at][0] == '-') {
    const std::string a = argv[at];
    if (a == "--help" || a == "-h") {
      print_usage(stdout);
      return 0;
    } else if (a == "--version") {
      std::printf("shelfnode 0.1.0 (%s)\n", shelfnode::wix::libcurl_version_text().c_str());
      return 0;
    } else if (a == "-v" || a == "--verbose") {
      verbose = true;
    } else if (a == "--data-dir" && at + 1 < argc && argv[at + 1][0] != '\0') {
      data_dir = argv[++at];
    } else if (a.rfind("--data-dir=", 0) == 0 && a.size() > std::strlen("--data-dir=")) {
      data_dir = a.substr(std::strlen("--data-dir="));
    } else {
      std::fprintf(stderr, "shelfnode: unknown option '%s' (or missing value)\n\n",
                   shelfnode::printable(a).c_str());
      print_usage(stderr);
      return 64;
    }
    ++at;
  }
  if (at >= argc) {
    print_usage(stderr);
    return 64;
  }
  if (data_dir.empty()) data_dir = kDefaultDataDir;

  int words = 0;
  const shelfnode::cli::Command* cmd = find_command(argc, argv, at, words);
  if (cmd == nullptr) {
    const bool asked = at + 1 < argc && (std::strcmp(argv[at + 1], "--help") == 0 ||
                                         std::strcmp(argv[at + 1], "-h") == 0);
    if (asked && print_group(stdout, argv[at])) return 0;
    std::fprintf(stderr, "shelfnode: unknown command '%s'\n\n",
                 shelfnode::printable(argv[at]).c_str());
    // "warehouse" alone, or with a subcommand that does not exist: show that group.
    if (!print_group(stderr, argv[at])) print_usage(stderr);
    return 64;
  }
  // The command sees argv starting at its last word, so getopt reports it as argv[0].
  const int first = at + words - 1;
  auto parsed = shelfnode::cli::parse_args(cmd->words, argc - first, argv + first, cmd->options,
                                           cmd->min_positional, cmd->max_positional);
  if (!parsed.ok()) return shelfnode::cli::fail(parsed.status());
  if (parsed->help()) {
    std::printf("usage: shelfnode [--data-dir DIR] %s\n\n%s\n", cmd->synopsis, cmd->help);
    return 0;
  }
  shelfnode::cli::App app(data_dir);
  app.set_verbose(verbose || parsed->verbose());
  // Until the command reads config.json (which may name a level), the terminal decides.
  shelfnode::logger().set_level(shelfnode::effective_log_level(
      std::nullopt, verbose || parsed->verbose(), isatty(STDERR_FILENO) != 0));
  const int rc = cmd->run(app, *parsed);
  app.finish();
  return rc;
}
