#include "device_setup.h"

#include <cstdio>
#include <fstream>
#include <iterator>

#include "child_process.h"

namespace shelfnode::bench {
namespace {

constexpr int kSetupTimeoutMs = 30'000;

bool run_step(const std::string& binary, const std::string& data_dir,
              const std::vector<std::string>& args, std::string& error) {
  std::vector<std::string> argv{binary, "--data-dir", data_dir};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string out;
  const int code = run_to_end(argv, data_dir + "/setup.stderr", kSetupTimeoutMs, out);
  if (code == 0) return true;
  std::string cmd;
  for (const std::string& a : args) cmd += (cmd.empty() ? "" : " ") + a;
  std::ifstream log(data_dir + "/setup.stderr");
  std::string said((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  if (said.size() > 600) said = "..." + said.substr(said.size() - 600);
  error = "`shelfnode " + cmd + "` exited " + std::to_string(code) + ": " + said;
  return false;
}

}  // namespace

std::string shelfnode_binary(const Flags& flags) {
#ifdef SHELFNODE_BENCH_BIN
  return flags.get("shelfnode", SHELFNODE_BENCH_BIN);
#else
  return flags.get("shelfnode", "shelfnode");
#endif
}

bool prepare_device(const std::string& binary, const std::string& data_dir,
                    const std::vector<CatalogEntry>& catalog, std::string& error) {
  const std::string csv_path = data_dir + "/catalog.csv";
  {
    std::ofstream csv(csv_path, std::ios::binary);
    csv << to_csv(catalog);
    if (!csv) {
      error = "cannot write " + csv_path;
      return false;
    }
  }
  return run_step(binary, data_dir, {"init"}, error) &&
         run_step(binary, data_dir, {"warehouse", "add", kWarehouse, "--mapped"}, error) &&
         run_step(binary, data_dir, {"catalog", "import", csv_path}, error);
}

std::vector<std::string> scan_command(const std::string& binary, const std::string& data_dir) {
  return {binary,     "--data-dir", data_dir,  "scan",     "--warehouse",
          kWarehouse, "--mode",     "receive", "--source", "stdin"};
}

bool reply_is_ok(const std::string& reply, const std::string& expected_sku) {
  // "OK " + 36-character UUID + " " + SKU + " 1"
  if (reply.compare(0, 3, "OK ") != 0 || reply.size() < 3 + 36 + 1) return false;
  return reply.compare(3 + 36 + 1, std::string::npos, expected_sku + " 1") == 0;
}

bool start_device_bench(const Flags& flags, const char* name, const char* headline,
                        std::size_t catalog_size, DeviceBench& bench) {
  std::string error;
  if (!bench.dir.create(choose_base_dir(flags), error)) {
    std::fprintf(stderr, "%s: %s\n", name, error.c_str());
    return false;
  }
  if (flags.has("keep")) bench.dir.keep();
  bench.binary = shelfnode_binary(flags);
  std::printf("%s: %s\n", name, headline);
  std::printf("  binary  %s\n  dir     %s\n  fs      %s\n", bench.binary.c_str(),
              bench.dir.path().c_str(), describe_filesystem(bench.dir.path()).c_str());
  bench.catalog = make_catalog(catalog_size);
  if (!prepare_device(bench.binary, bench.dir.path(), bench.catalog, error)) {
    std::fprintf(stderr, "%s: setup failed: %s\n", name, error.c_str());
    return false;
  }
  return true;
}

}  // namespace shelfnode::bench
