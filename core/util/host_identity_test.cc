#include "core/util/host_identity.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "gtest/gtest.h"

namespace aos::util {
namespace {

TEST(HostName, IsNotEmpty) { EXPECT_FALSE(HostName().empty()); }

TEST(IsMachineId, Takes32LowercaseHexDigitsOnly) {
  EXPECT_TRUE(IsMachineId("0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(IsMachineId("0123456789ABCDEF0123456789ABCDEF"));
  EXPECT_FALSE(IsMachineId("uninitialized"));
  EXPECT_FALSE(IsMachineId(""));
}

TEST(MachineId, ReadsTheFileTheEnvironmentNamesLowercased) {
  std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/machine-id";
  std::ofstream(path) << "0123456789ABCDEF0123456789ABCDEF\n";
  setenv(kMachineIdFileEnv, path.c_str(), 1);
  EXPECT_EQ(MachineId(), "0123456789abcdef0123456789abcdef");
  std::ofstream(path) << "uninitialized\n";
  EXPECT_EQ(MachineId(), "");
  unsetenv(kMachineIdFileEnv);
}

}  // namespace
}  // namespace aos::util
