#pragma once

#include <map>
#include <string>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::cli {

struct OptionSpec {
  const char* name;
  bool takes_value;
};

// A command's arguments after getopt_long: options by long name, positionals in order.
struct Args {
  std::map<std::string, std::string> options;
  std::vector<std::string> positionals;

  bool has(const std::string& name) const { return options.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = "") const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
  bool json() const { return has("json"); }
  bool help() const { return has("help"); }
  bool verbose() const { return has("verbose"); }
};

// Parses argv (argv[0] is the last command word) with getopt_long. `--help` and
// `-v`/`--verbose` are always accepted. Positional counts are checked against [min_positional, max_positional].
// `command` is the full command ("warehouse add") for error messages.
Result<Args> parse_args(const std::string& command, int argc, char** argv,
                        const std::vector<OptionSpec>& specs, int min_positional,
                        int max_positional);

}  // namespace shelfnode::cli
