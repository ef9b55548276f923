#include "core/config/connection_url.h"

#include <cctype>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aos::config {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = absl::ascii_tolower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Percent-decoding; `what` names the part for the error (never its value).
absl::StatusOr<std::string> Decode(absl::string_view s, absl::string_view what) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    int hi = i + 1 < s.size() ? HexValue(s[i + 1]) : -1;
    int lo = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad percent-encoding in the ", what,
                       " (a '%' must be followed by two hex digits)"));
    }
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

// Percent-encoding of everything but unreserved characters and `keep`.
std::string Encode(absl::string_view s, absl::string_view keep = "") {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        (c != 0 && keep.find(static_cast<char>(c)) != absl::string_view::npos)) {
      out += static_cast<char>(c);
    } else {
      absl::StrAppend(&out, "%", absl::AsciiStrToUpper(absl::StrCat(
                                     absl::Hex(c, absl::kZeroPad2))));
    }
  }
  return out;
}

absl::StatusOr<std::string> CanonicalDialect(absl::string_view name) {
  if (name == "mysql" || name == "mariadb") return std::string("mysql");
  if (name == "postgresql" || name == "postgres") {
    return std::string("postgresql");
  }
  if (name == "sqlite") return std::string("sqlite");
  return absl::InvalidArgumentError(
      absl::StrCat("unsupported database dialect '", name,
                   "' (supported: mysql, postgresql, sqlite)"));
}

absl::Status ParseHostPort(absl::string_view hostport, ConnectionUrl* url) {
  absl::string_view host = hostport;
  absl::string_view port;
  bool has_port = false;  // a ':' after the host, even with nothing after it
  if (!hostport.empty() && hostport[0] == '[') {  // [IPv6]:port
    size_t close = hostport.find(']');
    if (close == absl::string_view::npos) {
      return absl::InvalidArgumentError("IPv6 host lacks its ']'");
    }
    host = hostport.substr(1, close - 1);
    absl::string_view rest = hostport.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') {
        return absl::InvalidArgumentError("unexpected text after the IPv6 host");
      }
      port = rest.substr(1);
      has_port = true;
    }
  } else if (size_t colon = hostport.rfind(':');
             colon != absl::string_view::npos) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
    has_port = true;
  }
  absl::StatusOr<std::string> decoded = Decode(host, "host");
  if (!decoded.ok()) return decoded.status();
  url->host = *decoded;
  if (has_port) {
    int value = 0;
    if (!absl::SimpleAtoi(port, &value) || value <= 0 || value > 65535) {
      return absl::InvalidArgumentError(
          absl::StrCat("port '", port, "' is not a number from 1 to 65535"));
    }
    url->port = value;
  }
  return absl::OkStatus();
}

absl::Status ParseQuery(absl::string_view query, ConnectionUrl* url) {
  for (absl::string_view pair : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(pair, absl::MaxSplits('=', 1));
    absl::StatusOr<std::string> key = Decode(kv.first, "query");
    absl::StatusOr<std::string> value = Decode(kv.second, "query");
    if (!key.ok()) return key.status();
    if (!value.ok()) return value.status();
    url->query[*key] = *value;
  }
  return absl::OkStatus();
}

// "invalid database URL <redacted>: <what>", the URL as parsed so far.
absl::Status InvalidUrlError(const ConnectionUrl& url, absl::string_view what) {
  std::string shown = url.dialect.empty() ? "" : url.Redacted();
  return absl::InvalidArgumentError(absl::StrCat(
      "invalid database URL", shown.empty() ? "" : " ", shown, ": ", what));
}

