// fortify_canary: built with the project's flags only to show that they
// turn _FORTIFY_SOURCE on (hardening_test looks for the __*_chk calls below
// in it). Each destination's size is known at compile time and each length
// only at run time (volatile: the compiler cannot bound it), exactly what
// _FORTIFY_SOURCE=2 routes through glibc's checked copies.
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  char buffer[16] = "canary";
  volatile size_t length = argc > 1 ? std::strlen(argv[1]) : 0;
  if (length < sizeof buffer) std::memcpy(buffer, argc > 1 ? argv[1] : "", length);
  char line[32];
  volatile size_t room = sizeof line;
  std::snprintf(line, room, "%s", buffer);
  std::puts(line);
  return 0;
}
