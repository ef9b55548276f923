#include "core/config/ini_file.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;

IniFile MustParse(absl::string_view text) {
  absl::StatusOr<IniFile> ini = IniFile::Parse(text, "test.conf");
  EXPECT_TRUE(ini.ok()) << ini.status();
  return ini.ok() ? *std::move(ini) : IniFile();
}

std::string TempDir() {
  const char* dir = std::getenv("TEST_TMPDIR");
  return dir != nullptr ? dir : "/tmp";
}

TEST(IniFile, ParsesSectionsAndValues) {
  IniFile ini = MustParse(
      "[DEFAULT]\n"
      "plugin_dir = /usr/lib/aos/db-migrate/plugins\n"
      "[dashboard]\n"
      "connection = mysql+pymysql://u:p@h:3306/db?charset=utf8\n"
      "key_without_spaces=value\n"
      "colon_key: colon value\n");
  EXPECT_THAT(ini.Get("DEFAULT", "plugin_dir"),
              Optional(std::string("/usr/lib/aos/db-migrate/plugins")));
  // The first '=' or ':' splits: the URL's ':' stay in the value.
  EXPECT_THAT(ini.Get("dashboard", "connection"),
              Optional(std::string("mysql+pymysql://u:p@h:3306/db?charset=utf8")));
  EXPECT_THAT(ini.Get("dashboard", "key_without_spaces"),
              Optional(std::string("value")));
  EXPECT_THAT(ini.Get("dashboard", "colon_key"),
              Optional(std::string("colon value")));
  EXPECT_EQ(ini.Get("dashboard", "absent"), std::nullopt);
  EXPECT_EQ(ini.Get("absent_section", "connection"), std::nullopt);
  EXPECT_TRUE(ini.HasSection("DEFAULT"));
  EXPECT_TRUE(ini.HasSection("dashboard"));
  EXPECT_FALSE(ini.HasSection("Dashboard"));
  EXPECT_THAT(ini.sections(), ElementsAre("DEFAULT", "dashboard"));
}

TEST(IniFile, ValuesAreTrimmedAndRunToTheEndOfTheLine) {
  IniFile ini = MustParse(
      "[s]\n"
      "  spaced   =   a value ; not a comment # nor this   \t\n"
      "empty =\n"
      "eq = a=b=c\n");
  EXPECT_THAT(ini.Get("s", "spaced"),
              Optional(std::string("a value ; not a comment # nor this")));
  EXPECT_THAT(ini.Get("s", "empty"), Optional(std::string("")));
  EXPECT_THAT(ini.Get("s", "eq"), Optional(std::string("a=b=c")));
}

TEST(IniFile, KeysAreCaseSensitive) {
  IniFile ini = MustParse("[s]\nKey = upper\nkey = lower\n");
  EXPECT_THAT(ini.Get("s", "Key"), Optional(std::string("upper")));
  EXPECT_THAT(ini.Get("s", "key"), Optional(std::string("lower")));
  EXPECT_EQ(ini.Get("s", "KEY"), std::nullopt);
}

TEST(IniFile, CommentsAndBlankLinesAreSkipped) {
  IniFile ini = MustParse(
      "# a comment\n"
      "; another comment\n"
      "\n"
      "   \n"
      "[s]\n"
      "# key = commented out\n"
      "  ; indented comment\n"
      "key = value\n"
      "\n");
  EXPECT_THAT(ini.Get("s", "key"), Optional(std::string("value")));
  EXPECT_EQ(ini.Get("s", "# key"), std::nullopt);
  EXPECT_THAT(ini.sections(), ElementsAre("s"));
}

TEST(IniFile, CrLfLineEndings) {
  IniFile ini = MustParse("[s]\r\nkey = value\r\nother = x\r\n");
  EXPECT_THAT(ini.Get("s", "key"), Optional(std::string("value")));
  EXPECT_THAT(ini.Get("s", "other"), Optional(std::string("x")));
}

TEST(IniFile, LaterValueOfAKeyWins) {
  IniFile ini = MustParse("[s]\nkey = first\nkey = second\n");
  EXPECT_THAT(ini.Get("s", "key"), Optional(std::string("second")));
}

TEST(IniFile, RepeatedSectionMergesAndKeepsFirstPosition) {
  IniFile ini = MustParse("[a]\nx = 1\n[b]\ny = 2\n[a]\nz = 3\n");
  EXPECT_THAT(ini.sections(), ElementsAre("a", "b"));
  EXPECT_THAT(ini.Get("a", "x"), Optional(std::string("1")));
  EXPECT_THAT(ini.Get("a", "z"), Optional(std::string("3")));
}

