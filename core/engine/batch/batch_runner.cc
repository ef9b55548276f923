#include "core/engine/batch/batch_runner.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

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

// The key of the first row of `rows` (nullopt: no row).
absl::StatusOr<std::optional<sql::KeyValue>> KeyOf(const std::vector<backend::Row>& rows) {
  if (rows.empty()) return std::nullopt;
  sql::KeyValue key;
  for (const std::optional<std::string>& cell : rows[0]) {
    if (!cell) return absl::InternalError("the server gave a NULL primary key value");
    key.push_back(*cell);
  }
  return std::optional<sql::KeyValue>(std::move(key));
}

std::vector<backend::SqlValue> Params(const std::vector<std::string>& values) {
  return std::vector<backend::SqlValue>(values.begin(), values.end());
}

// Whether a boundary a release before composite keys recorded (done_key,
// no key_columns) is a value of `key`: it batched one signed integer
// column only.
bool OneSignedInteger(const sql::RangeKey& key) {
  return key.columns.size() == 1 && !key.columns[0].hex &&
         (key.columns[0].comparand == "CAST(? AS SIGNED)" ||
          key.columns[0].comparand == "CAST(? AS bigint)");
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
        table_(tool_db.dialect() == "postgresql" ? PostgresqlQuote(run.table)
                                                 : sql::QuoteIdentifier(run.table)),
        key_(run.key) {}

  absl::Status Run(const BatchPlace& place) {
    if (absl::Status st = Start(place); !st.ok()) return st;
    const std::optional<int64_t> row_bytes = run_.rows && run_.bytes && *run_.rows > 0
                                                 ? std::optional<int64_t>(*run_.bytes / *run_.rows)
                                                 : std::nullopt;
    const int64_t cap = ChunkRowCap(tool_, settings_, row_bytes);
    int64_t rows = std::clamp<int64_t>(settings_.start_rows, 1, cap);
    const int64_t pause_ratio = IsGaleraNode(tool_) ? settings_.galera_pause_ratio : 0;
    for (bool last = false; !last;) {
      absl::Status st = WaitForLoad(
          tool_, settings_, absl::Seconds(settings_.max_load_wait_seconds), hooks_.progress);
      if (!st.ok()) return st;
      const absl::Time began = absl::Now();
      if (st = ChunkTryingAgain(&rows, &last); !st.ok()) return st;
      const int64_t ms = std::max<int64_t>(1, absl::ToInt64Milliseconds(absl::Now() - began));
      rows = std::clamp<int64_t>(rows * settings_.chunk_ms / ms, 1, std::min(cap, rows * 2));
      const int64_t pause_ms = std::max(settings_.sleep_ms, pause_ratio * ms);
      if (!last && pause_ms > 0) absl::SleepFor(absl::Milliseconds(pause_ms));
    }
    return absl::OkStatus();
  }

 private:
  // The last key done; nullopt before the first chunk.
  std::optional<sql::KeyValue> After() const {
    return row_.done.empty() ? std::nullopt : std::optional<sql::KeyValue>(row_.done);
  }

  std::string Shown(const std::optional<sql::KeyValue>& key) const {
    return key ? sql::ShowKey(key_, *key) : "none";
  }

  // The table's key now, as when the statement was batched.
  absl::Status SameKey() {
    absl::StatusOr<sql::RangeKey> key = ReadTableKey(tool_, run_.table);
    if (!key.ok()) return key.status();
    if (key->Signature() != run_.key.Signature()) {
      return absl::FailedPreconditionError(
          absl::StrCat("the primary key of ", run_.table, " is now ", key->Signature(), ", not ",
                       run_.key.Signature(), " as when the statement was batched"));
    }
    key_ = *std::move(key);
    return absl::OkStatus();
  }

  // Whether the progress row `row` of this statement can be resumed.
  absl::Status Resumable(const BatchRow& row) const {
    const std::string ran =
        absl::StrCat("statement ", row.place.statement, " ran in chunks up to key ",
                     sql::ShowKey(key_, row.done), " of ", run_.table);
    if (row.place.digest != row_.place.digest) {
      return absl::FailedPreconditionError(
          absl::StrCat(ran,
                       " and its text has changed since: running the new text over the "
                       "rest would not be the statement that ran"));
    }
    const bool same_key = row.key.empty() ? OneSignedInteger(key_) : row.key == key_.Signature();
    if (!same_key || row.done.size() != key_.columns.size()) {
      return absl::FailedPreconditionError(absl::StrCat(
          ran, " of its key ", row.key.empty() ? "(one integer column)" : row.key,
          ", and its key is now ", key_.Signature(), ": the recorded boundary is no value of it"));
    }
    return absl::OkStatus();
  }

  // The table's last key now, in end_ (nullopt: no row). It must read
  // back, through the comparands, as that one row on the step's session
  // (its sql_mode and character set are the chunks'): else the chunks'
  // bounds would not be the rows' keys and could miss rows, and none
  // runs. A last row deleted meanwhile is looked for again.
  absl::Status FindEnd() {
    const sql::KeySql last = sql::LastKey(key_, table_);
    for (int attempt = 0;; ++attempt) {
      absl::StatusOr<std::vector<backend::Row>> ends = tool_.Query(last.text);
      if (!ends.ok()) return ends.status();
      absl::StatusOr<std::optional<sql::KeyValue>> end = KeyOf(*ends);
      if (!end.ok()) return end.status();
      end_ = *std::move(end);
      if (!end_) return absl::OkStatus();
      const sql::KeySql at = sql::KeyCondition(key_, "", sql::KeyBound::kAt, *end_);
      absl::StatusOr<std::vector<backend::Row>> n = step_.Query(
          absl::StrCat("SELECT COUNT(*) FROM ", table_, " WHERE ", at.text), Params(at.values));
      if (!n.ok()) return n.status();
      if (!n->empty() && !(*n)[0].empty() && (*n)[0][0].value_or("") == "1") {
        return absl::OkStatus();
      }
      if (attempt == 2) {
        return absl::FailedPreconditionError(absl::StrCat(
            "the key ", sql::ShowKey(key_, *end_), " of ", run_.table, " (", key_.Signature(),
            ") does not read back as itself: its chunks could miss rows, so none runs"));
      }
    }
  }

  // Where the statement starts: after the chunks a progress row of the
  // same statement records, else before the table's first key; it ends at
  // the table's last key now.
  absl::Status Start(const BatchPlace& place) {
    if (absl::Status st = BatchProgress::EnsureTable(tool_); !st.ok()) return st;
    if (absl::Status st = SameKey(); !st.ok()) return st;
    absl::StatusOr<std::optional<BatchRow>> row = progress_.Read(tool_);
    if (!row.ok()) return row.status();
    row_.place = place;
    // A row of no chunk (PostgreSQL's: where its step stands) resumes none.
    const bool same = *row && (*row)->chunks > 0 && (*row)->place.version == place.version &&
                      (*row)->place.direction == place.direction &&
                      (*row)->place.statement == place.statement;
    if (same) {
      if (absl::Status st = Resumable(**row); !st.ok()) return st;
      row_ = **row;
      row_.place = place;
    }
    if (absl::Status st = FindEnd(); !st.ok()) return st;
    // A table emptied since the chunks done: the one left is empty.
    if (!end_) end_ = After();
    if (same && hooks_.progress) {
      hooks_.progress(absl::StrCat("resuming the batched statement after key ", Shown(After()),
                                   " of ", run_.table));
    }
    return absl::OkStatus();
  }

  // The key `rows` rows after the last done, at most the end (`*last`:
  // it is the end); nullopt when there is no row to range over at all.
  absl::StatusOr<std::optional<sql::KeyValue>> Boundary(int64_t rows, bool* last) {
    *last = true;
    if (!end_) return std::nullopt;
    const sql::KeySql seek = sql::KeySeek(key_, table_, After(), *end_, rows - 1);
    absl::StatusOr<std::vector<backend::Row>> r = tool_.Query(seek.text, Params(seek.values));
    if (!r.ok()) return r.status();
    absl::StatusOr<std::optional<sql::KeyValue>> found = KeyOf(*r);
    if (!found.ok()) return found.status();
    if (*found && row_.done == **found) {  // a key that does not read back
      return absl::FailedPreconditionError(
          absl::StrCat("the chunks of ", run_.table, " do not advance past key ", Shown(*found)));
    }
    // The same row reads as the same texts, and another row never does.
    *last = !*found || **found == *end_;
    return *found ? *found : end_;
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
      absl::StatusOr<std::optional<sql::KeyValue>> upto = Boundary(*rows, last);
      if (!upto.ok()) return upto.status();
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

  // One chunk and its record, in one transaction: the statement over
  // (After(), upto], or nothing when there is no key to range over.
  absl::Status Chunk(const std::optional<sql::KeyValue>& upto, int64_t rows, bool last) {
    std::vector<backend::BoundStatement> work = {{"BEGIN", {}}};
    if (upto) {
      const sql::KeySql chunk = sql::ChunkStatement(run_.dml, key_, After(), *upto);
      work.push_back({chunk.text, Params(chunk.values)});
    }
    absl::Status st = step_.ExecuteAll(work);
    if (st.ok() && hooks_.check) st = hooks_.check();
    BatchRow next = row_;
    if (upto) next.done = *upto;
    next.key = key_.Signature();
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
      return backend::WithContext(st, absl::StrCat("chunk ", next.chunks, " (", key_.Names(),
                                                   " after ", Shown(After()), "): "));
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
                                 " rows in ", row_.chunks, " chunk(s), up to ", key_.Names(), " ",
                                 Shown(After()), " of ", Shown(end_)));
  }

  backend::Database& tool_;
  backend::Database& step_;
  const BatchedRun& run_;
  const BatchSettings& settings_;
  const BatchProgress& progress_;
  const BatchHooks& hooks_;
  const std::string table_;
  sql::RangeKey key_;
  BatchRow row_;
  std::optional<sql::KeyValue> end_;  // the last key when it started
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
