// drift_frame.h: the body of a child's 'D' message (child_protocol.h,
// issue 29): the module's drift as its run found it (report/drift_info.h),
// sent before the result it belongs to. A flags byte (1: known), the
// version (8 bytes, big-endian two's complement), the reason it is not
// known, the number of differences (4 bytes), then per difference an
// accepted byte and object, kind, expected and actual; every text a 4-byte
// length and its bytes.
#ifndef AOS_CORE_ENGINE_ISOLATION_DRIFT_FRAME_H_
#define AOS_CORE_ENGINE_ISOLATION_DRIFT_FRAME_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/report/drift_info.h"

namespace aos::engine {

std::string EncodeDriftBody(const report::DriftInfo& drift);

// kDataLoss for a body that is cut short or has bytes past its end.
absl::Status DecodeDriftBody(absl::string_view body, report::DriftInfo* drift);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ISOLATION_DRIFT_FRAME_H_
