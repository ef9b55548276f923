// The entry of libaos_backend_postgresql.so (backend_module.h).
#include "core/backend/backend_module.h"
#include "core/backend/postgresql_database.h"

AOS_BACKEND_MODULE(::aos::backend::OpenPostgresqlDatabase)
