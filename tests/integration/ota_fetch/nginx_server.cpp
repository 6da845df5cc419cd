#include "nginx_server.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <sstream>
#include <thread>

#include "loopback.h"

namespace shelfnode::ota::testing {
namespace {

using shelfnode::testing::read_file;
using shelfnode::testing::run;
using shelfnode::testing::write_file;

std::string config(const std::string& dir, int port) {
  std::ostringstream c;
  c << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
    << "pid " << dir << "/nginx.pid;\nerror_log " << dir << "/error.log warn;\n"
    << "events { worker_connections 64; }\n"
    << "http {\n  default_type application/octet-stream;\n"
    << "  log_format dl '$status $body_bytes_sent \"$http_range\" \"$http_if_range\" "
       "$request_uri';\n"
    << "  access_log " << dir << "/access.log dl;\n";
  for (const char* t : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
    c << "  " << t << "_temp_path " << dir << "/tmp/" << t << ";\n";
  }
  c << "  server {\n    listen 127.0.0.1:" << port << " ssl;\n    server_name localhost;\n"
    << "    ssl_certificate " << dir << "/cert.pem;\n    ssl_certificate_key " << dir
    << "/key.pem;\n    root " << dir << "/www;\n"
    << "    location /norange/ { max_ranges 0; }\n"
    << "    location /slow/ { limit_rate 1m; }\n  }\n}\n";
  return c.str();
}

}  // namespace

NginxServer::NginxServer(const std::string& dir) : dir_(dir) {
  ::mkdir(dir.c_str(), 0755);
  ::mkdir((dir + "/www").c_str(), 0755);
  ::mkdir((dir + "/www/norange").c_str(), 0755);
  ::mkdir((dir + "/www/slow").c_str(), 0755);
  ::mkdir((dir + "/tmp").c_str(), 0755);
  const auto made =
      run({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
           "-nodes", "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem", "-days", "2", "-subj",
           "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"});
  if (made.exit_code != 0) {
    ADD_FAILURE() << "openssl req: " << made.err;
    return;
  }
  // A port free a moment ago may be taken by the time nginx binds it: then another one.
  for (int attempt = 0; attempt < 3 && !child_; ++attempt) {
    port_ = free_loopback_port();
    write_file(dir + "/nginx.conf", config(dir, port_));
    shelfnode::testing::ChildSetup setup;
    setup.stderr_path = dir + "/stderr.log";
    auto child = std::make_unique<shelfnode::testing::Child>(
        std::vector<std::string>{"nginx", "-p", dir, "-c", dir + "/nginx.conf", "-e",
                                 dir + "/error.log"},
        setup);
    for (int i = 0; i < 250; ++i) {
      if (child->wait(0) != -1) break;  // exited: the port, or the config
      if (accepts_connections(port_)) {
        child_ = std::move(child);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  if (!child_) ADD_FAILURE() << "nginx did not start: " << error_log();
}

NginxServer::~NginxServer() {
  if (!child_) return;
  child_->kill_now(SIGQUIT);  // graceful: finish the log, remove the pid file
  if (child_->wait(3000) == -1) {
    child_->kill_now(SIGKILL);
    child_->wait(3000);
  }
}

std::string NginxServer::url(const std::string& path) const {
  return "https://localhost:" + std::to_string(port_) + "/" + path;
}

std::string NginxServer::error_log() const {
  return read_file(dir_ + "/error.log") + read_file(dir_ + "/stderr.log");
}

std::vector<AccessLine> NginxServer::access_log() const {
  std::vector<AccessLine> lines;
  std::istringstream in(read_file(dir_ + "/access.log"));
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    AccessLine a;
    fields >> a.status >> a.body_bytes;
    auto quoted = [&fields]() {
      std::string s;
      fields >> std::ws;
      if (fields.get() != '"') return s;
      std::getline(fields, s, '"');
      return s;
    };
    a.range = quoted();
    a.if_range = quoted();
    fields >> a.uri;
    lines.push_back(a);
  }
  return lines;
}

}  // namespace shelfnode::ota::testing
