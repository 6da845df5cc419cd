#pragma once

// A sysfs tree of made-up USB devices, for `udevadm test` to run the machine's real rules
// against once it is mounted on /sys (udev_sandbox.h). It holds only what udev reads for
// them: each device's uevent and subsystem link, and the attributes that the builtins
// usb_id, input_id and path_id look at. It is only as faithful as that list.

#include <string>

namespace shelfnode::testing::install {

struct UsbDevice {
  std::string port = "1-1";  // hub port path: the device is usb1/<port>
  std::string vendor;        // idVendor, 4 hex digits
  std::string product;       // idProduct
  std::string serial;        // "" = the device reports no serial number
  std::string manufacturer = "Acme";
  std::string name = "Barcode Scanner";
};

class FakeSysfs {
 public:
  explicit FakeSysfs(std::string root);

  // The evdev keyboard (/dev/input/event<n>) of a HID keyboard-wedge device. Returns its
  // syspath as udev sees it once the tree is /sys.
  std::string add_keyboard(const UsbDevice& device, int n);
  // A CDC-ACM serial port, /dev/ttyACM<n>.
  std::string add_acm(const UsbDevice& device, int n);
  // Port 0 of a USB serial adapter, /dev/ttyUSB<n>.
  std::string add_usb_serial(const UsbDevice& device, int n);

  const std::string& root() const { return root_; }

 private:
  // The device's first interface (created with its parents); `klass` is bInterfaceClass.
  std::string interface_of(const UsbDevice& device, const std::string& klass);
  void file(const std::string& path, const std::string& content);
  void subsystem(const std::string& dir, const std::string& target);

  std::string root_;
};

}  // namespace shelfnode::testing::install
