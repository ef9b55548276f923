#include "core/engine/apply/statement_progress.h"

#include <chrono>
#include <optional>
#include <utility>

#include "absl/strings/numbers.h"

namespace aos::engine {
namespace {

// PROGRESS in tenths of a percent, or nullopt while the session reports
// no stages (not started, or not a statement that reports) or is not
// there (or the reader is on another server); an error where the server
// has no such columns (MySQL).
absl::StatusOr<std::optional<int64_t>> ReadPermille(backend::Database& reader, int64_t session_id,
                                                    const std::string& server) {
  absl::StatusOr<std::vector<backend::Row>> rows = reader.Query(
      "SELECT MAX_STAGE, PROGRESS FROM information_schema.PROCESSLIST "
      "WHERE ID = ? AND CONCAT(@@hostname, ':', @@port) = ?",
      {session_id, server});
  if (!rows.ok()) return rows.status();
  if (rows->size() != 1 || (*rows)[0].size() != 2) return std::nullopt;
  const backend::Row& row = (*rows)[0];
  int64_t stages = 0;
  double percent = 0;
  if (!row[0] || !row[1] || !absl::SimpleAtoi(*row[0], &stages) ||
      !absl::SimpleAtod(*row[1], &percent) || stages <= 0) {
    return std::nullopt;
  }
  return static_cast<int64_t>(percent * 10 + 0.5);
}

}  // namespace

StatementProgress::StatementProgress(OpenReader open, int64_t session_id, std::string server,
                                     FractionFn fraction)
    : open_(std::move(open)),
      session_id_(session_id),
      server_(std::move(server)),
      fraction_(std::move(fraction)) {
  if (!open_ || !fraction_ || session_id_ == 0) return;
  thread_ = std::thread([this] { Poll(); });
}

StatementProgress::~StatementProgress() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool StatementProgress::StoppedAfter(absl::Duration d) {
  std::unique_lock<std::mutex> lock(mu_);
  return wake_.wait_for(lock, absl::ToChronoMilliseconds(d), [this] { return stop_; });
}

// Polls until stopped, telling each new percentage; ends at once where
// the server cannot be asked.
void StatementProgress::Poll() {
  if (StoppedAfter(kStatementPollFirst)) return;
  absl::StatusOr<std::unique_ptr<backend::Database>> reader = open_();
  if (!reader.ok()) return;
  std::optional<int64_t> told;
  do {
    absl::StatusOr<std::optional<int64_t>> permille = ReadPermille(**reader, session_id_, server_);
    if (!permille.ok()) return;
    if (*permille && *permille != told) {
      fraction_(**permille, 1000, "%");
      told = *permille;
    }
  } while (!StoppedAfter(kStatementPollEvery));
}

}  // namespace aos::engine
