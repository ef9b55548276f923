#include "core/engine/batch/batch_runner.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/backend/database_error.h"
#include "core/engine/batch/batch_throttle.h"
#include "core/engine/batch/postgresql_batch.h"
#include "core/engine/batch/table_key.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/util/backoff.h"

namespace aos::engine {
namespace {

// How often a long statement says how far it is.
constexpr absl::Duration kSayEvery = absl::Seconds(5);
// How many times one chunk is tried when it loses deadlocks.
constexpr int kChunkAttempts = 10;

std::optional<int64_t> Key(const absl::StatusOr<std::vector<backend::Row>>& r) {
  int64_t n = 0;
  if (!r.ok() || r->empty() || (*r)[0].empty() || !(*r)[0][0] ||
      !absl::SimpleAtoi(*(*r)[0][0], &n)) {
    return std::nullopt;
  }
  return n;
}

class Batcher {
 public:
  Batcher(backend::Database& tool_db, backend::Database& step_db, const BatchedRun& run,
          const BatchSettings& settings, const BatchProgress& progress, const BatchHooks& hooks)
      : tool_(tool_db),
        step_(step_db),
        run_(run),
        settings_(settings),
        progress_(progress),
        hooks_(hooks),
        postgresql_(tool_db.dialect() == "postgresql"),
        table_(postgresql_ ? PostgresqlQuote(run.table) : sql::QuoteIdentifier(run.table)),
        key_(postgresql_ ? PostgresqlQuote(run.key) : sql::QuoteIdentifier(run.key)) {}

  absl::Status Run(const BatchPlace& place) {
    if (absl::Status st = Start(place); !st.ok()) return st;
    const std::optional<int64_t> row_bytes = run_.rows && run_.bytes && *run_.rows > 0
                                                 ? std::optional<int64_t>(*run_.bytes / *run_.rows)
                                                 : std::nullopt;
    const int64_t cap = ChunkRowCap(tool_, settings_, row_bytes);
    int64_t rows = std::clamp<int64_t>(settings_.start_rows, 1, cap);
    for (bool last = false; !last;) {
      absl::Status st = WaitForLoad(
          tool_, settings_, absl::Seconds(settings_.max_load_wait_seconds), hooks_.progress);
      if (!st.ok()) return st;
      const absl::Time began = absl::Now();
      if (st = ChunkTryingAgain(&rows, &last); !st.ok()) return st;
      const int64_t ms = std::max<int64_t>(1, absl::ToInt64Milliseconds(absl::Now() - began));
      rows = std::clamp<int64_t>(rows * settings_.chunk_ms / ms, 1, std::min(cap, rows * 2));
      if (!last && settings_.sleep_ms > 0) absl::SleepFor(absl::Milliseconds(settings_.sleep_ms));
    }
    return absl::OkStatus();
  }

 private:
  // Where the statement starts: after the chunks a progress row of the
  // same statement records, else before the table's first key; it ends at
  // the table's last key now.
  absl::Status Start(const BatchPlace& place) {
    if (absl::Status st = BatchProgress::EnsureTable(tool_); !st.ok()) return st;
    absl::StatusOr<std::string> key = ReadIntegerKey(tool_, run_.table);
    if (!key.ok()) return key.status();
    if (*key != run_.key) {
      return absl::FailedPreconditionError(absl::StrCat("the primary key of ", run_.table,
                                                        " is now ", *key, ", not ", run_.key,
                                                        " as when the statement was batched"));
    }
    absl::StatusOr<std::optional<BatchRow>> row = progress_.Read(tool_);
    if (!row.ok()) return row.status();
    row_.place = place;
    // A row of no chunk (PostgreSQL's: where its step stands) resumes none.
    const bool same = *row && (*row)->chunks > 0 && (*row)->place.version == place.version &&
                      (*row)->place.direction == place.direction &&
                      (*row)->place.statement == place.statement;
    if (same && (*row)->place.digest != place.digest) {
      return absl::FailedPreconditionError(
          absl::StrCat("statement ", place.statement, " ran in chunks up to key ", (*row)->done_key,
                       " of ", run_.table,
                       " and its text has changed since: running the new text over the "
                       "rest would not be the statement that ran"));
    }
    // Signed: an unsigned key's MIN(...) - 1 of 0 is out of its range.
    const std::string range =
        postgresql_ ? PostgresqlKeyRangeQuery(key_, table_)
                    : absl::StrCat("SELECT CAST(MIN(", key_, ") AS SIGNED) - 1, MAX(", key_,
                                   ") FROM ", table_);
    absl::StatusOr<std::vector<backend::Row>> ends = tool_.Query(range);
    if (!ends.ok()) return ends.status();
    const backend::Row first = ends->empty() ? backend::Row{} : (*ends)[0];
    int64_t lo = 0, hi = 0;
    if (first.size() == 2 && first[0] && first[1]) {
      (void)absl::SimpleAtoi(*first[0], &lo);
      (void)absl::SimpleAtoi(*first[1], &hi);
    }
    row_.done_key = lo;
    end_ = hi;
    if (same) {
      row_ = **row;
      if (hooks_.progress) {
        hooks_.progress(absl::StrCat("resuming the batched statement after key ", row_.done_key,
                                     " of ", run_.table));
      }
    }
    end_ = std::max(end_, row_.done_key);
    return absl::OkStatus();
  }

