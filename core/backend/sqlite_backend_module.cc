// The entry of libaos_backend_sqlite.so (backend_module.h).
#include "core/backend/backend_module.h"
#include "core/backend/sqlite_database.h"

AOS_BACKEND_MODULE(::aos::backend::OpenSqliteDatabase)
