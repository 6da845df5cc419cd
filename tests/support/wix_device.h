#pragma once

// A device data dir connected to the emulator the way an owner connects one (`init`, then
// `connect` with a key file), and the config.json settings tests of the sync engine need.

#include <string>

#include "support/wix_emulator.h"

namespace shelfnode::testing {

// Runs `connect --site-id SITE --api-key-file F --base-url URL --ca-file CA` in `data_dir`
// (already initialised) with `key` in a temporary 0600 file. Returns "" or what went wrong
// (the command's exit code and output).
std::string connect_device(const std::string& data_dir, const WixEmulator& emulator,
                           const std::string& site, const std::string& key);

// Sets integer fields of config.json's "wix" object (e.g. "requests_per_minute": 200 and
// "backoff_base_ms": 20, so tests that make many calls neither wait on the device's own rate
// limit nor on seconds of backoff). Other fields are kept. Returns "" or what went wrong.
std::string set_wix_config(const std::string& data_dir, int requests_per_minute,
                           int backoff_base_ms);

// Replaces the stored API key (the 0600 `wix-api-key` file), e.g. with a read-only key.
void replace_api_key(const std::string& data_dir, const std::string& key);

}  // namespace shelfnode::testing
