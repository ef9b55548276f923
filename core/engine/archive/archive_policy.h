// archive_policy.h: how much of what a step destroys the archive keeps
// (issue 27, archive_plan.h), as the config and the command line set it
// (engine/run_options.cc): on or off, the size limit, the retention and a
// purge. A header of its own so that the CLI sees only this of the archive.
#ifndef AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_POLICY_H_
#define AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_POLICY_H_

#include <cstdint>

namespace aos::engine {

struct ArchivePolicy {
  bool enabled = true;                     // archive = off / --no-archive
  int64_t max_bytes = int64_t{256} << 20;  // archive_max_mib
  // archive_retention_days: a run with work to do retires archives older
  // than this (0: never).
  int64_t retention_days = 30;
  bool purge = false;  // --purge-archives: retire every archive now
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_POLICY_H_
