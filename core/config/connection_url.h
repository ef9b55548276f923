// connection_url.h: SQLAlchemy-style database URLs, as OpenStack services
// write them in their configs:
//   mysql+pymysql://user:p%40ss@host:3306/db?charset=utf8
//   mysql://user@/db?unix_socket=/run/mysqld/mysqld.sock
//   postgresql+psycopg2://user:pass@host/db
//   sqlite:////var/lib/aos/dashboard.sqlite   (absolute path)
//   sqlite:///dashboard.sqlite                (relative path)
// User, password, host and database are percent-decoded. The password is
// kept only in `password` and never rendered: Redacted() shows it as ***.
// As SQLAlchemy does, a password may also hold an unencoded '/', '?' or '@'
// (it runs from the user's ':' to the '@' before the host).
#ifndef AOS_CORE_CONFIG_CONNECTION_URL_H_
#define AOS_CORE_CONFIG_CONNECTION_URL_H_

#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace aos::config {

struct ConnectionUrl {
  std::string dialect;  // "mysql", "postgresql" or "sqlite"
  std::string driver;   // as written after '+', e.g. "pymysql"; may be empty
  std::string user;
  std::string password;
  bool has_password = false;
  std::string host;
  std::optional<int> port;
  std::string database;  // sqlite: the file path ("" = in memory)
  std::map<std::string, std::string> query;

  // The URL with the password replaced by ***, safe for any output.
  std::string Redacted() const;
};

// Fails with a message that says what is wrong and never contains the
// password (the URL is echoed back redacted, where it can be).
absl::StatusOr<ConnectionUrl> ParseConnectionUrl(absl::string_view url);

// Replaces the password of anything that looks like a URL with userinfo
// (scheme://user:password@) inside `text` by ***: for error texts that may
// quote a URL, such as a driver's or a config line's.
std::string RedactUrls(absl::string_view text);

// `text` with the value of every libpq-style "password=..." parameter
// ('quoted', with \' escapes, or up to a blank) replaced by ***: a driver
// may quote its connection string in an error.
std::string RedactConninfo(absl::string_view text);

}  // namespace aos::config

#endif  // AOS_CORE_CONFIG_CONNECTION_URL_H_
