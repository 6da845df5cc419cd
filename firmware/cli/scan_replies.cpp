#include "cli/scan_replies.h"

#include "shelfnode/session/till_reply.h"

namespace shelfnode::cli {

std::vector<std::string> reply_to_batch(session::ScanSession& session,
                                        const std::vector<platform::Scan>& batch, Status& worst) {
  worst = Status::Ok();
  std::vector<std::string> lines;
  for (const platform::Scan& s : batch) {
    if (!s.refused()) lines.push_back(s.text);
  }
  std::vector<std::string> answers;
  if (!lines.empty()) answers = session.process_batch(lines, worst);
  std::vector<std::string> replies;
  std::size_t next = 0;
  for (const platform::Scan& s : batch) {
    if (!s.refused()) {
      replies.push_back(std::move(answers[next++]));
      continue;
    }
    // Said like the session's refusals: the reason first, short; the source's log line
    // (scanner.refused) carries the whole of it.
    const Status refusal = bad_data(s.refusal);
    replies.push_back(session::till_refusal(refusal).reply);
    if (worst.ok()) worst = refusal;
  }
  return replies;
}

}  // namespace shelfnode::cli
