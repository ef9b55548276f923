// The journal's native protocol (systemd_journal.h): the fields of an
// entry, a value with a line break framed by its length, names the
// journal would refuse left out, and JOURNAL_STREAM read against a
// descriptor.
#include "core/util/systemd_journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace aos::util {
namespace {

TEST(JournalEntry, FieldsAreKeyEqualsValueLines) {
  EXPECT_EQ(JournalEntry({{"MESSAGE", "dashboard: OK"}, {"PRIORITY", "6"}, {"AOS_MODULE", "d"}}),
            "MESSAGE=dashboard: OK\nPRIORITY=6\nAOS_MODULE=d\n");
  EXPECT_EQ(JournalEntry({{"MESSAGE", ""}}), "MESSAGE=\n");
}

TEST(JournalEntry, AValueWithALineBreakIsFramedByItsLength) {
  const std::string entry = JournalEntry({{"MESSAGE", "a\nbc"}, {"PRIORITY", "3"}});
  std::string expected = "MESSAGE\n";
  expected += '\x04';
  expected.append(7, '\0');  // 4 as 64 bits, little-endian
  expected += "a\nbc\nPRIORITY=3\n";
  EXPECT_EQ(entry, expected);
}

TEST(JournalEntry, NamesTheJournalRefusesAreLeftOut) {
  EXPECT_EQ(JournalEntry({{"_PID", "1"},
                          {"lower", "x"},
                          {"", "x"},
                          {"9LIVES", "x"},
                          {"A-B", "x"},
                          {std::string(65, 'A'), "x"},
                          {"OK_1", "y"}}),
            "OK_1=y\n");
}

TEST(StreamIsJournal, MatchesTheDescriptorsDeviceAndInode) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  struct stat st;
  ASSERT_EQ(fstat(fds[1], &st), 0);
  const std::string stream = absl::StrCat(st.st_dev, ":", st.st_ino);
  EXPECT_TRUE(StreamIsJournal(stream, fds[1]));
  EXPECT_FALSE(StreamIsJournal(absl::StrCat(st.st_dev, ":", st.st_ino + 1), fds[1]));
  EXPECT_FALSE(StreamIsJournal(absl::StrCat(st.st_dev + 1, ":", st.st_ino), fds[1]));
  EXPECT_FALSE(StreamIsJournal("", fds[1]));
  EXPECT_FALSE(StreamIsJournal(absl::StrCat(st.st_dev, ":", st.st_ino, ":1"), fds[1]));
  EXPECT_FALSE(StreamIsJournal(absl::StrCat(st.st_dev, "x:", st.st_ino), fds[1]));
  close(fds[0]);
  close(fds[1]);
  EXPECT_FALSE(StreamIsJournal(stream, fds[1]));  // closed
}

}  // namespace
}  // namespace aos::util