// Reads "dialect[+driver]://" into `url`; returns what follows the "://".
absl::StatusOr<absl::string_view> ParseScheme(absl::string_view s,
                                              ConnectionUrl* url) {
  size_t scheme_end = s.find("://");
  if (scheme_end == absl::string_view::npos) {
    return absl::InvalidArgumentError(
        "invalid database URL: expected dialect[+driver]://..., e.g. "
        "mysql+pymysql://user:password@host:3306/database");
  }
  absl::string_view scheme = s.substr(0, scheme_end);
  std::pair<absl::string_view, absl::string_view> dialect_driver =
      absl::StrSplit(scheme, absl::MaxSplits('+', 1));
  absl::StatusOr<std::string> dialect =
      CanonicalDialect(absl::AsciiStrToLower(dialect_driver.first));
  if (!dialect.ok()) return dialect.status();
  url->dialect = *dialect;
  url->driver = std::string(dialect_driver.second);
  return s.substr(scheme_end + 3);
}

// The position of the '@' that ends the userinfo in `rest` (the URL after
// "://"), or npos when there is no userinfo; an error for a URL whose
// userinfo cannot be told apart from its host. An unencoded '/' or '?' in a
// password must never be taken for the path, the query or a port, which
// would show the password as a host, port or database name.
absl::StatusOr<size_t> FindUserinfoEnd(absl::string_view rest) {
  constexpr size_t npos = absl::string_view::npos;
  // SQLAlchemy's reading, which the services apply to the same line: a user
  // name without ':' or '/', then a password up to the first '@' (so '/' and
  // '?' may stand in a password unencoded).
  size_t user_end = rest.find_first_of(":/?@");
  if (user_end == npos || rest[user_end] == '/' || rest[user_end] == '?') {
    return npos;
  }
  size_t at = rest.find('@', user_end);
  if (at == npos) return npos;
  // Another '@' before the host: the password (or user) holds an unencoded
  // '@', and where it ends is a guess that the services may not share.
  size_t host_end = rest.find_first_of("/?", at + 1);
  if (rest.substr(at + 1, host_end - (at + 1)).find('@') != npos) {
    return absl::InvalidArgumentError(
        "more than one '@' before the host: percent-encode '@' in the user "
        "name or password as %40 (and '/' as %2F, '?' as %3F), as the "
        "services' SQLAlchemy would otherwise read another host");
  }
  return at;
}

// Reads "user[:password]", percent-decoded, into `url`.
absl::Status ParseUserinfo(absl::string_view userinfo, ConnectionUrl* url) {
  size_t colon = userinfo.find(':');
  absl::StatusOr<std::string> user =
      Decode(userinfo.substr(0, colon), "user name");
  if (!user.ok()) return user.status();
  url->user = *user;
  if (colon != absl::string_view::npos) {
    absl::StatusOr<std::string> password =
        Decode(userinfo.substr(colon + 1), "password");
    if (!password.ok()) return password.status();
    url->password = *password;
    url->has_password = true;
  }
  return absl::OkStatus();
}

// Reads "host[:port]/database[?query]" (each part optional) into `url`.
absl::Status ParseLocation(absl::string_view location, ConnectionUrl* url) {
  absl::string_view query;
  if (size_t q = location.find('?'); q != absl::string_view::npos) {
    query = location.substr(q + 1);
    location = location.substr(0, q);
  }
  size_t slash = location.find('/');
  absl::string_view hostport = location.substr(0, slash);
  absl::string_view path =
      slash == absl::string_view::npos ? "" : location.substr(slash + 1);
  if (absl::Status st = ParseHostPort(hostport, url); !st.ok()) return st;
  absl::StatusOr<std::string> database = Decode(path, "database name");
  if (!database.ok()) return database.status();
  url->database = *database;
  return ParseQuery(query, url);
}

// A sqlite URL names a file; a server URL needs a database and defaults its
// host to localhost when no socket or host is given in the query.
absl::Status ApplyDialectRules(ConnectionUrl* url) {
  if (url->dialect == "sqlite") {
    if (!url->host.empty() || !url->user.empty()) {
      return absl::InvalidArgumentError(
          "a sqlite URL names a file, not a server: sqlite:////absolute/path "
          "or sqlite:///relative/path");
    }
    return absl::OkStatus();
  }
  if (url->database.empty()) {
    return absl::InvalidArgumentError("no database name after the host");
  }
  if (url->host.empty() && !url->query.count("unix_socket") &&
      !url->query.count("host")) {
    url->host = "localhost";
  }
  return absl::OkStatus();
}

