// backend_module.h: the PostgreSQL and SQLite backends as shared objects of
// their own, loaded on the first URL of their engine, so a run against
// MySQL (every controller start) never maps libpq, its Kerberos/LDAP/TLS
// stack, SQLite or Poco Data: about 6 ms of dynamic loading saved at every
// start (docs/performance.md).
//
// libaos_backend_<dialect>.so is looked for in the installed layout,
// <exe>/../lib/aos/db-migrate/backends/ (/usr/bin/aos-db-migrate ->
// /usr/lib/aos/db-migrate/backends/), then beside the executable (the build
// tree). It must be owned by root or the invoking user and writable by
// nobody else, like a plugin. It is built by this project with this build
// (same compiler, libraries and headers), so C++ types may cross: it
// exports one extern "C" entry, kBackendEntry, of type BackendOpenFn.
#ifndef AOS_CORE_BACKEND_BACKEND_MODULE_H_
#define AOS_CORE_BACKEND_BACKEND_MODULE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"
#include "core/config/connection_url.h"

namespace aos::backend {

using BackendOpenFn = void (*)(const config::ConnectionUrl& url,
                               const SessionOptions& options,
                               absl::StatusOr<std::unique_ptr<Database>>* out);

inline constexpr char kBackendEntry[] = "aos_backend_open";

// Loads (once per process) the backend of `dialect` and returns its entry,
// or why it cannot.
absl::StatusOr<BackendOpenFn> LoadBackendModule(absl::string_view dialect);

}  // namespace aos::backend

// Defines the entry of a backend module around its Open function.
#define AOS_BACKEND_MODULE(open_function)                                  \
  extern "C" __attribute__((visibility("default"))) void aos_backend_open( \
      const ::aos::config::ConnectionUrl& url,                             \
      const ::aos::backend::SessionOptions& options,                       \
      ::absl::StatusOr<std::unique_ptr<::aos::backend::Database>>* out) {  \
    *out = open_function(url, options);                                    \
  }

#endif  // AOS_CORE_BACKEND_BACKEND_MODULE_H_
