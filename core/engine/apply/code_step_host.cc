#include "core/engine/apply/code_step_host.h"

#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace aos::engine {
namespace {

struct HostContext {
  backend::Database* db;
  std::string dialect;
  std::string module_id;
  absl::Status error;  // first failure seen
  std::string step_error;
};

HostContext* Ctx(void* p) { return static_cast<HostContext*>(p); }

aos_migration_status Execute(void* ctx, const char* sql) {
  if (sql == nullptr) return AOS_MIGRATION_ERROR;
  absl::Status st = Ctx(ctx)->db->Execute(sql, {});
  if (!st.ok()) {
    if (Ctx(ctx)->error.ok()) Ctx(ctx)->error = st;
    return AOS_MIGRATION_ERROR;
  }
  return AOS_MIGRATION_OK;
}

aos_migration_status Query(void* ctx, const char* sql,
                           aos_migration_on_row on_row, void* user_data) {
  if (sql == nullptr || on_row == nullptr) return AOS_MIGRATION_ERROR;
  absl::StatusOr<std::vector<backend::Row>> rows =
      Ctx(ctx)->db->Query(sql, {});
  if (!rows.ok()) {
    if (Ctx(ctx)->error.ok()) Ctx(ctx)->error = rows.status();
    return AOS_MIGRATION_ERROR;
  }
  std::vector<const char*> values;
  for (const backend::Row& row : *rows) {
    values.clear();
    for (const auto& v : row) values.push_back(v ? v->c_str() : nullptr);
    if (on_row(user_data, static_cast<uint32_t>(values.size()),
               values.data()) != AOS_MIGRATION_OK) {
      return AOS_MIGRATION_ERROR;
    }
  }
  return AOS_MIGRATION_OK;
}

const char* Dialect(void* ctx) { return Ctx(ctx)->dialect.c_str(); }

void Log(void* ctx, const char* message) {
  std::cerr << Ctx(ctx)->module_id << ": " << (message ? message : "") << "\n";
}

void SetError(void* ctx, const char* message) {
  Ctx(ctx)->step_error = message ? message : "";
}

}  // namespace

absl::Status RunCodeStep(const plugin::Step& step, backend::Database& db,
                         const std::string& module_id) {
  HostContext ctx{&db, std::string(db.dialect()), module_id, absl::OkStatus(),
                  ""};
  aos_migration_host_api api{};
  api.struct_size = sizeof(api);
  api.abi_major = AOS_MIGRATION_ABI_MAJOR;
  api.abi_minor = AOS_MIGRATION_ABI_MINOR;
  api.host_context = &ctx;
  api.callback_execute = &Execute;
  api.callback_query = &Query;
  api.callback_dialect = &Dialect;
  api.callback_log = &Log;
  api.callback_set_error = &SetError;
  aos_migration_status status = step.on_run(&api, step.step_context);
  if (status == AOS_MIGRATION_OK) return absl::OkStatus();
  if (!ctx.step_error.empty()) {
    return absl::InternalError(
        absl::StrCat("the code step failed: ", ctx.step_error));
  }
  if (!ctx.error.ok()) return ctx.error;
  return absl::InternalError(
      "the code step failed and gave no reason (it returned an error status)");
}

}  // namespace aos::engine
