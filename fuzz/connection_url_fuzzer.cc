// Fuzz target: the connection URL parser (core/config/connection_url.h).
//
// Two checks on every input:
//
// A. The input as a URL.
//    - What ParseConnectionUrl shows (Redacted() on success, the error
//      message on failure) never contains the password as written, when the
//      text has one (after "://", a user free of ':', '/', '?' and '@', a
//      ':', then the password up to the first '@' or up to the last '@'
//      before the next '/' or '?': both readings are checked) and it is
//      non-trivial: at least 4 bytes, no '*', not a substring of the rest of
//      the input. A password that merely spells fixed words of a message
//      ("(supported: mysql") or another part is told apart by its twin (each
//      letter and digit replaced by another of its class, so the text parses
//      the same way and what is shown keeps its shape): it is a leak when
//      the twin text shows the twin password where the original shows the
//      password.
//    - On success, Redacted() never contains the parsed password P when P is
//      non-trivial: at least 4 bytes, no '*', and not a substring of any
//      other part (dialect, driver, user, host, port, database, query keys
//      and values, each as parsed or percent-encoded), nor of those parts as
//      rendered around the password's place.
//    - On success, Redacted() parses again, to the same dialect, driver,
//      user, host, port, database and query, with a password ("***")
//      exactly when the original had one: the redacted form is a faithful
//      rendering.
//
// B. A URL built from the input, so the password is known: a scheme from the
//    engines' list, a user (any bytes, percent-encoded), a password (any
//    bytes; either fully percent-encoded or, as SQLAlchemy allows, with only
//    '%', '@', blanks and quotes encoded, so a raw '/', '?', ':' or '#'
//    stays), a host, an optional port, a database (encoded) and an optional
//    query. The parse must succeed and give back exactly those parts, and
//    neither Redacted() nor RedactUrls() of a sentence quoting the URL may
//    contain the password (decoded, or as written) when it is non-trivial
//    (at least 4 bytes, no '*', not a substring of the URL or sentence with
//    the password cut out, nor of the redacted URL without userinfo's
//    password, which spells the dialect in full: "postgres" -> "postgresql").
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "core/config/connection_url.h"
#include "fuzz/fuzz_check.h"

