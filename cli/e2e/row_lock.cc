#include "cli/e2e/row_lock.h"

#include <mysql/mysql.h>

#include "absl/strings/str_cat.h"

namespace aos::e2e {

RowLock::~RowLock() {
  if (m_ != nullptr) mysql_close(m_);
}

std::string RowLock::Lock(int port, const std::string& db, const std::string& table, int id) {
  return LockWhere(port, db, table, absl::StrCat("id = ", id));
}

std::string RowLock::LockWhere(int port, const std::string& db, const std::string& table,
                               const std::string& condition) {
  m_ = mysql_init(nullptr);
  if (m_ == nullptr) return "mysql_init";
  unsigned int timeout = 10;
  mysql_options(m_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  if (mysql_real_connect(m_, "127.0.0.1", "root", nullptr, db.c_str(), port, nullptr, 0) ==
      nullptr) {
    return mysql_error(m_);
  }
  for (const std::string& sql :
       {std::string("BEGIN"),
        absl::StrCat("SELECT 1 FROM ", table, " WHERE ", condition, " FOR UPDATE")}) {
    if (mysql_real_query(m_, sql.data(), sql.size()) != 0) {
      return mysql_error(m_);
    }
    MYSQL_RES* res = mysql_store_result(m_);
    if (res != nullptr) mysql_free_result(res);
  }
  return "";
}

std::string RowLock::Run(const std::string& sql) {
  if (m_ == nullptr) return "not connected";
  if (mysql_real_query(m_, sql.data(), sql.size()) != 0) return mysql_error(m_);
  MYSQL_RES* res = mysql_store_result(m_);
  if (res != nullptr) mysql_free_result(res);
  return "";
}

void RowLock::Release() {
  if (m_ != nullptr) (void)mysql_query(m_, "ROLLBACK");
}

}  // namespace aos::e2e
