#include "scripted_server.h"

#include <fcntl.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "loopback.h"

namespace shelfnode::ota::testing {
namespace {

std::string head(int status, const char* reason, const std::string& headers, std::size_t length) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n" + headers +
         "Content-Length: " + std::to_string(length) + "\r\nConnection: close\r\n\r\n";
}

// Lines of the head after the request line, as (name, value).
std::vector<std::pair<std::string, std::string>> header_lines(const std::string& request) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t at = request.find("\r\n");
  while (at != std::string::npos) {
    at += 2;
    const std::size_t end = request.find("\r\n", at);
    const std::string line = request.substr(at, end == std::string::npos ? end : end - at);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::size_t v = colon + 1;
      while (v < line.size() && line[v] == ' ') ++v;
      out.emplace_back(line.substr(0, colon), line.substr(v));
    }
    at = end;
  }
  return out;
}

}  // namespace

ScriptedReply reply_200(const std::string& body, const std::string& etag) {
  return {head(200, "OK", "ETag: " + etag + "\r\n", body.size()) + body};
}

ScriptedReply reply_206(const std::string& body, std::uint64_t first, std::uint64_t total,
                        const std::string& etag) {
  const std::string range = "Content-Range: bytes " + std::to_string(first) + "-" +
                            std::to_string(first + body.size() - 1) + "/" + std::to_string(total) +
                            "\r\n";
  return {head(206, "Partial Content", "ETag: " + etag + "\r\n" + range, body.size()) + body};
}

ScriptedReply reply_status(int status, const std::string& extra_headers) {
  const std::string body = "<html>status " + std::to_string(status) + "</html>";
  return {head(status, "Scripted", extra_headers, body.size()) + body};
}

int count_headers(const std::string& request, const std::string& name) {
  int n = 0;
  for (const auto& [key, value] : header_lines(request)) {
    if (::strcasecmp(key.c_str(), name.c_str()) == 0) ++n;
  }
  return n;
}

std::string header_of(const std::string& request, const std::string& name) {
  for (const auto& [key, value] : header_lines(request)) {
    if (::strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return "";
}

ScriptedServer::ScriptedServer(Script script) : script_(std::move(script)) {
  loop_.start([this](int client) { answer(client); });
}

ScriptedServer::~ScriptedServer() {
  loop_.stop();
}

std::string ScriptedServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(loop_.port()) + "/" + path;
}

std::vector<std::string> ScriptedServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

void ScriptedServer::answer(int client) {
  std::string request;
  char buf[4096];
  while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
    pollfd in{client, POLLIN, 0};
    if (::poll(&in, 1, 5000) <= 0) break;
    const ssize_t n = ::recv(client, buf, sizeof buf, 0);
    if (n <= 0) break;
    request.append(buf, static_cast<std::size_t>(n));
  }
  int index = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    index = static_cast<int>(requests_.size());
    requests_.push_back(request);
  }
  const ScriptedReply reply = script_(index, request);
  const std::size_t n = std::min(reply.cut_after, reply.bytes.size());
  std::size_t sent = 0;
  while (sent < n) {
    const ssize_t w = ::send(client, reply.bytes.data() + sent, n - sent, MSG_NOSIGNAL);
    if (w <= 0) break;
    sent += static_cast<std::size_t>(w);
  }
  ::shutdown(client, SHUT_RDWR);
}

}  // namespace shelfnode::ota::testing
