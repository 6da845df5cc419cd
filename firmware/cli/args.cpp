#include "cli/args.h"

#include <getopt.h>

#include "shelfnode/core/printable.h"

namespace shelfnode::cli {

Result<Args> parse_args(const std::string& command, int argc, char** argv,
                        const std::vector<OptionSpec>& specs, int min_positional,
                        int max_positional) {
  const std::string see = ": see `shelfnode " + command + " --help`";
  std::vector<option> longopts;
  for (const OptionSpec& s : specs) {
    longopts.push_back(option{s.name, s.takes_value ? required_argument : no_argument, nullptr, 0});
  }
  longopts.push_back(option{"help", no_argument, nullptr, 0});
  longopts.push_back(option{"verbose", no_argument, nullptr, 'v'});
  longopts.push_back(option{nullptr, 0, nullptr, 0});

  Args args;
  optind = 0;  // glibc: full re-initialisation, as each command parses its own argv
  opterr = 0;
  for (;;) {
    int index = -1;
    int c = getopt_long(argc, argv, ":v", longopts.data(), &index);
    if (c == -1) break;
    if (c == 'v') {
      args.options["verbose"] = "";
      continue;
    }
    if (c == '?' || c == ':') {
      const std::string bad = printable(optind > 0 && optind <= argc ? argv[optind - 1] : "?");
      return usage_error(c == ':' ? "option " + bad + " needs a value" + see
                                  : "unknown option '" + bad + "'" + see);
    }
    const option& o = longopts[static_cast<std::size_t>(index)];
    args.options[o.name] = optarg != nullptr ? optarg : "";
  }
  for (int i = optind; i < argc; ++i) args.positionals.emplace_back(argv[i]);
  if (args.help()) return args;
  const int n = static_cast<int>(args.positionals.size());
  if (n < min_positional) return usage_error("missing argument" + see);
  if (n > max_positional) {
    return usage_error("unexpected argument '" +
                       printable(args.positionals[static_cast<std::size_t>(max_positional)]) + "'" +
                       see);
  }
  return args;
}

}  // namespace shelfnode::cli
