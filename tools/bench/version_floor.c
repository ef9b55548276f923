/* version_floor: the floor of a no-op run, for the benchmark.
 *
 *   version_floor HOST PORT USER DB:REPOSITORY_ID ...
 *
 * For each database in turn: connect with libmariadb (TCP), read its
 * migrate_version row, print it, disconnect. No checks, no locks, no
 * history: the least any tool must do to learn that nothing is to be done. */
#include <mysql/mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: version_floor HOST PORT USER DB:REPO ...\n");
    return 2;
  }
  const char* host = argv[1];
  unsigned int port = (unsigned int)atoi(argv[2]);
  const char* user = argv[3];
  for (int i = 4; i < argc; ++i) {
    char db[256], query[512];
    const char* colon = strchr(argv[i], ':');
    if (colon == NULL || (size_t)(colon - argv[i]) >= sizeof db) return 2;
    memcpy(db, argv[i], colon - argv[i]);
    db[colon - argv[i]] = '\0';
    snprintf(query, sizeof query,
             "SELECT version FROM migrate_version WHERE repository_id = '%s'",
             colon + 1);
    MYSQL* conn = mysql_init(NULL);
    if (mysql_real_connect(conn, host, user, "", db, port, NULL, 0) == NULL ||
        mysql_query(conn, query) != 0) {
      fprintf(stderr, "version_floor: %s: %s\n", db, mysql_error(conn));
      return 1;
    }
    MYSQL_RES* result = mysql_store_result(conn);
    MYSQL_ROW row = result ? mysql_fetch_row(result) : NULL;
    printf("%s %s\n", colon + 1, row && row[0] ? row[0] : "0");
    if (result) mysql_free_result(result);
    mysql_close(conn);
  }
  return 0;
}
