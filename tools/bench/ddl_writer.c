/* ddl_writer: the writer of tools/bench/ddl_stall (issue 17). Writes to a
 * table at a steady rate from its own connection while a command (a
 * migration) runs, and reports the latency of every statement.
 *
 *   ddl_writer HOST PORT USER DB TABLE MAX_ID RATE WARMUP_S TAIL_S LOG -- CMD ARG...
 *
 * One connection (TCP, autocommit) sends, RATE times a second, alternately
 *   INSERT INTO TABLE (k, payload) VALUES (<random>, '<80 chars>')
 *   UPDATE TABLE SET payload = '<80 chars>' WHERE id = <random in 1..MAX_ID>
 * on a fixed schedule; a statement that overruns its slot delays the next
 * one (no burst to catch up afterwards: the schedule restarts from now).
 * WARMUP_S seconds after the first statement, CMD is started (stdout and
 * stderr appended to LOG); the writer goes on until TAIL_S seconds after
 * CMD exits. A failed statement is counted with its error and the writer
 * carries on (reconnecting if the connection was lost).
 *
 * Prints key=value lines: cmd_exit, cmd_wall_s, and for the statements that
 * overlap CMD's run (started before it ended, ended after it started):
 * stmts, ok, errors, inserts_ok (all statements of the whole run),
 * p50_ms, p99_ms, max_ms, over_1s (statements that took longer than 1 s),
 * first_error; the same for the statements before CMD started, prefixed
 * "base_". Exits 0 unless it could not start (CMD's status is cmd_exit). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mysql/mysql.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

typedef struct {
  double start;   /* seconds since the writer began */
  double latency; /* seconds */
  int error;      /* 0, or the server's error number (or -1: no connection) */
  int insert;
} Sample;

static const char *host, *user, *db, *table;
static unsigned int port;
static long max_id;
static double rate;
static atomic_int stop_writer;
static struct timespec t0;
static Sample* samples;
static size_t n_samples, cap_samples;
static long inserts_ok;
static char first_error[512];

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (ts.tv_sec - t0.tv_sec) + (ts.tv_nsec - t0.tv_nsec) / 1e9;
}

static void sleep_until(double t) {
  double d = t - now();
  if (d <= 0) return;
  struct timespec ts = {(time_t)d, (long)((d - (time_t)d) * 1e9)};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

static MYSQL* connect_db(void) {
  MYSQL* m = mysql_init(NULL);
  unsigned int connect_timeout = 5, read_timeout = 3600;
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &read_timeout);
  mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &read_timeout);
  if (mysql_real_connect(m, host, user, "", db, port, NULL, 0) == NULL) {
    if (first_error[0] == '\0') {
      snprintf(first_error, sizeof first_error, "connect: %s", mysql_error(m));
    }
    mysql_close(m);
    return NULL;
  }
  return m;
}

static void* writer(void* arg) {
  (void)arg;
  unsigned int seed = 17;
  MYSQL* m = connect_db();
  char payload[81], sql[512];
  double next = now();
  for (long i = 0; !atomic_load(&stop_writer); ++i) {
    sleep_until(next);
    for (int c = 0; c < 80; ++c) payload[c] = (char)('a' + rand_r(&seed) % 26);
    payload[80] = '\0';
    int insert = i % 2 == 0;
    if (insert) {
      snprintf(sql, sizeof sql, "INSERT INTO %s (k, payload) VALUES (%d, '%s')",
               table, rand_r(&seed) % 1000000, payload);
    } else {
      long id = 1 + (long)(((unsigned long)rand_r(&seed) << 16 ^ rand_r(&seed)) % max_id);
      snprintf(sql, sizeof sql, "UPDATE %s SET payload = '%s' WHERE id = %ld",
               table, payload, id);
    }
    double start = now();
    int error = 0;
    if (m == NULL) m = connect_db();
    if (m == NULL) {
      error = -1;
    } else if (mysql_query(m, sql) != 0) {
      error = (int)mysql_errno(m);
      if (first_error[0] == '\0') {
        snprintf(first_error, sizeof first_error, "%d %s", error, mysql_error(m));
      }
      if (error == 2006 || error == 2013) { /* gone away, lost: reconnect */
        mysql_close(m);
        m = NULL;
      }
    } else if (insert) {
      ++inserts_ok;
    }
    double end = now();
    if (n_samples == cap_samples) {
      cap_samples = cap_samples ? 2 * cap_samples : 65536;
      samples = realloc(samples, cap_samples * sizeof *samples);
      if (samples == NULL) abort();
    }
    samples[n_samples++] = (Sample){start, end - start, error, insert};
    next += 1.0 / rate;
    if (next < end) next = end; /* overran: no catch-up burst */
    if (error == -1) next = end + 0.1;
  }
  if (m != NULL) mysql_close(m);
  return NULL;
}

