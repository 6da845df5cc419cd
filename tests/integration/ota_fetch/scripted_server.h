#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "loopback.h"

namespace shelfnode::ota::testing {

// What the scripted server sends for one request: raw bytes (status line, headers, body),
// cut after `cut_after` bytes (the connection then closes, as a dying link would).
struct ScriptedReply {
  std::string bytes;
  std::size_t cut_after = std::string::npos;
};

// 200 / 206 answers with the headers a static file server sends ("Connection: close").
ScriptedReply reply_200(const std::string& body, const std::string& etag = "\"v1\"");
ScriptedReply reply_206(const std::string& body, std::uint64_t first, std::uint64_t total,
                        const std::string& etag = "\"v1\"");
ScriptedReply reply_status(int status, const std::string& extra_headers = "");

// A plain-HTTP server on 127.0.0.1 (allowed for loopback only) that answers request i with
// script(i, request head): for answers no real server gives on purpose (a 206 from another
// offset, a changed ETag, a lying Content-Length). It keeps every request head it read.
class ScriptedServer {
 public:
  using Script = std::function<ScriptedReply(int index, const std::string& request)>;
  explicit ScriptedServer(Script script);
  ~ScriptedServer();
  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  std::string url(const std::string& path) const;
  std::vector<std::string> requests() const;

 private:
  void answer(int client);

  Script script_;
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
  LoopbackThread loop_;  // last: it stops before the members answer() uses go
};

// How many header lines named `name` (case-insensitive) the request head holds.
int count_headers(const std::string& request, const std::string& name);
// The value of the first such header, "" when absent.
std::string header_of(const std::string& request, const std::string& name);

}  // namespace shelfnode::ota::testing
