// hash.h: the digest the tool names content by (step checksums, statement
// hashes, schema fingerprints): sha256, as lowercase hex.
#ifndef AOS_CORE_UTIL_HASH_H_
#define AOS_CORE_UTIL_HASH_H_

#include <string>

namespace aos::util {

// sha256 hex of `content`.
std::string Sha256Hex(const std::string& content);

}  // namespace aos::util

#endif  // AOS_CORE_UTIL_HASH_H_