namespace {

using aos::config::ConnectionUrl;
using aos::config::ParseConnectionUrl;
using aos::config::RedactUrls;
using aos::fuzz::Quoted;

bool Unreserved(unsigned char c) {
  return absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

std::string PercentEncode(absl::string_view s, bool (*keep)(unsigned char)) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (keep(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// As SQLAlchemy lets a password be written: only what would end it or
// break the line is encoded.
bool KeepInLoosePassword(unsigned char c) {
  return c != '%' && c != '@' && c != '\'' && c != '"' &&
         !absl::ascii_isspace(c) && c != 0;
}

bool Contains(absl::string_view haystack, absl::string_view needle) {
  return haystack.find(needle) != absl::string_view::npos;
}

bool NonTrivial(absl::string_view password,
                const std::vector<absl::string_view>& others) {
  if (password.size() < 4 || Contains(password, "*")) return false;
  for (absl::string_view other : others) {
    if (Contains(other, password)) return false;
  }
  return true;
}

bool Unreserved2(unsigned char c) { return Unreserved(c); }

// The password as written, when the text has one: after "://", a user (no
// ':', '/', '?' or '@'), then ':' and the password up to an '@': the first
// '@', or the last one before the next '/' or '?' (both readings). Each as
// the text before it, the password, and the text after it.
struct Written {
  std::string before, password, after;
};
std::vector<Written> WrittenPasswords(absl::string_view text) {
  std::vector<Written> out;
  size_t scheme = text.find("://");
  if (scheme == absl::string_view::npos) return out;
  absl::string_view rest = text.substr(scheme + 3);
  size_t colon = rest.find_first_of(":/?@");
  if (colon == absl::string_view::npos || rest[colon] != ':') return out;
  size_t first_at = rest.find('@', colon);
  if (first_at == absl::string_view::npos) return out;
  for (size_t at :
       {first_at, rest.rfind('@', rest.find_first_of("/?", first_at))}) {
    out.push_back({std::string(text.substr(0, scheme + 3 + colon + 1)),
                   std::string(rest.substr(colon + 1, at - colon - 1)),
                   std::string(rest.substr(at))});
  }
  return out;
}

// The same password with every letter and digit replaced by another of its
// class (hex digits by hex digits, `shift` places on), punctuation kept: a
// URL written with it parses the same way, so whatever shows the one shows
// the other.
std::string Twin(absl::string_view password, int shift) {
  std::string out(password);
  auto rotate = [shift](char c, char first, int count) {
    return static_cast<char>(first + (c - first + shift) % count);
  };
  for (char& c : out) {
    if (c >= '0' && c <= '9') c = rotate(c, '0', 10);
    else if (c >= 'a' && c <= 'f') c = rotate(c, 'a', 6);
    else if (c >= 'A' && c <= 'F') c = rotate(c, 'A', 6);
    else if (c >= 'g' && c <= 'z') c = rotate(c, 'g', 20);
    else if (c >= 'G' && c <= 'Z') c = rotate(c, 'G', 20);
  }
  return out;
}

// What the parser shows of a text: Redacted() on success, else the error.
std::string Shown(absl::string_view text) {
  absl::StatusOr<ConnectionUrl> url = ParseConnectionUrl(text);
  return url.ok() ? url->Redacted() : std::string(url.status().message());
}

void CheckRawUrl(absl::string_view text) {
  absl::StatusOr<ConnectionUrl> url = ParseConnectionUrl(text);
  // What the parser shows never holds the password as written (when it is
  // non-trivial). A password that happens to spell fixed words of a message
  // ("(supported: mysql") is told apart by its twin: a leak shows both.
  std::string shown = Shown(text);
  for (const Written& w : WrittenPasswords(text)) {
    if (!NonTrivial(w.password, {w.before + "\x01" + w.after})) continue;
    if (!Contains(shown, w.password)) continue;
    // A leak shows the twin where the original shows the password (the
    // twin parses alike, so what is shown has the same shape); a password
    // that merely equals other text shown (a fixed word, another part, even
    // one the fuzzer made equal to the twin) stays as it was there.
    std::string twin = Twin(w.password, 1);
    if (twin == w.password) continue;  // no letter or digit: undecidable
    std::string shown_twin = Shown(w.before + twin + w.after);
    bool leak = false;
    if (shown_twin.size() != shown.size()) {
      leak = Contains(shown_twin, twin);  // shapes differ: the weaker test
    } else {
      for (size_t at = shown.find(w.password); at != std::string::npos;
           at = shown.find(w.password, at + 1)) {
        leak = leak || shown_twin.compare(at, twin.size(), twin) == 0;
      }
    }
    FUZZ_CHECK(!leak) << Quoted(shown) << " shows the password "
                      << Quoted(w.password) << " of " << Quoted(text);
  }
  if (!url.ok()) return;
  std::string redacted = url->Redacted();
  // Redacted() never prints the parsed password (literally: P is not in it,
  // unless P is also in the parts around it, alone, encoded, or as they
  // render with the password's place taken by "\x01").
  if (url->has_password) {
    std::string port = url->port ? std::to_string(*url->port) : "";
    std::vector<std::string> parts = {url->dialect, url->driver, url->user,
                                      url->host,    port,        url->database};
    for (const auto& [k, v] : url->query) {
      parts.push_back(k);
      parts.push_back(v);
    }
    std::vector<std::string> encoded;
    for (const std::string& p : parts) {
      encoded.push_back(PercentEncode(p, &Unreserved2));
    }
    std::string rendered_others =
        absl::StrReplaceAll(redacted, {{":***@", ":\x01@"}});
    std::vector<absl::string_view> others(parts.begin(), parts.end());
    others.insert(others.end(), encoded.begin(), encoded.end());
    others.push_back(rendered_others);
    if (NonTrivial(url->password, others)) {
      FUZZ_CHECK(!Contains(redacted, url->password))
          << Quoted(redacted) << " shows the password "
          << Quoted(url->password);
    }
  }
  // The redacted form is faithful.
  absl::StatusOr<ConnectionUrl> again = ParseConnectionUrl(redacted);
  FUZZ_CHECK(again.ok()) << "Redacted() " << Quoted(redacted) << " of "
                         << Quoted(text)
                         << " does not parse: " << again.status().message();
  FUZZ_CHECK(again->dialect == url->dialect && again->driver == url->driver &&
             again->user == url->user && again->host == url->host &&
             again->port == url->port && again->database == url->database &&
             again->query == url->query &&
             again->has_password == url->has_password &&
             (!again->has_password || again->password == "***"))
      << "Redacted() " << Quoted(redacted) << " of " << Quoted(text)
      << " parses to something else: user " << Quoted(again->user) << " host "
      << Quoted(again->host) << " database " << Quoted(again->database);
}

// Reads the input front to back for the built URL's parts.
class Reader {
 public:
  Reader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t Byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::string Bytes(size_t n) {
    n = std::min(n, size_ - pos_);
    std::string out(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return out;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

void CheckBuiltUrl(const uint8_t* data, size_t size) {
  static const char* const kSchemes[][3] = {
      // as written, dialect, driver
      {"mysql+pymysql", "mysql", "pymysql"},
      {"mysql", "mysql", ""},
      {"mysql+mysqldb", "mysql", "mysqldb"},
      {"mariadb", "mysql", ""},
      {"postgresql+psycopg2", "postgresql", "psycopg2"},
      {"postgresql", "postgresql", ""},
      {"postgres", "postgresql", ""},
  };
  static const char* const kHosts[][2] = {
      // as written, parsed
      {"controller", "controller"}, {"127.0.0.1", "127.0.0.1"},
      {"[::1]", "::1"},             {"db.example.org", "db.example.org"},
      {"[fe80::1%25eth0]", "fe80::1%eth0"}, {"", "localhost"},
  };
  Reader in(data, size);
  uint8_t flags = in.Byte();
  const auto& scheme = kSchemes[in.Byte() % 7];
  const auto& host = kHosts[in.Byte() % 6];
  size_t user_size = in.Byte() % 24;
  size_t password_size = in.Byte() % 48;
  size_t database_size = 1 + in.Byte() % 24;
  int port = (in.Byte() << 8 | in.Byte());
  std::string user = in.Bytes(user_size);
  std::string password = in.Bytes(password_size);
  std::string database = in.Bytes(database_size);
  if (database.empty()) database = "db";
  bool loose = flags & 1;
  bool with_port = (flags & 2) && port > 0;
  bool with_query = flags & 4;

  std::string written_password = loose
                                     ? PercentEncode(password, &KeepInLoosePassword)
                                     : PercentEncode(password, &Unreserved2);
  std::string before = absl::StrCat(scheme[0], "://",
                                     PercentEncode(user, &Unreserved2), ":");
  std::string after = absl::StrCat(
      "@", host[0], with_port ? absl::StrCat(":", port) : "", "/",
      PercentEncode(database, &Unreserved2),
      with_query ? "?charset=utf8&unix_socket=%2Frun%2Fmysqld.sock" : "");
  std::string text = before + written_password + after;

  absl::StatusOr<ConnectionUrl> url = ParseConnectionUrl(text);
  FUZZ_CHECK(url.ok()) << Quoted(text) << ": " << url.status().message();
  FUZZ_CHECK(url->dialect == scheme[1] && url->driver == scheme[2] &&
             url->user == user && url->has_password &&
             url->password == password &&
             url->host == (with_query && host[0][0] == '\0' ? "" : host[1]) &&
             url->database == database &&
             url->port == (with_port ? std::optional<int>(port) : std::nullopt))
      << Quoted(text) << " parses to user " << Quoted(url->user)
      << " password(" << url->password.size() << " bytes) host "
      << Quoted(url->host) << " database " << Quoted(url->database);

  std::string without = before + "\x01" + after;
  std::string redacted = url->Redacted();
  ConnectionUrl no_password = *url;  // its parts are checked equal to ours
  no_password.password.clear();
  no_password.has_password = false;
  std::string redacted_without = no_password.Redacted();
  // The redacted form does not depend on the password at all; and what it
  // shows of a password that merely spells its fixed text ("sql://:" in
  // "mysql://:***@") is no leak.
  ConnectionUrl other_password = *url;
  other_password.password = url->password == "\x02" ? "\x03" : "\x02";
  std::string redacted_other = other_password.Redacted();
  FUZZ_CHECK(redacted == redacted_other)
      << Quoted(redacted) << " changes with the password: " << Quoted(redacted_other);
  for (absl::string_view p : {absl::string_view(password),
                              absl::string_view(written_password)}) {
    if (NonTrivial(p, {without, redacted_without, redacted_other})) {
      FUZZ_CHECK(!Contains(redacted, p))
          << Quoted(redacted) << " shows the password " << Quoted(p);
    }
  }
  std::string sentence =
      absl::StrCat("cannot connect to '", text, "': (2002) refused, ", text);
  std::string sentence_without =
      absl::StrCat("cannot connect to '", without, "': (2002) refused, ",
                   without);
  std::string scrubbed = RedactUrls(sentence);
  for (absl::string_view p : {absl::string_view(password),
                              absl::string_view(written_password)}) {
    if (NonTrivial(p, {sentence_without})) {
      FUZZ_CHECK(!Contains(scrubbed, p))
          << Quoted(scrubbed) << " shows the password " << Quoted(p);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CheckRawUrl(absl::string_view(reinterpret_cast<const char*>(data), size));
  CheckBuiltUrl(data, size);
  return 0;
}
