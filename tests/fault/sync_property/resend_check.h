#pragma once

// Check (b) of a history: no change applied twice. DESIGN §4.5: a write whose outcome the
// device could not know is settled by reading Wix back, never by sending the delta again.
//
// From the emulator's request log: every inventory write the device could not know the
// outcome of (a dropped or reset connection, a cut JSON body, a 5xx other than 503, an HTML
// page instead of JSON, or a process killed before the answer was sent) is followed, per
// variant it named, by a successful read covering that variant before any increment or
// decrement names that variant again.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fault/sync_property/wix_log.h"

namespace shelfnode::sync_property {

// A `sync` process killed by the test: the requests it made have IDs in (after_id, last_id].
// Which of them it never saw answered is certain in two cases only: the emulator could not
// send the answer (the request is known from the writes log alone), or the kill came while
// the emulator was still sleeping in a latency fault before processing the request.
struct KilledRun {
  std::int64_t after_id = 0;
  std::int64_t last_id = 0;
  std::int64_t kill_ms = 0;  // wall clock just before SIGKILL
};

struct ResendFacts {
  bool v3 = false;
  // V3: inventory item ID -> variant ID (writes name items, reads name variants).
  std::map<std::string, std::string> variant_of_item;
  std::vector<KilledRun> killed;
  std::map<std::string, int> latency_ms;  // latency fault ID -> its sleep
};

struct ResendReport {
  int uncertain_writes = 0;         // writes whose outcome the device could not know
  int cut_by_kill = 0;              // ... of which because their process was killed
  std::vector<std::string> errors;  // one per delta sent again before a read
};

ResendReport check_no_resend(const WixLog& log, const ResendFacts& facts);

}  // namespace shelfnode::sync_property
