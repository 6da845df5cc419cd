#pragma once

#include <string_view>

#include "shelfnode/core/status.h"

namespace shelfnode::wix {

// TLS is mandatory except towards this machine (the emulator with --plain-http): plain
// http:// is accepted only for 127.0.0.0/8, ::1 and localhost (DESIGN §4.8). Any other
// scheme, or a URL that does not parse, is a configuration error.
Status check_url_allowed(std::string_view url);

bool is_loopback_host(std::string_view host);

// True when the URL's host is the name `localhost` (not an address).
bool names_localhost(std::string_view url);

}  // namespace shelfnode::wix
