#pragma once

#include <string>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/wix/retrying_client.h"

namespace shelfnode::wix {

// One permission the device needs, proved by one cheap call that uses it.
struct PermissionCheck {
  enum class State { kOk, kMissing, kNotChecked };

  const char* need;        // what the device uses it for ("update stock")
  const char* permission;  // the name the owner ticks in the API Keys Manager
  const char* scope;       // Wix's scope string, as the API reference names it [R7][R8]
  const char* method;
  const char* path;
  State state = State::kNotChecked;
};

// What `connect` learns about a site before it stores anything.
struct SiteCheck {
  std::string catalog_version;  // "V1_CATALOG" or "V3_CATALOG"
  std::vector<PermissionCheck> permissions;
  std::string default_location_id;  // V3: the location online orders deduct from [R37]
  // OK when every check passed. Otherwise either what stopped the checks (the rest stay
  // kNotChecked), or kPermission naming every missing permission in the owner's words.
  Status failure;
};

// Asks Wix which catalog the site uses [R10], then proves each permission the device needs
// with one call: a read with limit 1, or for the stock-write permission a probe that cannot
// change stock (an increment with no entries, which Wix refuses as invalid only after the
// permission check passed: a GUESS, see src/wix/README.md). A 403 marks a permission
// missing and the checks go on, so the owner can fix every permission in one visit.
//
// Fails, without a SiteCheck, when the catalog version cannot be read: a wrong or revoked
// key (401) or one not valid for the site (403) -> kPermission; a site without Wix Stores
// -> kConfig; rate limited through every retry -> kTemporary; Wix unreachable ->
// kUnavailable.
Result<SiteCheck> check_site(RetryingClient& api);

const char* state_name(PermissionCheck::State state);

}  // namespace shelfnode::wix
