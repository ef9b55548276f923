#include "core/config/connection_url.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A password distinctive enough that any trace of it in an output is a leak.
constexpr char kSecret[] = "Zq7SeCrEt9x";

ConnectionUrl MustParse(absl::string_view text) {
  absl::StatusOr<ConnectionUrl> url = ParseConnectionUrl(text);
  EXPECT_TRUE(url.ok()) << text << ": " << url.status();
  return url.ok() ? *url : ConnectionUrl{};
}

std::string ErrorOf(absl::string_view text) {
  absl::StatusOr<ConnectionUrl> url = ParseConnectionUrl(text);
  EXPECT_FALSE(url.ok()) << text << " parsed, unexpectedly";
  if (url.ok()) return "";
  EXPECT_EQ(url.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(url.status().message());
}

TEST(ParseConnectionUrl, MysqlPymysqlWithPortAndCharset) {
  ConnectionUrl url = MustParse(
      "mysql+pymysql://dashboard:pw@controller:3306/dashboard?charset=utf8");
  EXPECT_EQ(url.dialect, "mysql");
  EXPECT_EQ(url.driver, "pymysql");
  EXPECT_EQ(url.user, "dashboard");
  EXPECT_TRUE(url.has_password);
  EXPECT_EQ(url.password, "pw");
  EXPECT_EQ(url.host, "controller");
  ASSERT_TRUE(url.port.has_value());
  EXPECT_EQ(*url.port, 3306);
  EXPECT_EQ(url.database, "dashboard");
  ASSERT_EQ(url.query.size(), 1u);
  EXPECT_EQ(url.query.at("charset"), "utf8");
  EXPECT_EQ(url.Redacted(),
            "mysql+pymysql://dashboard:***@controller:3306/dashboard"
            "?charset=utf8");
}

TEST(ParseConnectionUrl, SurroundingWhitespaceIsIgnored) {
  ConnectionUrl url = MustParse("  mysql://u:p@h/db \n");
  EXPECT_EQ(url.host, "h");
  EXPECT_EQ(url.database, "db");
}

TEST(ParseConnectionUrl, NoPortNoPassword) {
  ConnectionUrl url = MustParse("mysql://dashboard@controller/dashboard");
  EXPECT_EQ(url.dialect, "mysql");
  EXPECT_EQ(url.driver, "");
  EXPECT_EQ(url.user, "dashboard");
  EXPECT_FALSE(url.has_password);
  EXPECT_EQ(url.password, "");
  EXPECT_EQ(url.host, "controller");
  EXPECT_FALSE(url.port.has_value());
  EXPECT_TRUE(url.query.empty());
  EXPECT_EQ(url.Redacted(), "mysql://dashboard@controller/dashboard");
}

TEST(ParseConnectionUrl, EmptyPasswordStillCountsAsPassword) {
  ConnectionUrl url = MustParse("mysql://dashboard:@controller/dashboard");
  EXPECT_TRUE(url.has_password);
  EXPECT_EQ(url.password, "");
  EXPECT_EQ(url.Redacted(), "mysql://dashboard:***@controller/dashboard");
}

TEST(ParseConnectionUrl, MariadbIsMysqlAndDialectIsCaseInsensitive) {
  EXPECT_EQ(MustParse("mariadb://u:p@h/db").dialect, "mysql");
  EXPECT_EQ(MustParse("MySQL+PyMySQL://u:p@h/db").dialect, "mysql");
  EXPECT_EQ(MustParse("mysql+mysqldb://u:p@h/db").driver, "mysqldb");
}

// Every character SQLAlchemy users put in passwords, percent-encoded.
TEST(ParseConnectionUrl, PercentEncodedPasswordIsDecodedExactly) {
  // ; = @ : / % ' " space ? # +
  ConnectionUrl url = MustParse(
      "mysql+pymysql://dash%20user:a%3Bb%3Dc%40d%3Ae%2Ff%25g%27h%22i%20j%3Fk"
      "%23l%2Bm@db.example.com:3307/my%20db%3B1?charset=utf8mb4");
  EXPECT_EQ(url.user, "dash user");
  EXPECT_EQ(url.password, "a;b=c@d:e/f%g'h\"i j?k#l+m");
  EXPECT_EQ(url.host, "db.example.com");
  ASSERT_TRUE(url.port.has_value());
  EXPECT_EQ(*url.port, 3307);
  EXPECT_EQ(url.database, "my db;1");
  EXPECT_EQ(url.query.at("charset"), "utf8mb4");
}

TEST(ParseConnectionUrl, LowerCaseHexDecodes) {
  ConnectionUrl url = MustParse("mysql://u:%2f%3a%40@h/db");
  EXPECT_EQ(url.password, "/:@");
}

TEST(ParseConnectionUrl, PasswordContentNeverMovesHostPortOrUser) {
  const std::string passwords[] = {
      "%40", "%3A", "%2F", "%3F", "%23", "%40evil.example.com%3A1%2Fother",
      "p%40ss%3A99%2Fx", "%3B", "%3D", "%25", "%27", "%22", "%20",
      "host%3Dx%3Bport%3D1", "a;b=c",  // ; and = need no escaping
      "it's", "\"q\"",
  };
  for (const std::string& encoded : passwords) {
    ConnectionUrl url = MustParse(
        "mysql+pymysql://admin:" + encoded + "@controller:3306/nova?charset=utf8");
    EXPECT_EQ(url.user, "admin") << encoded;
    EXPECT_EQ(url.host, "controller") << encoded;
    ASSERT_TRUE(url.port.has_value()) << encoded;
    EXPECT_EQ(*url.port, 3306) << encoded;
    EXPECT_EQ(url.database, "nova") << encoded;
    EXPECT_EQ(url.query.size(), 1u) << encoded;
    EXPECT_TRUE(url.has_password) << encoded;
    EXPECT_EQ(url.Redacted(),
              "mysql+pymysql://admin:***@controller:3306/nova?charset=utf8")
        << encoded;
  }
}

// SQLAlchemy ends the password at the first '@' and would connect to host
// "ss@controller": the URL is ambiguous, refused with the way out, and no
// part of the password is shown (as a host or otherwise).
TEST(ParseConnectionUrl, UnencodedAtInPasswordIsRefused) {
  for (const std::string& text :
       {std::string("mysql://admin:p@ss@controller/nova"),
        std::string("mysql+pymysql://nova:a/b@c@controller/nova"),
        std::string("mysql://admin:") + kSecret + "@x@controller:3306/nova"}) {
    std::string error = ErrorOf(text);
    EXPECT_THAT(error, HasSubstr("more than one '@' before the host"))
        << text;
    EXPECT_THAT(error, HasSubstr("%40")) << text;
    EXPECT_THAT(error, Not(HasSubstr("ss@"))) << text;
    EXPECT_THAT(error, Not(HasSubstr(kSecret))) << text;
    EXPECT_THAT(error, Not(HasSubstr("controller"))) << text;
  }
  EXPECT_EQ(MustParse("mysql://admin:p%40ss@controller/nova").password, "p@ss");
}

// Base64-made passwords often hold '/' (and SQLAlchemy, which the services
// use on the same config lines, takes them unencoded): the password must not
// turn into a port, a host or a database name, nor be rendered.
TEST(ParseConnectionUrl, UnencodedSlashOrQuestionMarkInPassword) {
  struct Case {
    std::string url;
    std::string password;
  };
  const Case cases[] = {
      {"mysql+pymysql://nova:Zq7/SeCrEt@controller/nova", "Zq7/SeCrEt"},
      {"mysql+pymysql://nova:1234/SeCrEt@controller/nova", "1234/SeCrEt"},
      {"mysql+pymysql://nova:ab?SeCrEt@controller/nova", "ab?SeCrEt"},
      {"mysql+pymysql://nova:3306?SeCrEt@controller/nova", "3306?SeCrEt"},
      {"mysql+pymysql://nova:a/b?c:d@controller/nova", "a/b?c:d"},
  };
  for (const Case& c : cases) {
    ConnectionUrl plain = MustParse(c.url);
    EXPECT_EQ(plain.user, "nova") << c.url;
    EXPECT_EQ(plain.password, c.password) << c.url;
    EXPECT_EQ(plain.host, "controller") << c.url;
    EXPECT_FALSE(plain.port.has_value()) << c.url;
    EXPECT_EQ(plain.database, "nova") << c.url;
    EXPECT_EQ(plain.Redacted(), "mysql+pymysql://nova:***@controller/nova");
  }
  ConnectionUrl full =
      MustParse("mysql+pymysql://nova:1234/SeCrEt@controller:3306/nova?charset=utf8");
  EXPECT_EQ(full.password, "1234/SeCrEt");
  EXPECT_EQ(full.host, "controller");
  EXPECT_EQ(full.port, 3306);
  EXPECT_EQ(full.database, "nova");
  EXPECT_EQ(full.query.at("charset"), "utf8");
  // And an error later in the URL does not show it either.
  std::string error =
      ErrorOf(std::string("mysql://nova:") + kSecret + "/x@controller:port/nova");
  EXPECT_THAT(error, HasSubstr("port 'port'"));
  EXPECT_THAT(error, Not(HasSubstr(kSecret)));
}

TEST(ParseConnectionUrl, MysqlWithoutHostIsLocalhost) {
  ConnectionUrl url = MustParse("mysql://dashboard:pw@/dashboard");
  EXPECT_EQ(url.host, "localhost");
  EXPECT_FALSE(url.port.has_value());
  EXPECT_EQ(url.database, "dashboard");

  EXPECT_EQ(MustParse("mysql:///dashboard").host, "localhost");
}

TEST(ParseConnectionUrl, UnixSocketQuery) {
  ConnectionUrl url =
      MustParse("mysql://dashboard@/dashboard?unix_socket=/run/mysqld/mysqld.sock");
  EXPECT_EQ(url.user, "dashboard");
  EXPECT_EQ(url.host, "");  // no TCP host: the socket is used
  EXPECT_EQ(url.database, "dashboard");
  EXPECT_EQ(url.query.at("unix_socket"), "/run/mysqld/mysqld.sock");
}

TEST(ParseConnectionUrl, SeveralQueryParameters) {
  ConnectionUrl url =
      MustParse("mysql://u:p@h/db?charset=utf8&read_timeout=30&&x=a%26b");
  EXPECT_EQ(url.query.size(), 3u);
  EXPECT_EQ(url.query.at("charset"), "utf8");
  EXPECT_EQ(url.query.at("read_timeout"), "30");
  EXPECT_EQ(url.query.at("x"), "a&b");
}

TEST(ParseConnectionUrl, Ipv6Host) {
  ConnectionUrl url = MustParse("mysql+pymysql://u:pw@[fd00::1]:3306/nova");
  EXPECT_EQ(url.host, "fd00::1");
  ASSERT_TRUE(url.port.has_value());
  EXPECT_EQ(*url.port, 3306);
  EXPECT_EQ(url.database, "nova");
  EXPECT_EQ(url.Redacted(), "mysql+pymysql://u:***@[fd00::1]:3306/nova");

  ConnectionUrl no_port = MustParse("mysql://u@[::1]/nova");
  EXPECT_EQ(no_port.host, "::1");
  EXPECT_FALSE(no_port.port.has_value());
  EXPECT_EQ(no_port.Redacted(), "mysql://u@[::1]/nova");

  EXPECT_THAT(ErrorOf("mysql://u@[::1]:/nova"), HasSubstr("port ''"));
}

TEST(ParseConnectionUrl, SqliteAbsolutePath) {
  ConnectionUrl url = MustParse("sqlite:////var/lib/aos/dashboard.sqlite");
  EXPECT_EQ(url.dialect, "sqlite");
  EXPECT_EQ(url.host, "");
  EXPECT_EQ(url.user, "");
  EXPECT_EQ(url.database, "/var/lib/aos/dashboard.sqlite");
  EXPECT_EQ(url.Redacted(), "sqlite:////var/lib/aos/dashboard.sqlite");
}

TEST(ParseConnectionUrl, SqliteRelativePath) {
  ConnectionUrl url = MustParse("sqlite:///dashboard.sqlite");
  EXPECT_EQ(url.dialect, "sqlite");
  EXPECT_EQ(url.database, "dashboard.sqlite");
  EXPECT_EQ(url.host, "");
  EXPECT_EQ(url.Redacted(), "sqlite:///dashboard.sqlite");
}

TEST(ParseConnectionUrl, SqliteInMemory) {
  ConnectionUrl url = MustParse("sqlite://");
  EXPECT_EQ(url.dialect, "sqlite");
  EXPECT_EQ(url.database, "");
}

TEST(ParseConnectionUrl, SqliteWithHostIsRefused) {
  EXPECT_THAT(ErrorOf("sqlite://host/file.db"), HasSubstr("sqlite"));
}

TEST(ParseConnectionUrl, Postgresql) {
  ConnectionUrl url = MustParse("postgresql://keystone:pw@pg.local:5432/keystone");
  EXPECT_EQ(url.dialect, "postgresql");
  EXPECT_EQ(url.driver, "");
  EXPECT_EQ(url.host, "pg.local");
  EXPECT_EQ(*url.port, 5432);
  EXPECT_EQ(url.database, "keystone");

  ConnectionUrl psycopg = MustParse("postgresql+psycopg2://user:pass@host/db");
  EXPECT_EQ(psycopg.dialect, "postgresql");
  EXPECT_EQ(psycopg.driver, "psycopg2");
  EXPECT_EQ(psycopg.user, "user");
  EXPECT_EQ(psycopg.password, "pass");
  EXPECT_EQ(psycopg.host, "host");
  EXPECT_FALSE(psycopg.port.has_value());
  EXPECT_EQ(psycopg.database, "db");
  EXPECT_EQ(psycopg.Redacted(), "postgresql+psycopg2://user:***@host/db");

  EXPECT_EQ(MustParse("postgres://u@h/db").dialect, "postgresql");
}

TEST(ParseConnectionUrl, RedactedEncodesWhatNeedsEncoding) {
  ConnectionUrl url = MustParse("mysql://a%40b:x@h/my%20db?k=v%20w");
  EXPECT_EQ(url.Redacted(), "mysql://a%40b:***@h/my%20db?k=v%20w");
  // And the redacted form parses back to the same parts (but the password).
  ConnectionUrl again = MustParse(url.Redacted());
  EXPECT_EQ(again.user, url.user);
  EXPECT_EQ(again.host, url.host);
  EXPECT_EQ(again.database, url.database);
  EXPECT_EQ(again.query, url.query);
}

// ---- Errors ------------------------------------------------------------

TEST(ParseConnectionUrlError, NoScheme) {
  std::string error = ErrorOf(std::string("dashboard:") + kSecret +
                              "@controller/dashboard");
  EXPECT_THAT(error, HasSubstr("dialect[+driver]://"));
  EXPECT_THAT(error, Not(HasSubstr(kSecret)));
  EXPECT_THAT(ErrorOf(""), HasSubstr("invalid database URL"));
}

TEST(ParseConnectionUrlError, UnsupportedDialect) {
  std::string error =
      ErrorOf(std::string("oracle://scott:") + kSecret + "@db/orcl");
  EXPECT_THAT(error, HasSubstr("unsupported database dialect 'oracle'"));
  EXPECT_THAT(error, HasSubstr("mysql"));
  EXPECT_THAT(error, Not(HasSubstr(kSecret)));
}

TEST(ParseConnectionUrlError, BadPort) {
  for (const char* port : {"abc", "0", "65536", "-1", "99999999999", ""}) {
    std::string error = ErrorOf(std::string("mysql+pymysql://dashboard:") +
                                kSecret + "@controller:" + port + "/dashboard");
    EXPECT_THAT(error, HasSubstr("port")) << port;
    EXPECT_THAT(error, HasSubstr("1 to 65535")) << port;
    EXPECT_THAT(error, Not(HasSubstr(kSecret))) << port;
    EXPECT_THAT(error, HasSubstr("dashboard:***@controller")) << port;
  }
}

TEST(ParseConnectionUrlError, BadPercentEncoding) {
  struct Case {
    std::string url;
    const char* part;
  };
  const Case cases[] = {
      {std::string("mysql://dashboard:") + kSecret + "%zz@controller/db",
       "password"},
      {std::string("mysql://dashboard:") + kSecret + "%4@controller/db",
       "password"},
      {std::string("mysql://dashboard:") + kSecret + "%@controller/db",
       "password"},
      {std::string("mysql://dash%g1:") + kSecret + "@controller/db",
       "user name"},
      {std::string("mysql://dashboard:") + kSecret + "@controller/d%b",
       "database name"},
      {std::string("mysql://dashboard:") + kSecret + "@con%troller/db", "host"},
      {std::string("mysql://dashboard:") + kSecret + "@controller/db?x=%q",
       "query"},
  };
  for (const Case& c : cases) {
    std::string error = ErrorOf(c.url);
    EXPECT_THAT(error, HasSubstr("bad percent-encoding")) << c.url;
    EXPECT_THAT(error, HasSubstr(c.part)) << c.url;
    EXPECT_THAT(error, Not(HasSubstr(kSecret))) << c.url;
  }
}

TEST(ParseConnectionUrlError, MissingDatabase) {
  for (std::string url :
       {std::string("mysql+pymysql://dashboard:") + kSecret + "@controller",
        std::string("mysql+pymysql://dashboard:") + kSecret + "@controller/",
        std::string("postgresql://dashboard:") + kSecret +
            "@controller:5432/?sslmode=require"}) {
    std::string error = ErrorOf(url);
    EXPECT_THAT(error, HasSubstr("no database name")) << url;
    EXPECT_THAT(error, HasSubstr(":***@controller")) << url;
    EXPECT_THAT(error, Not(HasSubstr(kSecret))) << url;
  }
}

TEST(ParseConnectionUrlError, Ipv6WithoutClosingBracket) {
  std::string error =
      ErrorOf(std::string("mysql://u:") + kSecret + "@[fd00::1/db");
  EXPECT_THAT(error, HasSubstr("']'"));
  EXPECT_THAT(error, Not(HasSubstr(kSecret)));
}

TEST(ParseConnectionUrlError, TextAfterIpv6Host) {
  std::string error =
      ErrorOf(std::string("mysql://u:") + kSecret + "@[fd00::1]x/db");
  EXPECT_THAT(error, HasSubstr("after the IPv6 host"));
  EXPECT_THAT(error, Not(HasSubstr(kSecret)));
}

TEST(ConnectionUrlRedacted, NeverContainsThePassword) {
  for (std::string url : {
           std::string("mysql+pymysql://dashboard:") + kSecret +
               "@controller:3306/dashboard?charset=utf8",
           std::string("postgresql://u:") + kSecret + "@h/db",
           std::string("mysql://u:") + kSecret + "@[::1]:3306/db",
           std::string("mysql://:") + kSecret + "@h/db",
       }) {
    ConnectionUrl parsed = MustParse(url);
    EXPECT_EQ(parsed.password, kSecret);
    EXPECT_THAT(parsed.Redacted(), Not(HasSubstr(kSecret))) << url;
    EXPECT_THAT(parsed.Redacted(), HasSubstr(":***@")) << url;
  }
}

// ---- RedactUrls ----------------------------------------------------------

TEST(RedactUrls, MasksPasswordsInFreeText) {
  std::string text = std::string(
                         "cannot connect with connection = "
                         "mysql+pymysql://dashboard:") +
                     kSecret + "@controller:3306/dashboard?charset=utf8 (2002)";
  std::string out = RedactUrls(text);
  EXPECT_EQ(out,
            "cannot connect with connection = "
            "mysql+pymysql://dashboard:***@controller:3306/dashboard"
            "?charset=utf8 (2002)");
}

TEST(RedactUrls, MasksEveryUrlAndStopsAtQuotes) {
  std::string text = std::string("a 'mysql://u1:") + kSecret +
                     "@h1/db1' and \"postgresql://u2:" + kSecret +
                     "x@h2:5432/db2\".";
  std::string out = RedactUrls(text);
  EXPECT_EQ(out,
            "a 'mysql://u1:***@h1/db1' and \"postgresql://u2:***@h2:5432/db2\".");
  EXPECT_THAT(out, Not(HasSubstr(kSecret)));
}

TEST(RedactUrls, EncodedPasswordWithAtSigns) {
  std::string out = RedactUrls("url=mysql://u:p%40ss@h/db end");
  EXPECT_EQ(out, "url=mysql://u:***@h/db end");
  // An unencoded '@' in the password: everything up to the last '@' goes.
  EXPECT_EQ(RedactUrls("mysql://u:p@ss@h/db"), "mysql://u:***@h/db");
}

TEST(RedactUrls, LeavesTextWithoutPasswordsAlone) {
  for (const char* text : {
           "",
           "no url here",
           "mysql://dashboard@controller:3306/dashboard",
           "sqlite:////var/lib/aos/x.sqlite",
           "see https://example.com/path:1 for details",
           "trailing ://",
       }) {
    EXPECT_EQ(RedactUrls(text), text);
  }
}

TEST(RedactConninfo, PasswordParametersOnly) {
  EXPECT_EQ(RedactConninfo("host='h' port=5432 user='u' password='s e\\'cr' "
                           "dbname='d'"),
            "host='h' port=5432 user='u' password=*** dbname='d'");
  EXPECT_EQ(RedactConninfo("connect failed: password=plain next"),
            "connect failed: password=*** next");
  EXPECT_EQ(RedactConninfo("password="), "password=***");
  // Text that is not a password parameter stays as it is, letter for letter.
  EXPECT_EQ(RedactConninfo("Error for user 'o' (using password: YES)"),
            "Error for user 'o' (using password: YES)");
}

}  // namespace
}  // namespace aos::config