TEST(IniFile, SectionNameIsTrimmed) {
  IniFile ini = MustParse("[  spaced  ]\nk = v\n");
  EXPECT_TRUE(ini.HasSection("spaced"));
  EXPECT_THAT(ini.Get("spaced", "k"), Optional(std::string("v")));
}

TEST(IniFile, EmptySectionIsKnown) {
  IniFile ini = MustParse("[empty]\n[other]\nk = v\n");
  EXPECT_TRUE(ini.HasSection("empty"));
  EXPECT_THAT(ini.sections(), ElementsAre("empty", "other"));
}

TEST(IniFile, ContinuationLinesJoinWithNewline) {
  IniFile ini = MustParse(
      "[s]\n"
      "multi = first\n"
      "   second\n"
      "\tthird\n"
      "next = x\n");
  EXPECT_THAT(ini.Get("s", "multi"),
              Optional(std::string("first\nsecond\nthird")));
  EXPECT_THAT(ini.Get("s", "next"), Optional(std::string("x")));
}

TEST(IniFile, IndentedLineAfterSectionHeaderIsAKey) {
  IniFile ini = MustParse("[s]\n  key = value\n");
  EXPECT_THAT(ini.Get("s", "key"), Optional(std::string("value")));
}

TEST(IniFile, DefaultFallbackVersusGetOwn) {
  IniFile ini = MustParse(
      "[DEFAULT]\n"
      "shared = from default\n"
      "both = default value\n"
      "[dashboard]\n"
      "both = own value\n");
  // Get falls back to [DEFAULT] ...
  EXPECT_THAT(ini.Get("dashboard", "shared"),
              Optional(std::string("from default")));
  EXPECT_THAT(ini.Get("dashboard", "both"), Optional(std::string("own value")));
  // ... also for a section that does not exist.
  EXPECT_THAT(ini.Get("nowhere", "shared"),
              Optional(std::string("from default")));
  // GetOwn does not.
  EXPECT_EQ(ini.GetOwn("dashboard", "shared"), std::nullopt);
  EXPECT_THAT(ini.GetOwn("dashboard", "both"), Optional(std::string("own value")));
  EXPECT_EQ(ini.GetOwn("nowhere", "shared"), std::nullopt);
  EXPECT_THAT(ini.GetOwn("DEFAULT", "shared"),
              Optional(std::string("from default")));
}

TEST(IniFile, EmptyTextIsAnEmptyFile) {
  IniFile ini = MustParse("");
  EXPECT_TRUE(ini.sections().empty());
  EXPECT_EQ(ini.Get("DEFAULT", "x"), std::nullopt);
}

void ExpectParseError(absl::string_view text, absl::string_view where,
                      absl::string_view what) {
  absl::StatusOr<IniFile> ini = IniFile::Parse(text, "/etc/aos/x.conf");
  ASSERT_FALSE(ini.ok()) << text;
  EXPECT_EQ(ini.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(ini.status().message()), HasSubstr(where)) << text;
  EXPECT_THAT(std::string(ini.status().message()), HasSubstr(what)) << text;
}

TEST(IniFileError, NamesFileAndLine) {
  ExpectParseError("[s]\nkey = v\n\n[broken\n", "/etc/aos/x.conf:4: ", "']'");
  ExpectParseError("# c\n[]\n", "/etc/aos/x.conf:2: ", "empty section name");
  ExpectParseError("[ ]\n", "/etc/aos/x.conf:1: ", "empty section name");
  ExpectParseError("key = value\n", "/etc/aos/x.conf:1: ", "before any [section]");
  ExpectParseError("[s]\nok = 1\njust some words\n", "/etc/aos/x.conf:3: ",
                   "expected 'key = value' or '[section]', found 'just some words'");
  ExpectParseError("[s]\n = value\n", "/etc/aos/x.conf:2: ", "no key");
  ExpectParseError("[s]\r\nok = 1\r\nbad\r\n", "/etc/aos/x.conf:3: ",
                   "found 'bad'");
}

TEST(IniFileError, LongBadLineIsCutInTheMessage) {
  std::string line(100, 'x');
  absl::StatusOr<IniFile> ini = IniFile::Parse("[s]\n" + line + "\n", "f");
  ASSERT_FALSE(ini.ok());
  EXPECT_THAT(std::string(ini.status().message()),
              HasSubstr("found '" + std::string(40, 'x') + "'"));
}

