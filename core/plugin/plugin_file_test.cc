// PluginFile on real files: the identity is the opened file's and stays
// so whatever the path names later, a link is judged where it leads, and
// files that must not be opened (a FIFO) are refused without waiting.
#include "core/plugin/plugin_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::plugin {
namespace {

using ::testing::HasSubstr;

class PluginFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = absl::StrCat(std::getenv("TEST_TMPDIR"), "/file_test_",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_EQ(mkdir(dir_.c_str(), 0755), 0);
    a_ = Write("a.bin", "plugin a");
    b_ = Write("b.bin", "plugin b");
    link_ = dir_ + "/libx.so";
  }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = absl::StrCat(dir_, "/", name);
    std::ofstream(path, std::ios::trunc) << text;
    chmod(path.c_str(), 0644);
    return path;
  }
  static void Link(const std::string& target, const std::string& link) {
    const std::string temp = link + ".new";
    ASSERT_EQ(symlink(target.c_str(), temp.c_str()), 0);
    ASSERT_EQ(rename(temp.c_str(), link.c_str()), 0);
  }
  static ino_t Inode(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
    return st.st_ino;
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  std::string dir_, a_, b_, link_;
};

TEST_F(PluginFileTest, TheIdentityAndTheProcNameAreTheOpenedFiles) {
  Link(a_, link_);
  absl::StatusOr<PluginFile> file = PluginFile::Open(link_);
  ASSERT_TRUE(file.ok()) << file.status();
  Link(b_, link_);  // swapped after the opening
  EXPECT_EQ(file->identity().st_ino, Inode(a_));
  EXPECT_EQ(Read(file->ProcPath()), "plugin a");  // what dlopen will read
  EXPECT_EQ(file->path(), link_);
  EXPECT_TRUE(file->Unchanged());
  Write("a.bin", "plugin a, rebuilt");  // in place
  EXPECT_FALSE(file->Unchanged());
}

TEST_F(PluginFileTest, ALinkIsJudgedWhereItLeadsAndNamedWithIt) {
  const std::string open_dir = dir_ + "/open";
  ASSERT_EQ(mkdir(open_dir.c_str(), 0755), 0);
  ASSERT_EQ(chmod(open_dir.c_str(), 0777), 0);
  const std::string target = open_dir + "/a.bin";
  std::ofstream(target) << "plugin a";
  chmod(target.c_str(), 0644);
  Link(target, link_);
  absl::StatusOr<PluginFile> file = PluginFile::Open(link_);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(file.status().message(),
              HasSubstr(absl::StrCat(link_, " -> ", target, ": ", open_dir,
                                     ": writable by group or others")));
  ASSERT_EQ(chmod(open_dir.c_str(), 0755), 0);
  EXPECT_TRUE(PluginFile::Open(link_).ok());
  ASSERT_EQ(chmod(target.c_str(), 0666), 0);
  EXPECT_THAT(PluginFile::Open(link_).status().message(),
              HasSubstr(absl::StrCat(link_, " -> ", target,
                                     ": writable by group or others")));
}

TEST_F(PluginFileTest, APlainFileKeepsItsOwnNameInMessages) {
  chmod(a_.c_str(), 0666);
  EXPECT_THAT(PluginFile::Open(a_).status().message(),
              HasSubstr(absl::StrCat(a_, ": writable by group or others (mode "
                                         "0666); refusing to load code")));
}

TEST_F(PluginFileTest, NotARegularFileIsNeverOpened) {
  const std::string fifo = dir_ + "/libfifo.so";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  Link(fifo, link_);
  for (const std::string& path : {fifo, link_}) {
    absl::StatusOr<PluginFile> file = PluginFile::Open(path);  // no wait
    ASSERT_FALSE(file.ok());
    EXPECT_THAT(file.status().message(), HasSubstr("not a regular file"));
  }
  EXPECT_FALSE(PluginFile::Open(dir_ + "/missing.so").ok());
}

}  // namespace
}  // namespace aos::plugin
