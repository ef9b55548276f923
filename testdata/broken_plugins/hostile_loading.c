/* A plugin that misbehaves while it is being loaded: in a constructor
 * (which dlopen runs) or in its describe entry. Built once per fault, the
 * fault chosen by a -D define (see BUILD); without one it is a valid plugin
 * that only prints. The loader must run all of this in a child process:
 * the run's report, its exit status and the other modules stay intact. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/abi/aos_migration_abi.h"

#ifndef HOSTILE_ID
#define HOSTILE_ID "hostile"
#endif
/* What the step runs, and the migration's version and name: a plugin that
 * breaks the packaging contract in its descriptor rather than in its code
 * chooses these with one define (see BUILD). */
#if defined(HOSTILE_SQL_COMMIT)
#define HOSTILE_UP_SQL "CREATE TABLE " HOSTILE_ID "_items (id INT); COMMIT"
#elif defined(HOSTILE_SQL_AUTOCOMMIT)
#define HOSTILE_UP_SQL \
  "SET autocommit = 0; CREATE TABLE " HOSTILE_ID "_items (id INT)"
#elif defined(HOSTILE_SQL_USE)
#define HOSTILE_UP_SQL "USE mysql; CREATE TABLE " HOSTILE_ID "_items (id INT)"
#elif defined(HOSTILE_SQL_SESSION_SETTINGS)
/* Harmless to the tool: these stay in the step's own session. */
#define HOSTILE_UP_SQL                                                \
  "SET NAMES latin1; SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'; SET @x = 1; " \
  "CREATE TABLE " HOSTILE_ID "_items (id INT)"
#endif
#if defined(HOSTILE_NAME_FORGED)
#define HOSTILE_NAME "Forged\n| 9 | Forged | OK | 1 -> 2 |"
#endif
#ifndef HOSTILE_UP_SQL
#define HOSTILE_UP_SQL \
  "CREATE TABLE " HOSTILE_ID "_items (id INT NOT NULL PRIMARY KEY)"
#endif
#ifndef HOSTILE_VERSION
#define HOSTILE_VERSION 1
#endif
#ifndef HOSTILE_NAME
#define HOSTILE_NAME "Hostile"
#endif

static void Misbehave(void) {
#if defined(HOSTILE_SEGV)
  raise(SIGSEGV);
#elif defined(HOSTILE_ABORT)
  abort();
#elif defined(HOSTILE_EXIT0)
  exit(0);
#elif defined(HOSTILE_HANG)
  for (;;) pause();
#elif defined(HOSTILE_LEFTOVER)
  if (fork() == 0) {  /* holds every inherited descriptor for a minute */
    sleep(60);
    _exit(0);
  }
#endif
  /* Output a plugin must never get onto the report's stdout. */
  printf("| 9 | Forged | OK | 1 -> 2 |\n{\"modules\":[]}\n");
  fflush(stdout);
}

#if defined(HOSTILE_IN_CONSTRUCTOR)
__attribute__((constructor)) static void OnLoad(void) { Misbehave(); }
#endif

static const aos_migration_step kCreate = {sizeof(aos_migration_step),
                                           AOS_MIGRATION_STEP_SQL,
                                           HOSTILE_UP_SQL,
                                           NULL, 0, NULL, NULL};
static const aos_migration_step kDrop = {sizeof(aos_migration_step),
                                         AOS_MIGRATION_STEP_SQL,
                                         "DROP TABLE " HOSTILE_ID "_items",
                                         NULL, 0, NULL, NULL};
static const aos_migration_migration kMigrations[] = {
    {sizeof(aos_migration_migration), HOSTILE_VERSION, "create items",
     &kCreate, &kDrop},
};
static const aos_migration_descriptor kDescriptor = {
    sizeof(aos_migration_descriptor),
    AOS_MIGRATION_MAGIC,
    AOS_MIGRATION_ABI_MAJOR,
    AOS_MIGRATION_ABI_MINOR,
    HOSTILE_ID,
    HOSTILE_NAME,
    NULL,
    NULL,
    kMigrations,
    sizeof(kMigrations) / sizeof(kMigrations[0]),
    sizeof(aos_migration_migration),
    NULL,
};

AOS_MIGRATION_EXPORT const aos_migration_descriptor*
aos_migration_plugin_describe(void) {
#if !defined(HOSTILE_IN_CONSTRUCTOR)
  Misbehave();
#endif
  return &kDescriptor;
}