static int by_latency(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

static void report(const char* prefix, double from, double to) {
  double* lat = malloc((n_samples + 1) * sizeof *lat);
  size_t n = 0, ok = 0, errors = 0, over = 0;
  for (size_t i = 0; i < n_samples; ++i) {
    const Sample* s = &samples[i];
    if (s->start >= to || s->start + s->latency < from) continue;
    lat[n++] = s->latency;
    if (s->error == 0) ++ok; else ++errors;
    if (s->latency > 1.0) ++over;
  }
  qsort(lat, n, sizeof *lat, by_latency);
  double p50 = n ? lat[(n - 1) / 2] : 0;
  size_t i99 = n ? (size_t)(0.99 * n + 0.999999) : 0; /* nearest rank */
  double p99 = n ? lat[(i99 ? i99 : 1) - 1] : 0;
  double max = n ? lat[n - 1] : 0;
  printf("%sstmts=%zu\n%sok=%zu\n%serrors=%zu\n%sp50_ms=%.2f\n%sp99_ms=%.2f\n"
         "%smax_ms=%.2f\n%sover_1s=%zu\n%srate=%.1f\n",
         prefix, n, prefix, ok, prefix, errors, prefix, p50 * 1e3, prefix,
         p99 * 1e3, prefix, max * 1e3, prefix, over, prefix,
         to > from ? n / (to - from) : 0.0);
  free(lat);
}

int main(int argc, char** argv) {
  if (argc < 13 || strcmp(argv[11], "--") != 0) {
    fprintf(stderr,
            "usage: ddl_writer HOST PORT USER DB TABLE MAX_ID RATE WARMUP_S "
            "TAIL_S LOG -- CMD ARG...\n");
    return 2;
  }
  host = argv[1];
  port = (unsigned int)atoi(argv[2]);
  user = argv[3];
  db = argv[4];
  table = argv[5];
  max_id = atol(argv[6]);
  rate = atof(argv[7]);
  double warmup = atof(argv[8]), tail = atof(argv[9]);
  const char* log = argv[10];
  if (max_id < 1 || rate <= 0) return 2;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  mysql_library_init(0, NULL, NULL);
  MYSQL* probe = connect_db();
  if (probe == NULL) {
    fprintf(stderr, "ddl_writer: cannot connect: %s\n", first_error);
    return 1;
  }
  mysql_close(probe);
  first_error[0] = '\0';
  pthread_t thread;
  if (pthread_create(&thread, NULL, writer, NULL) != 0) return 1;
  sleep_until(warmup);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid;
  double cmd_start = now();
  int rc = posix_spawnp(&pid, argv[12], &actions, NULL, argv + 12, environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (rc != 0) {
    fprintf(stderr, "ddl_writer: cannot run %s: %s\n", argv[12], strerror(rc));
    status = 127 << 8;
  } else {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  double cmd_end = now();
  sleep_until(cmd_end + tail);
  atomic_store(&stop_writer, 1);
  pthread_join(thread, NULL);

  printf("cmd_exit=%d\ncmd_wall_s=%.2f\ninserts_ok=%ld\n",
         WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
         cmd_end - cmd_start, inserts_ok);
  report("", cmd_start, cmd_end);
  report("base_", 0, cmd_start);
  printf("first_error=%s\n", first_error[0] ? first_error : "-");
  return 0;
}