TEST(IniFileLoad, ReadsAFile) {
  std::string path = TempDir() + "/ini_file_test_load.conf";
  {
    std::ofstream out(path);
    out << "[DEFAULT]\nplugin_dir = /opt/plugins\n[m]\nconnection = sqlite://\n";
  }
  absl::StatusOr<IniFile> ini = IniFile::Load(path);
  ASSERT_TRUE(ini.ok()) << ini.status();
  EXPECT_THAT(ini->Get("m", "plugin_dir"), Optional(std::string("/opt/plugins")));
  EXPECT_THAT(ini->GetOwn("m", "connection"), Optional(std::string("sqlite://")));
}

TEST(IniFileLoad, ErrorsNameThePath) {
  std::string path = TempDir() + "/ini_file_test_bad.conf";
  {
    std::ofstream out(path);
    out << "[s]\nfine = 1\n\noops\n";
  }
  absl::StatusOr<IniFile> ini = IniFile::Load(path);
  ASSERT_FALSE(ini.ok());
  EXPECT_THAT(std::string(ini.status().message()), HasSubstr(path + ":4: "));
}

TEST(IniFileLoad, MissingFile) {
  std::string path = TempDir() + "/no_such_dir/none.conf";
  absl::StatusOr<IniFile> ini = IniFile::Load(path);
  ASSERT_FALSE(ini.ok());
  EXPECT_EQ(ini.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(ini.status().message()),
              HasSubstr("cannot read " + path));
  EXPECT_THAT(std::string(ini.status().message()),
              HasSubstr("No such file or directory"));
}

// The cases below follow oslo.config's own parser and its tests
// (oslo_config/iniparser.py, tests/test_iniparser.py, test_cfg.py's
// substitution tests).
TEST(IniFileOslo, OnePairOfMatchingQuotesIsRemoved) {
  IniFile ini = MustParse(
      "[database]\n"
      "connection = \"mysql+pymysql://u:p@h/db\"\n"
      "single = 'x y'\n"
      "mixed = \"x'\n"
      "inner = a \"b\" c\n"
      "twice = \"\"x\"\"\n");
  EXPECT_THAT(ini.Get("database", "connection"),
              Optional(std::string("mysql+pymysql://u:p@h/db")));
  EXPECT_THAT(ini.Get("database", "single"), Optional(std::string("x y")));
  EXPECT_THAT(ini.Get("database", "mixed"), Optional(std::string("\"x'")));
  EXPECT_THAT(ini.Get("database", "inner"),
              Optional(std::string("a \"b\" c")));
  EXPECT_THAT(ini.Get("database", "twice"), Optional(std::string("\"x\"")));
}

TEST(IniFileOslo, DollarSubstitution) {
  IniFile ini = MustParse(
      "[DEFAULT]\n"
      "host = db.example\n"
      "[database]\n"
      "escaped = ab$$cd\n"
      "plain = mysql://u:p@$host/db\n"
      "braced = mysql://u:p@${host}:3306/db\n"
      "dotted = ${database.escaped}\n"
      "unknown = ab$cd\n"
      "self = x$self\n"
      "kept = a$ b$1 c$\n");
  auto get = [&](const char* key) {
    absl::StatusOr<std::optional<std::string>> v =
        ini.GetSubstituted("database", key);
    return v.ok() ? v->value_or("<unset>") : "error: " + std::string(v.status().message());
  };
  EXPECT_EQ(get("escaped"), "ab$cd");
  EXPECT_EQ(get("plain"), "mysql://u:p@db.example/db");
  EXPECT_EQ(get("braced"), "mysql://u:p@db.example:3306/db");
  EXPECT_EQ(get("dotted"), "ab$$cd");  // one level, as read
  EXPECT_THAT(get("unknown"), HasSubstr("refers to $cd"));
  EXPECT_THAT(get("unknown"), HasSubstr("write $$ for a literal $"));
  EXPECT_THAT(get("self"), HasSubstr("refers to $self"));
  EXPECT_EQ(get("kept"), "a$ b$1 c$");
  EXPECT_EQ(get("absent"), "<unset>");
}

TEST(IniFileOslo, DuplicateKeysAndSectionsAreWarnedOn) {
  IniFile ini = MustParse("[a]\nx = 1\nx = 2\n[b]\n[a]\ny = 3\n");
  EXPECT_THAT(ini.Get("a", "x"), Optional(std::string("2")));
  ASSERT_EQ(ini.warnings().size(), 2u);
  EXPECT_THAT(ini.warnings()[0],
              HasSubstr(":3: x in [a] is set again (first at line 2)"));
  EXPECT_THAT(ini.warnings()[1],
              HasSubstr(":5: section [a] appears again (first at line 1)"));
  EXPECT_TRUE(MustParse("[a]\nx = 1\n[b]\nx = 2\n").warnings().empty());
}

}  // namespace
}  // namespace aos::config
