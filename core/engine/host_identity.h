// host_identity.h: how this process names itself in the bookkeeping tables
// (history rows, lock holders): the host name, as gethostname(2) gives it.
#ifndef AOS_CORE_ENGINE_HOST_IDENTITY_H_
#define AOS_CORE_ENGINE_HOST_IDENTITY_H_

#include <unistd.h>

#include <string>

namespace aos::engine {

inline std::string HostName() {
  char name[256] = {0};
  gethostname(name, sizeof(name) - 1);
  return name;
}

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_HOST_IDENTITY_H_
