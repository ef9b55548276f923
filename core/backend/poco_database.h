// poco_database.h: what every backend built on Poco Data shares: bound
// statements and queries through a Poco::Data::Session. A backend adds its
// dialect, how it runs plain SQL text (through its driver's own handle: one
// round trip, and statements that cannot be prepared), its table listing,
// and how it turns its driver's error into a classified database error
// (database_error.h).
#ifndef AOS_CORE_BACKEND_POCO_DATABASE_H_
#define AOS_CORE_BACKEND_POCO_DATABASE_H_

#include <memory>
#include <string>
#include <vector>

#include "Poco/Data/Session.h"
#include "core/backend/database.h"

namespace aos::backend {

class PocoDatabase : public Database {
 public:
  explicit PocoDatabase(std::unique_ptr<Poco::Data::Session> session)
      : session_(std::move(session)) {}

  absl::Status Execute(absl::string_view sql,
                       const std::vector<SqlValue>& params) override;
  absl::StatusOr<std::vector<Row>> Query(
      absl::string_view sql, const std::vector<SqlValue>& params) override;
  absl::StatusOr<bool> TableExists(absl::string_view table) override;

 protected:
  // Runs SQL text with no parameters.
  virtual absl::Status ExecuteText(absl::string_view sql) = 0;
  // The SQL as the driver wants its placeholders; the default keeps '?'.
  virtual std::string Placeholders(absl::string_view sql) const {
    return std::string(sql);
  }
  // The driver's failure as a database error: "(code) message" for people,
  // the server's code and its category as the payload.
  virtual absl::Status ErrorFrom(const std::string& poco_text) const = 0;

  Poco::Data::Session& session() { return *session_; }

 private:
  std::unique_ptr<Poco::Data::Session> session_;
};

}  // namespace aos::backend

#endif  // AOS_CORE_BACKEND_POCO_DATABASE_H_
