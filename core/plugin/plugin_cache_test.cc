// The plugin cache on real files in a temporary directory: what it keeps
// comes back only for the same unchanged file (the one opened, whatever its
// path names later), and a cache anyone else could have written, or one
// damaged, is not believed.
#include "core/plugin/plugin_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/plugin/plugin_codec.h"
#include "core/plugin/plugin_file.h"
#include "gtest/gtest.h"

namespace aos::plugin {
namespace {

class PluginCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TEST_TMPDIR");
    dir_ = absl::StrCat(tmp ? tmp : "/tmp", "/cache_test_",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    mkdir(dir_.c_str(), 0755);
    plugins_ = dir_ + "/plugins";
    mkdir(plugins_.c_str(), 0755);
    cache_ = dir_ + "/cache/plugins.cache";
    file_ = plugins_ + "/libjournal.so";
    Write(file_, "not really a library");
    plugin_.path = file_;
    plugin_.module_id = "journal";
    plugin_.display_name = "Journal";
    plugin_.repository_id = "journal";
    plugin_.migrations.push_back({1, "first", {}, std::nullopt});
    plugin_.migrations[0].upgrade.sql = "CREATE TABLE a (id INT)";
  }

  static void Write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  }
  // `path` opened as the loader opens a plugin (aborts the test if it
  // cannot be).
  static PluginFile Opened(const std::string& path) {
    absl::StatusOr<PluginFile> file = PluginFile::Open(path);
    if (!file.ok()) {
      ADD_FAILURE() << file.status();
      std::abort();
    }
    return *std::move(file);
  }
  // Stores plugin_ for file_ (no settling time) and saves.
  void Store() {
    PluginCache cache = PluginCache::Open(cache_, absl::ZeroDuration());
    cache.Put(Opened(file_), plugin_);
    ASSERT_TRUE(cache.Save().ok());
  }
  bool Found(const std::string& path) {
    return PluginCache::Open(cache_).Find(Opened(path)).has_value();
  }
  bool Found() { return Found(file_); }
  // Points `link` at `target` at once (a new link renamed over it).
  static void Link(const std::string& target, const std::string& link) {
    const std::string temp = link + ".new";
    unlink(temp.c_str());
    ASSERT_EQ(symlink(target.c_str(), temp.c_str()), 0) << temp;
    ASSERT_EQ(rename(temp.c_str(), link.c_str()), 0) << link;
  }

  std::string dir_, plugins_, cache_, file_;
  ModulePlugin plugin_;
};

