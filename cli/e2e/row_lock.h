// row_lock.h: a session of an end-to-end test's own that holds one row's
// lock in an open transaction (SELECT ... FOR UPDATE), so that a run's
// statement on that row waits there: a condition to wait on, not a sleep.
#ifndef AOS_CLI_E2E_ROW_LOCK_H_
#define AOS_CLI_E2E_ROW_LOCK_H_

#include <string>

struct st_mysql;

namespace aos::e2e {

class RowLock {
 public:
  RowLock() = default;
  ~RowLock();
  RowLock(const RowLock&) = delete;
  RowLock& operator=(const RowLock&) = delete;

  // Connects as root over TCP to 127.0.0.1:`port`, database `db`, and
  // locks the row of `table` whose `id` is `id`; "" or the error.
  std::string Lock(int port, const std::string& db, const std::string& table, int id);
  // The same for the rows of `table` where `condition` holds (SQL of the
  // test's own).
  std::string LockWhere(int port, const std::string& db, const std::string& table,
                        const std::string& condition);
  // One more statement in the same transaction (its rows read and
  // dropped); "" or the error.
  std::string Run(const std::string& sql);
  // Rolls the transaction back: the lock is gone.
  void Release();

 private:
  st_mysql* m_ = nullptr;
};

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_ROW_LOCK_H_
