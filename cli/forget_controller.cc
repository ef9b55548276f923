#include "cli/forget_controller.h"

#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/backend/open_database.h"
#include "core/engine/module_failure.h"
#include "core/engine/plan/controller_registry.h"

namespace aos::cli {

int RunForgetController(const Request& request,
                        const config::ToolConfig& config,
                        const ModuleSelection& selection) {
  backend::SessionOptions session;
  session.lock_wait_timeout_seconds = config.lock_wait_timeout_seconds;
  std::vector<std::string> forgotten;
  std::vector<std::string> unknown;
  int exit_code = 0;
  for (const SelectedModule& module : selection.modules) {
    absl::Status st;
    absl::StatusOr<bool> found = false;
    if (!module.url) {
      st = absl::FailedPreconditionError(module.error);
    } else {
      absl::StatusOr<std::unique_ptr<backend::Database>> db =
          backend::OpenDatabase(*module.url, session);
      if (db.ok()) {
        found = engine::ControllerRegistry(**db, module.plugin->repository_id)
                    .Forget(request.forget_host);
        st = found.status();
      } else {
        st = db.status();
      }
    }
    if (!st.ok()) {
      std::cerr << "aos-db-migrate: " << module.id << ": "
                << engine::Redact(std::string(st.message())) << "\n";
      exit_code = 1;
      continue;
    }
    (*found ? forgotten : unknown).push_back(module.id);
  }
  if (!forgotten.empty()) {
    std::cout << "Forgot controller " << request.forget_host
              << " in: " << absl::StrJoin(forgotten, ", ") << "\n";
  }
  if (!unknown.empty()) {
    std::cout << "Controller " << request.forget_host
              << " was not registered in: " << absl::StrJoin(unknown, ", ")
              << "\n";
  }
  return exit_code;
}

}  // namespace aos::cli
