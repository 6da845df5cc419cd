#include "shelfnode/platform/scanner_spec.h"

#include <gtest/gtest.h>

#include "shelfnode/platform/evdev_source.h"

namespace shelfnode::platform {
namespace {

using namespace std::chrono_literals;

std::string error_of(std::string_view source, const SpecOptions& options = {}) {
  Result<ScannerSpec> spec = parse_scanner_spec(source, options);
  EXPECT_FALSE(spec.ok()) << source;
  if (spec.ok()) return "";
  EXPECT_EQ(spec.status().code(), Code::kConfig);
  return spec.status().message();
}

TEST(ScannerSpec, StdinIsTheDefaultKind) {
  Result<ScannerSpec> spec = parse_scanner_spec("stdin");
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->kind, SourceKind::kStdin);
  EXPECT_EQ(spec->name, "stdin");
}

TEST(ScannerSpec, EvdevDefaultsAreAUsScannerWithEnterAnd80Ms) {
  Result<ScannerSpec> spec = parse_scanner_spec("evdev:/dev/input/by-id/usb-X-event-kbd");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->kind, SourceKind::kEvdev);
  EXPECT_EQ(spec->path, "/dev/input/by-id/usb-X-event-kbd");
  EXPECT_EQ(spec->layout->name(), "us");
  EXPECT_EQ(spec->framing.suffix, Suffix::kEnter);
  EXPECT_EQ(spec->framing.gap, 80ms);
}

TEST(ScannerSpec, OptionsInlineAndFromConfig) {
  Result<ScannerSpec> spec = parse_scanner_spec(
      "evdev:/dev/input/by-path/pci-0000:00:14.0-usb-0:1:1.0-event-kbd,layout=de",
      {{"suffix", "tab"}, {"gap_ms", "60"}});
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->path, "/dev/input/by-path/pci-0000:00:14.0-usb-0:1:1.0-event-kbd");
  EXPECT_EQ(spec->layout->name(), "de");
  EXPECT_EQ(spec->framing.suffix, Suffix::kTab);
  EXPECT_EQ(spec->framing.gap, 60ms);

  spec = parse_scanner_spec("serial:/dev/ttyACM0,baud=115200,suffix=none");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->kind, SourceKind::kSerial);
  EXPECT_EQ(spec->path, "/dev/ttyACM0");
  EXPECT_EQ(spec->baud, 115200);
  EXPECT_EQ(spec->framing.suffix, Suffix::kNone);
  EXPECT_EQ(parse_scanner_spec("serial:/dev/ttyACM0")->baud, 9600);
}

TEST(ScannerSpec, ClearErrors) {
  EXPECT_EQ(error_of("bluetooth:x"),
            "scanner source 'bluetooth:x': use stdin, evdev:PATH or serial:PATH");
  EXPECT_EQ(error_of("evdev"), "scanner source 'evdev': use stdin, evdev:PATH or serial:PATH");
  EXPECT_EQ(error_of("evdev:"),
            "scanner source 'evdev:': the device path must be absolute "
            "(evdev:/dev/input/by-id/...-event-kbd)");
  EXPECT_EQ(error_of("serial:ttyACM0"),
            "scanner source 'serial:ttyACM0': the device path must be absolute "
            "(serial:/dev/ttyACM0)");
  EXPECT_EQ(error_of("evdev:/dev/x,layout=jp"),
            "scanner source 'evdev:/dev/x,layout=jp': unknown keyboard layout 'jp': use us, uk, "
            "de, fr");
  EXPECT_EQ(error_of("serial:/dev/x,baud=9601"),
            "scanner source 'serial:/dev/x,baud=9601': unsupported baud rate '9601': use 1200, "
            "2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600");
  EXPECT_EQ(error_of("serial:/dev/x", {{"baud", "fast"}}).find("unsupported baud rate 'fast'"),
            std::string("scanner source 'serial:/dev/x': ").size());
  EXPECT_EQ(error_of("evdev:/dev/x,suffix=cr"),
            "scanner source 'evdev:/dev/x,suffix=cr': unknown scanner suffix 'cr': use enter, "
            "tab or none");
  EXPECT_EQ(error_of("evdev:/dev/x,gap_ms=2"),
            "scanner source 'evdev:/dev/x,gap_ms=2': scanner gap_ms '2' must be a whole number "
            "of milliseconds from 10 to 5000");
  EXPECT_NE(error_of("evdev:/dev/x,gap_ms=-5").find("gap_ms '-5'"), std::string::npos);
  EXPECT_EQ(error_of("evdev:/dev/x,baud=9600"),
            "scanner source 'evdev:/dev/x,baud=9600': unknown option 'baud' for an evdev scanner: "
            "use layout, suffix or gap_ms");
  EXPECT_EQ(error_of("serial:/dev/x", {{"layout", "de"}}),
            "scanner source 'serial:/dev/x': unknown option 'layout' for a serial scanner: use "
            "baud, suffix or gap_ms");
  EXPECT_EQ(error_of("evdev:/dev/x,layout=de", {{"layout", "fr"}}),
            "scanner source 'evdev:/dev/x,layout=de': option 'layout' given twice");
  EXPECT_EQ(error_of("evdev:/dev/x,de"),
            "scanner source 'evdev:/dev/x,de': option 'de' is not key=value");
  EXPECT_EQ(error_of("evdev:/dev/x,"),
            "scanner source 'evdev:/dev/x,': option '' is not key=value");
  EXPECT_EQ(error_of("stdin", {{"suffix", "tab"}}), "scanner source 'stdin' takes no options");
}

TEST(ScannerSpec, MakesTheSourceOfItsKind) {
  EXPECT_FALSE(make_source(*parse_scanner_spec("stdin"))->ended());
  EXPECT_NE(dynamic_cast<EvdevSource*>(make_source(*parse_scanner_spec("evdev:/dev/x")).get()),
            nullptr);
}

}  // namespace
}  // namespace shelfnode::platform