  // The key `rows` rows after the last done, at most the end.
  absl::StatusOr<int64_t> Boundary(int64_t rows) {
    absl::StatusOr<std::vector<backend::Row>> r =
        tool_.Query(absl::StrCat("SELECT ", key_, " FROM ", table_, " WHERE ", key_, " > ? AND ",
                                 key_, " <= ? ORDER BY ", key_, " LIMIT 1 OFFSET ", rows - 1),
                    {row_.done_key, end_});
    if (!r.ok()) return r.status();
    return Key(r).value_or(end_);
  }

  // The next chunk of at most `*rows` rows (`*last`: it was the last). A
  // chunk that loses a deadlock (InnoDB's victim, a Galera certification
  // failure against a write through another node, PostgreSQL's deadlock or
  // serialization failure) was rolled back whole with its record, so it
  // is tried again, half as big, after a pause (util::Backoff), up to
  // kChunkAttempts times within batch_max_load_wait; any other failure
  // ends the statement, to resume at that chunk on the next run.
  absl::Status ChunkTryingAgain(int64_t* rows, bool* last) {
    util::Backoff pause(absl::Milliseconds(50), absl::Seconds(5),
                        absl::Now() + absl::Seconds(settings_.max_load_wait_seconds));
    for (int attempt = 1;; ++attempt) {
      absl::StatusOr<int64_t> upto = Boundary(*rows);
      if (!upto.ok()) return upto.status();
      *last = *upto >= end_;
      absl::Status st = Chunk(*upto, *rows, *last);
      if (st.ok() || backend::CategoryOf(st) != backend::ErrorCategory::kDeadlock ||
          attempt >= kChunkAttempts || pause.Expired()) {
        return st;
      }
      if (hooks_.progress) {
        hooks_.progress(absl::StrCat("chunk ", row_.chunks + 1, " of ", run_.table,
                                     " lost a deadlock to another transaction (rolled back "
                                     "with its record); trying it again (attempt ",
                                     attempt + 1, " of ", kChunkAttempts, ")"));
      }
      *rows = std::max<int64_t>(1, *rows / 2);
      pause.Wait();
    }
  }

  // One chunk and its record, in one transaction.
  absl::Status Chunk(int64_t upto, int64_t rows, bool last) {
    const std::string text = sql::ChunkStatement(run_.dml, run_.key, row_.done_key, upto);
    absl::Status st = step_.ExecuteAll({{"BEGIN", {}}, {text, {}}});
    if (st.ok() && hooks_.check) st = hooks_.check();
    BatchRow next = row_;
    next.done_key = upto;
    next.rows_done += rows;
    next.chunks += 1;
    std::vector<backend::BoundStatement> record;
    if (last && hooks_.finish) {
      record = hooks_.finish();
    } else if (last) {
      record = {hooks_.done(), progress_.Clear()};
    } else {
      record = {progress_.Record(next)};
    }
    record.push_back({"COMMIT", {}});
    if (st.ok()) st = step_.ExecuteAll(record);
    if (!st.ok()) {
      (void)step_.Rollback();
      // The database error's payload (its category) kept: the caller
      // tries a deadlock's chunk again, and the report says its category.
      return backend::WithContext(
          st, absl::StrCat("chunk ", next.chunks, " (", run_.key, " > ", row_.done_key, "): "));
    }
    row_ = next;
    Say(last);
    return absl::OkStatus();
  }

  // Rows done of the estimate, as the run's activity: after the first
  // chunk, the last, and at most every kSayEvery between.
  void Say(bool last) {
    if (!hooks_.progress) return;
    const absl::Time now = absl::Now();
    if (!last && row_.chunks > 1 && now - said_ < kSayEvery) return;
    said_ = now;
    const int64_t done = run_.rows ? std::min(row_.rows_done, *run_.rows) : row_.rows_done;
    if (hooks_.fraction && run_.rows && *run_.rows > 0) hooks_.fraction(done, *run_.rows);
    hooks_.progress(absl::StrCat("batched ", run_.table, ": ~", done, " of ~",
                                 run_.rows ? absl::StrCat(*run_.rows) : std::string("?"),
                                 " rows in ", row_.chunks, " chunk(s), up to ", run_.key, " ",
                                 row_.done_key, " of ", end_));
  }

  backend::Database& tool_;
  backend::Database& step_;
  const BatchedRun& run_;
  const BatchSettings& settings_;
  const BatchProgress& progress_;
  const BatchHooks& hooks_;
  const bool postgresql_;
  const std::string table_;
  const std::string key_;
  BatchRow row_;
  int64_t end_ = 0;
  absl::Time said_ = absl::InfinitePast();
};

}  // namespace

absl::Status RunBatched(backend::Database& tool_db, backend::Database& step_db,
                        const BatchedRun& run, const BatchSettings& settings,
                        const BatchProgress& progress, const BatchPlace& place,
                        const BatchHooks& hooks) {
  return Batcher(tool_db, step_db, run, settings, progress, hooks).Run(place);
}

}  // namespace aos::engine
