#include "shelfnode/platform/evdev_source.h"
#include "shelfnode/platform/scanner_spec.h"
#include "shelfnode/platform/serial_source.h"
#include "shelfnode/platform/stdin_source.h"

namespace shelfnode::platform {

std::unique_ptr<ScanSource> make_source(const ScannerSpec& spec, int stdin_fd) {
  switch (spec.kind) {
    case SourceKind::kEvdev:
      return std::make_unique<EvdevSource>(spec.name, spec.path, *spec.layout, spec.framing);
    case SourceKind::kSerial:
      // parse_scanner_spec let only rates of the table through.
      return std::make_unique<SerialSource>(spec.name, spec.path, spec.baud,
                                            serial_speed(spec.baud).value_or(B9600), spec.framing);
    case SourceKind::kStdin:
      break;
  }
  return std::make_unique<StdinSource>(stdin_fd, spec.framing.max_scan);
}

}  // namespace shelfnode::platform
