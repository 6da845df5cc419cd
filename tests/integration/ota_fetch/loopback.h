#pragma once

#include <string>

namespace shelfnode::ota::testing {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to 0, read back, closed).
int free_loopback_port();

// Whether something accepts connections on 127.0.0.1:port.
bool accepts_connections(int port);

// A listening socket on 127.0.0.1 with a port of the kernel's choice; -1 on failure.
int listen_loopback(int& port);

}  // namespace shelfnode::ota::testing
