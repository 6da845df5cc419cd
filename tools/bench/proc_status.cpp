#include "proc_status.h"

#include <dirent.h>

#include <cstdio>
#include <string>

namespace shelfnode::bench {
namespace {

// The "Name:   123 kB" (or "Name:   123") fields we use from one status file.
void read_fields(const std::string& path, ProcStatus& out, bool memory) {
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) return;
  char line[256];
  long v = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::sscanf(line, "voluntary_ctxt_switches: %ld", &v) == 1) out.voluntary_switches += v;
    if (std::sscanf(line, "nonvoluntary_ctxt_switches: %ld", &v) == 1)
      out.involuntary_switches += v;
    if (!memory) continue;
    if (std::sscanf(line, "VmRSS: %ld", &v) == 1) out.vm_rss_kib = v;
    if (std::sscanf(line, "VmHWM: %ld", &v) == 1) out.vm_hwm_kib = v;
    if (std::sscanf(line, "RssAnon: %ld", &v) == 1) out.rss_anon_kib = v;
    if (std::sscanf(line, "RssFile: %ld", &v) == 1) out.rss_file_kib = v;
    if (std::sscanf(line, "RssShmem: %ld", &v) == 1) out.rss_shmem_kib = v;
    if (std::sscanf(line, "Threads: %ld", &v) == 1) out.threads = static_cast<int>(v);
  }
  std::fclose(f);
  out.ok = out.ok || memory;
}

}  // namespace

ProcStatus read_proc_status(pid_t pid) {
  ProcStatus out;
  const std::string base = "/proc/" + std::to_string(pid);
  // The process's own status file has the memory; its switch counts are the main thread's
  // only, so they come from the tasks instead.
  ProcStatus memory;
  read_fields(base + "/status", memory, true);
  if (!memory.ok) return out;
  out = memory;
  out.voluntary_switches = out.involuntary_switches = 0;
  DIR* tasks = opendir((base + "/task").c_str());
  if (tasks == nullptr) return ProcStatus{};
  while (const dirent* e = readdir(tasks)) {
    if (e->d_name[0] == '.') continue;
    read_fields(base + "/task/" + e->d_name + "/status", out, false);
  }
  closedir(tasks);
  return out;
}

long mapping_rss_kib(pid_t pid, const std::string& suffix) {
  std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/smaps").c_str(), "r");
  if (f == nullptr) return -1;
  char line[4096];
  long total = 0, v = 0;
  bool ours = false;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    // A mapping's header starts with its address range ("55d0c1a2b000-55d0c1a4c000 r--p ...").
    const std::size_t dash = text.find('-');
    const bool header =
        dash != std::string::npos && dash > 0 && text.find_first_not_of("0123456789abcdef") == dash;
    if (header) {
      ours = text.size() >= suffix.size() &&
             text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
    } else if (ours && std::sscanf(line, "Rss: %ld", &v) == 1) {
      total += v;
    }
  }
  std::fclose(f);
  return total;
}

std::string mib_text(long kib) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(kib) / 1024);
  return text;
}

}  // namespace shelfnode::bench
