#include "integration/install/fake_sysfs.h"

#include <filesystem>
#include <fstream>
#include <utility>

namespace shelfnode::testing::install {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPci = "/devices/pci0000:00/0000:00:14.0";

}  // namespace

FakeSysfs::FakeSysfs(std::string root) : root_(std::move(root)) {
  subsystem(kPci, "/sys/bus/pci");
  file(std::string(kPci) + "/uevent", "PCI_SLOT_NAME=0000:00:14.0\n");
}

void FakeSysfs::file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(root_ + path).parent_path());
  std::ofstream(root_ + path, std::ios::binary | std::ios::trunc) << content;
}

// sd-device reads a device's subsystem as the last part of its "subsystem" link; the link
// points where it would on a real /sys once the tree is mounted there.
void FakeSysfs::subsystem(const std::string& dir, const std::string& target) {
  fs::create_directories(root_ + dir);
  const fs::path link = root_ + dir + "/subsystem";
  if (!fs::is_symlink(link)) fs::create_symlink(target, link);
}

std::string FakeSysfs::interface_of(const UsbDevice& d, const std::string& klass) {
  const std::string usb = std::string(kPci) + "/usb1/" + d.port;
  subsystem(usb, "/sys/bus/usb");
  file(usb + "/uevent", "DEVTYPE=usb_device\nBUSNUM=001\nDEVNUM=002\n");
  file(usb + "/idVendor", d.vendor + "\n");
  file(usb + "/idProduct", d.product + "\n");
  file(usb + "/manufacturer", d.manufacturer + "\n");
  file(usb + "/product", d.name + "\n");
  file(usb + "/bcdDevice", "0100\n");
  if (!d.serial.empty()) file(usb + "/serial", d.serial + "\n");

  const std::string iface = usb + "/" + d.port + ":1.0";
  subsystem(iface, "/sys/bus/usb");
  file(iface + "/uevent", "DEVTYPE=usb_interface\n");
  file(iface + "/bInterfaceNumber", "00\n");
  file(iface + "/bInterfaceClass", klass + "\n");
  file(iface + "/bInterfaceSubClass", "01\n");
  file(iface + "/bInterfaceProtocol", "01\n");
  return iface;
}

std::string FakeSysfs::add_keyboard(const UsbDevice& d, int n) {
  const std::string hid = interface_of(d, "03") + "/0003:" + d.vendor + ":" + d.product + ".0001";
  subsystem(hid, "/sys/bus/hid");
  file(hid + "/uevent", "HID_NAME=" + d.manufacturer + " " + d.name + "\n");

  const std::string input = hid + "/input/input" + std::to_string(n);
  subsystem(input, "/sys/class/input");
  file(input + "/uevent", "NAME=\"" + d.manufacturer + " " + d.name + "\"\n");
  file(input + "/name", d.manufacturer + " " + d.name + "\n");
  // EV_SYN, EV_KEY, EV_MSC, EV_LED, EV_REP, and keys 1 to 63 (Esc, digits, letters, Enter):
  // input_id's test for a keyboard looks for the first 31 key codes.
  file(input + "/capabilities/ev", "120013\n");
  file(input + "/capabilities/key", "e080ffdf01cfffff fffffffffffffffe\n");
  file(input + "/capabilities/rel", "0\n");
  file(input + "/capabilities/abs", "0\n");
  file(input + "/properties", "0\n");

  const std::string event = input + "/event" + std::to_string(n);
  subsystem(event, "/sys/class/input");
  file(event + "/uevent", "MAJOR=13\nMINOR=" + std::to_string(64 + n) + "\nDEVNAME=input/event" +
                              std::to_string(n) + "\n");
  return "/sys" + event;
}

std::string FakeSysfs::add_acm(const UsbDevice& d, int n) {
  const std::string tty = interface_of(d, "02") + "/tty/ttyACM" + std::to_string(n);
  subsystem(tty, "/sys/class/tty");
  file(tty + "/uevent",
       "MAJOR=166\nMINOR=" + std::to_string(n) + "\nDEVNAME=ttyACM" + std::to_string(n) + "\n");
  return "/sys" + tty;
}

std::string FakeSysfs::add_usb_serial(const UsbDevice& d, int n) {
  const std::string name = "ttyUSB" + std::to_string(n);
  const std::string port = interface_of(d, "ff") + "/" + name;
  subsystem(port, "/sys/bus/usb-serial");
  file(port + "/uevent", "");
  file(port + "/port_number", "0\n");
  const std::string tty = port + "/tty/" + name;
  subsystem(tty, "/sys/class/tty");
  file(tty + "/uevent", "MAJOR=188\nMINOR=" + std::to_string(n) + "\nDEVNAME=" + name + "\n");
  return "/sys" + tty;
}

}  // namespace shelfnode::testing::install