// Everything after "://": userinfo, location and the dialect's rules. The
// error says what is wrong; the caller adds the redacted URL.
absl::Status ParseAfterScheme(absl::string_view rest, ConnectionUrl* url) {
  absl::string_view location = rest;
  absl::StatusOr<size_t> at = FindUserinfoEnd(rest);
  if (!at.ok()) return at.status();
  if (*at != absl::string_view::npos) {
    location = rest.substr(*at + 1);
    if (absl::Status st = ParseUserinfo(rest.substr(0, *at), url); !st.ok()) {
      return st;
    }
  }
  if (absl::Status st = ParseLocation(location, url); !st.ok()) return st;
  return ApplyDialectRules(url);
}

}  // namespace

absl::StatusOr<ConnectionUrl> ParseConnectionUrl(absl::string_view text) {
  ConnectionUrl url;
  absl::StatusOr<absl::string_view> rest =
      ParseScheme(absl::StripAsciiWhitespace(text), &url);
  if (!rest.ok()) return rest.status();
  if (absl::Status st = ParseAfterScheme(*rest, &url); !st.ok()) {
    return InvalidUrlError(url, st.message());
  }
  return url;
}

std::string ConnectionUrl::Redacted() const {
  std::string out = dialect;
  if (!driver.empty()) absl::StrAppend(&out, "+", driver);
  absl::StrAppend(&out, "://");
  if (!user.empty() || has_password) {
    absl::StrAppend(&out, Encode(user));
    if (has_password) absl::StrAppend(&out, ":***");
    absl::StrAppend(&out, "@");
  }
  // Encoded so that the rendering parses back to the same URL: a host with
  // ':' (IPv6) in brackets, a sqlite path with its '/' as they are.
  if (host.find(':') != std::string::npos) {
    absl::StrAppend(&out, "[", Encode(host, ":"), "]");
  } else {
    absl::StrAppend(&out, Encode(host));
  }
  if (port) absl::StrAppend(&out, ":", *port);
  absl::StrAppend(&out, "/",
                  dialect == "sqlite" ? Encode(database, "/") : Encode(database));
  const char* sep = "?";
  for (const auto& [k, v] : query) {
    absl::StrAppend(&out, sep, Encode(k), "=", Encode(v));
    sep = "&";
  }
  return out;
}

std::string RedactConninfo(absl::string_view text) {
  static constexpr absl::string_view kKey = "password=";
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t key = text.find(kKey, pos);
    if (key == absl::string_view::npos) break;
    size_t value = key + kKey.size();
    size_t end = value;
    if (end < text.size() && text[end] == '\'') {
      for (++end; end < text.size() && text[end] != '\''; ++end) {
        if (text[end] == '\\') ++end;  // an escaped quote or backslash
      }
      end = std::min(end + 1, text.size());
    } else {
      while (end < text.size() &&
             !std::isspace(static_cast<unsigned char>(text[end]))) {
        ++end;
      }
    }
    absl::StrAppend(&out, text.substr(pos, value - pos), "***");
    pos = end;
  }
  absl::StrAppend(&out, text.substr(pos));
  return out;
}

std::string RedactUrls(absl::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t scheme = text.find("://", pos);
    if (scheme == absl::string_view::npos) break;
    size_t start = scheme + 3;
    size_t end = start;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
           text[end] != '\'' && text[end] != '"') {
      ++end;
    }
    absl::string_view authority = text.substr(start, end - start);
    size_t at = authority.rfind('@');
    size_t colon = authority.find(':');
    absl::StrAppend(&out, text.substr(pos, start - pos));
    if (at != absl::string_view::npos && colon != absl::string_view::npos &&
        colon < at) {
      absl::StrAppend(&out, authority.substr(0, colon), ":***",
                      authority.substr(at));
    } else {
      absl::StrAppend(&out, authority);
    }
    pos = end;
  }
  absl::StrAppend(&out, text.substr(pos));
  return out;
}

}  // namespace aos::config