TEST_F(PluginCacheTest, GivesBackWhatWasStoredForTheSameFile) {
  Store();
  struct stat st;
  ASSERT_EQ(stat(cache_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::optional<ModulePlugin> found =
      PluginCache::Open(cache_).Find(Opened(file_));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(EncodePlugin(*found), EncodePlugin(plugin_));
}

TEST_F(PluginCacheTest, AFileChangedJustNowIsNotStored) {
  PluginCache cache = PluginCache::Open(cache_);  // the two seconds' rule
  cache.Put(Opened(file_), plugin_);
  ASSERT_TRUE(cache.Save().ok());
  EXPECT_FALSE(Found());
}

TEST_F(PluginCacheTest, AnyChangeToTheFileMissesTheEntry) {
  Store();
  ASSERT_TRUE(Found());
  Write(file_, "not really a library, rebuilt");  // in place: same inode
  EXPECT_FALSE(Found());
  Store();
  ASSERT_TRUE(Found());
  chmod(file_.c_str(), 0600);
  EXPECT_FALSE(Found());
  Store();
  ASSERT_TRUE(Found());
  const std::string other = plugins_ + "/other.so";
  Write(other, "not really a library");
  ASSERT_EQ(rename(other.c_str(), file_.c_str()), 0);  // replaced
  EXPECT_FALSE(Found());
}

// Rewritten in place with the same size, its modification time put back:
// the change time (which no one can set back) still differs.
TEST_F(PluginCacheTest, ARewriteKeepingSizeAndMtimeMissesTheEntry) {
  Store();
  ASSERT_TRUE(Found());
  struct stat before, after;
  ASSERT_EQ(stat(file_.c_str(), &before), 0);
  Write(file_, "not really a LIBRARY");  // same length
  const struct timespec times[2] = {before.st_atim, before.st_mtim};
  ASSERT_EQ(utimensat(AT_FDCWD, file_.c_str(), times, 0), 0);
  ASSERT_EQ(stat(file_.c_str(), &after), 0);
  ASSERT_EQ(after.st_ino, before.st_ino);
  ASSERT_EQ(after.st_size, before.st_size);
  ASSERT_EQ(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
  EXPECT_FALSE(Found());
}

// The entry is the opened file's: a symlink swapped after the opening
// (before the plugin was stored) does not give the new target the first
// one's plugin; swapped back, the first one's entry is found.
TEST_F(PluginCacheTest, TheEntryIsTheOpenedFilesNotWhatThePathNamesLater) {
  const std::string a = plugins_ + "/a.bin", b = plugins_ + "/b.bin";
  Write(a, "plugin a");
  Write(b, "plugin b");
  const std::string link = plugins_ + "/libswapped.so";
  Link(a, link);
  PluginFile opened = Opened(link);
  Link(b, link);
  plugin_.path = link;
  PluginCache cache = PluginCache::Open(cache_, absl::ZeroDuration());
  cache.Put(opened, plugin_);
  ASSERT_TRUE(cache.Save().ok());
  EXPECT_FALSE(Found(link));  // names b.bin
  Link(a, link);
  EXPECT_TRUE(Found(link));
}

// A file written after it was opened (while it was being loaded) is not
// stored: what was loaded may be either content.
TEST_F(PluginCacheTest, AFileChangedAfterItWasOpenedIsNotStored) {
  PluginFile opened = Opened(file_);
  Write(file_, "not really a library, being rebuilt");
  PluginCache cache = PluginCache::Open(cache_, absl::ZeroDuration());
  cache.Put(opened, plugin_);
  EXPECT_FALSE(cache.Find(opened).has_value());
}

TEST_F(PluginCacheTest, AnotherPathDoesNotShareTheEntry) {
  Store();
  const std::string other = plugins_ + "/libother.so";
  ASSERT_EQ(link(file_.c_str(), other.c_str()), 0);  // same inode
  EXPECT_FALSE(Found(other));
}

TEST_F(PluginCacheTest, ACacheOthersCouldWriteIsNotBelieved) {
  Store();
  chmod(cache_.c_str(), 0640);
  EXPECT_FALSE(Found());
  chmod(cache_.c_str(), 0600);
  ASSERT_TRUE(Found());
  const std::string cache_dir = dir_ + "/cache";
  chmod(cache_dir.c_str(), 0777);
  EXPECT_FALSE(Found());
  // ... and is not written there either.
  PluginCache cache = PluginCache::Open(cache_, absl::ZeroDuration());
  plugin_.display_name = "Journal, again";  // a change to write
  cache.Put(Opened(file_), plugin_);
  EXPECT_FALSE(cache.Save().ok());
  chmod(cache_dir.c_str(), 0700);
  ASSERT_TRUE(Found());
  // A cache owned by somebody else (root can give it away; a sandbox's
  // user namespace may not map that uid).
  if (chown(cache_.c_str(), 4321, 4321) == 0) {
    EXPECT_FALSE(Found());
  }
}

TEST_F(PluginCacheTest, ADamagedCacheReadsAsEmpty) {
  Store();
  std::ifstream in(cache_, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 40u);
  for (size_t cut : {size_t{0}, size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
    Write(cache_, bytes.substr(0, cut));
    chmod(cache_.c_str(), 0600);
    EXPECT_FALSE(Found()) << "cut at " << cut;
  }
  std::string flipped = bytes;
  flipped[3] ^= 0x20;  // another format's header
  Write(cache_, flipped);
  EXPECT_FALSE(Found());
  Write(cache_, bytes + "x");  // trailing bytes
  EXPECT_FALSE(Found());
}

TEST_F(PluginCacheTest, FilesGoneFromTheDirectoryAreDropped) {
  Store();
  PluginCache cache = PluginCache::Open(cache_, absl::ZeroDuration());
  cache.Retain(plugins_, {});
  ASSERT_TRUE(cache.Save().ok());
  EXPECT_FALSE(Found());
}

TEST_F(PluginCacheTest, OtherDirectoriesKeepTheirEntries) {
  Store();
  PluginCache cache = PluginCache::Open(cache_, absl::ZeroDuration());
  cache.Retain(dir_ + "/elsewhere", {});
  ASSERT_TRUE(cache.Save().ok());
  EXPECT_TRUE(Found());
}

TEST_F(PluginCacheTest, NoPathMeansNoCache) {
  PluginCache cache = PluginCache::Open("", absl::ZeroDuration());
  cache.Put(Opened(file_), plugin_);
  EXPECT_TRUE(cache.Save().ok());
  EXPECT_FALSE(cache.Find(Opened(file_)).has_value());
}

}  // namespace
}  // namespace aos::plugin
