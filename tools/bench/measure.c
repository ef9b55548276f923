/* measure: runs a sequence of commands one after another and reports their
 * total wall time and the peak RSS of the largest process among them (and
 * their descendants), as wait4() reports it (getrusage of children).
 *
 *   measure PLAN_FILE LOG_FILE
 *
 * PLAN_FILE holds one command per line, arguments separated by TABs; a
 * first field "<PATH" feeds PATH on standard input. Standard output and
 * error of the commands go to LOG_FILE (appended). Prints
 *   <wall milliseconds> <peak RSS in KiB>
 * and exits 1 (naming it) if any command fails. The timer runs from just
 * before the first fork to just after the last wait: nothing but the
 * commands themselves is timed. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CMDS 256
#define MAX_ARGS 64

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: measure PLAN_FILE LOG_FILE\n");
    return 2;
  }
  FILE* plan = fopen(argv[1], "r");
  if (plan == NULL) {
    perror(argv[1]);
    return 2;
  }
  static char* cmds[MAX_CMDS][MAX_ARGS + 1];
  static char* inputs[MAX_CMDS];
  int n = 0;
  char* line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, plan)) > 0) {
    if (line[len - 1] == '\n') line[len - 1] = '\0';
    if (line[0] == '\0') continue;
    if (n == MAX_CMDS) return 2;
    char* copy = strdup(line);
    int a = 0;
    for (char* f = strtok(copy, "\t"); f != NULL; f = strtok(NULL, "\t")) {
      if (a == 0 && inputs[n] == NULL && f[0] == '<') {
        inputs[n] = f + 1;
        continue;
      }
      if (a == MAX_ARGS) return 2;
      cmds[n][a++] = f;
    }
    cmds[n][a] = NULL;
    if (a > 0) ++n;
  }
  fclose(plan);
  int log = open(argv[2], O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (log < 0) {
    perror(argv[2]);
    return 2;
  }
  long peak_kb = 0;
  double start = now_ms();
  for (int i = 0; i < n; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      if (inputs[i] != NULL) {
        int in = open(inputs[i], O_RDONLY);
        if (in < 0) _exit(126);
        dup2(in, 0);
        close(in);
      }
      dup2(log, 1);
      dup2(log, 2);
      close(log);
      execvp(cmds[i][0], cmds[i]);
      _exit(127);
    }
    int status;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid) return 2;
    if (ru.ru_maxrss > peak_kb) peak_kb = ru.ru_maxrss;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      fprintf(stderr, "measure: command %d (%s) failed with status %d; see %s\n",
              i + 1, cmds[i][0], status, argv[2]);
      return 1;
    }
  }
  double wall = now_ms() - start;
  printf("%.3f %ld\n", wall, peak_kb);
  return 0;
}
