// host_identity.h: how this process names itself in the bookkeeping tables
// (history rows, lock holders): the host name, as gethostname(2) gives it;
// and the machine's id, which with a controller's name makes its identity
// in the controllers' registry (controller_registry.h), so that two hosts
// of one name (VMs cloned with the default host name) stay two.
#ifndef AOS_CORE_UTIL_HOST_IDENTITY_H_
#define AOS_CORE_UTIL_HOST_IDENTITY_H_

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <string>

namespace aos::util {

// Where the machine's id is read: what systemd writes at first boot.
inline constexpr char kMachineIdFile[] = "/etc/machine-id";
// An environment variable naming another file to read it from (tests run
// several "machines" on one host).
inline constexpr char kMachineIdFileEnv[] = "AOS_MACHINE_ID_FILE";

inline std::string HostName() {
  char name[256] = {0};
  gethostname(name, sizeof(name) - 1);
  return name;
}

// Whether `text` is a machine id as machine-id(5) defines it: 32 lowercase
// hexadecimal digits.
inline bool IsMachineId(const std::string& text) {
  if (text.size() != 32) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) {
      return false;
    }
  }
  return true;
}

// The machine's id (machine-id(5)), read from $AOS_MACHINE_ID_FILE when
// set, else /etc/machine-id; "" when the file is missing, unreadable or
// holds no id (an image not yet booted says "uninitialized").
inline std::string MachineId() {
  const char* path = std::getenv(kMachineIdFileEnv);
  std::ifstream in(path != nullptr && *path != '\0' ? path : kMachineIdFile);
  std::string id;
  if (!(in >> id)) return "";
  for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return IsMachineId(id) ? id : "";
}

}  // namespace aos::util

#endif  // AOS_CORE_UTIL_HOST_IDENTITY_H_
