// migration_provider.h: the header-only C++ SDK for plugin authors, over the
// C ABI in core/abi/aos_migration_abi.h.
//
// A plugin subclasses aos::sdk::MigrationProvider, registers its migrations in
// the constructor and exports itself with one macro:
//
//   class DashboardProvider : public aos::sdk::MigrationProvider {
//    public:
//     DashboardProvider() : MigrationProvider("dashboard", "Dashboard") {
//       SetServiceConfigPath("/etc/aos/dashboard/dashboard.conf");
//       AddSqlMigration(1, "initial schema", kUp1, kDown1);
//       AddCodeMigration(2, "backfill owners", &BackfillOwners, &ClearOwners);
//     }
//   };
//   AOS_MIGRATION_PLUGIN(DashboardProvider)
//
// Nothing of C++ crosses the boundary: the provider builds plain C structs it
// owns for the life of the library, and every function the host can call
// catches every exception and turns it into a status.
#ifndef AOS_CORE_SDK_MIGRATION_PROVIDER_H_
#define AOS_CORE_SDK_MIGRATION_PROVIDER_H_

#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/abi/aos_migration_abi.h"

namespace aos {
namespace sdk {

// Thrown by Host when the database refused a statement; the host already
// holds the database's error, so the step only needs to stop.
class HostError : public std::runtime_error {
 public:
  HostError() : std::runtime_error("database error reported by the host") {}
};

// The database as a code step sees it. Valid only during the step.
class Host {
 public:
  using Row = std::vector<std::optional<std::string>>;

  explicit Host(const aos_migration_host_api* api) : api_(api) {}

  void Execute(const std::string& sql) const {
    if (api_->callback_execute(api_->host_context, sql.c_str()) !=
        AOS_MIGRATION_OK) {
      throw HostError();
    }
  }

  void Query(const std::string& sql,
             const std::function<void(const Row&)>& on_row) const {
    QueryState state{&on_row, nullptr};
    aos_migration_status status = api_->callback_query(
        api_->host_context, sql.c_str(), &Host::OnRow, &state);
    if (state.error) std::rethrow_exception(state.error);
    if (status != AOS_MIGRATION_OK) throw HostError();
  }

  std::string Dialect() const {
    return api_->callback_dialect(api_->host_context);
  }

  void Log(const std::string& message) const {
    api_->callback_log(api_->host_context, message.c_str());
  }

 private:
  struct QueryState {
    const std::function<void(const Row&)>* on_row;
    std::exception_ptr error;
  };

  static aos_migration_status OnRow(void* user_data, uint32_t column_count,
                                    const char* const* values) {
    auto* state = static_cast<QueryState*>(user_data);
    try {
      Row row;
      row.reserve(column_count);
      for (uint32_t i = 0; i < column_count; ++i) {
        row.push_back(values[i] ? std::optional<std::string>(values[i])
                                : std::nullopt);
      }
      (*state->on_row)(row);
      return AOS_MIGRATION_OK;
    } catch (...) {
      state->error = std::current_exception();
      return AOS_MIGRATION_ERROR;
    }
  }

  const aos_migration_host_api* api_;
};

// A code step: throws (anything) to fail; the message of a std::exception is
// what the operator sees with --verbose.
using CodeStep = void (*)(const Host& host);

class MigrationProvider {
 public:
  MigrationProvider(const char* module_id, const char* display_name) {
    module_id_ = Keep(module_id);
    display_name_ = Keep(display_name);
  }
  virtual ~MigrationProvider() = default;
  MigrationProvider(const MigrationProvider&) = delete;
  MigrationProvider& operator=(const MigrationProvider&) = delete;

  void SetRepositoryId(const char* id) { repository_id_ = Keep(id); }
  void SetServiceConfigPath(const char* path) {
    service_config_path_ = Keep(path);
  }
  void SetRelease(const char* release) { release_ = Keep(release); }

  // `down_sql` may be null: the migration is irreversible.
  void AddSqlMigration(int64_t version, const char* description,
                       const char* up_sql, const char* down_sql) {
    Pending& p = AddPending(version, description);
    p.up = SqlStep(up_sql);
    if (down_sql != nullptr) p.down = SqlStep(down_sql);
  }

  // The migration's phase in a rolling upgrade (ABI 1.2):
  // AOS_MIGRATION_PHASE_EXPAND, _MIGRATE or _CONTRACT; unset, it is
  // UNSPECIFIED and runs as any migration did before phases.
  void SetPhase(int64_t version, uint32_t phase) {
    for (Pending& p : pending_) {
      if (p.version != version) continue;
      p.phase = phase;
      return;
    }
    throw std::invalid_argument("SetPhase: no migration " +
                                std::to_string(version));
  }

  // Overrides the generic script of one direction for one dialect.
  void AddSqlVariant(int64_t version, bool upgrade, const char* dialect,
                     const char* sql) {
    for (Pending& p : pending_) {
      if (p.version != version) continue;
      StepParts& step = upgrade ? p.up : p.down;
      step.variants.push_back({Keep(dialect), Keep(sql)});
      return;
    }
    throw std::invalid_argument("AddSqlVariant: no migration " +
                                std::to_string(version));
  }

  // The schema the module's tables have after `version` on `dialect`
  // (ABI 1.3, drift): FormatSchemaObjects text as `aos-plugin-check
  // --write-expected-schemas` writes it (one section of its
  // <dialect>.schema file). Optional: a plugin without says "drift: not
  // known".
  void AddExpectedSchema(const char* dialect, int64_t version, const char* text) {
    aos_migration_expected_schema e{};
    e.struct_size = sizeof(aos_migration_expected_schema);
    e.dialect = Keep(dialect);
    e.version = version;
    e.text = Keep(text);
    expected_schemas_.push_back(e);
  }

  // `down` may be null: the migration is irreversible.
  void AddCodeMigration(int64_t version, const char* description, CodeStep up,
                        CodeStep down) {
    Pending& p = AddPending(version, description);
    p.up = CodeStepParts(up);
    if (down != nullptr) p.down = CodeStepParts(down);
  }

  // Builds the C descriptor once; it lives as long as the provider.
  const aos_migration_descriptor* Describe() {
    if (described_) return &descriptor_;
    migrations_.reserve(pending_.size());
    for (Pending& p : pending_) {
      aos_migration_migration m{};
      m.struct_size = sizeof(aos_migration_migration);
      m.version = p.version;
      m.description = p.description;
      m.upgrade = Build(p.up);
      m.downgrade = p.down.kind == AOS_MIGRATION_STEP_NONE ? nullptr
                                                           : Build(p.down);
      m.phase = p.phase;
      migrations_.push_back(m);
    }
    descriptor_.struct_size = sizeof(aos_migration_descriptor);
    descriptor_.magic = AOS_MIGRATION_MAGIC;
    descriptor_.abi_major = AOS_MIGRATION_ABI_MAJOR;
    descriptor_.abi_minor = AOS_MIGRATION_ABI_MINOR;
    descriptor_.module_id = module_id_;
    descriptor_.display_name = display_name_;
    descriptor_.repository_id = repository_id_;
    descriptor_.service_config_path = service_config_path_;
    descriptor_.migrations = migrations_.data();
    descriptor_.migration_count = static_cast<uint32_t>(migrations_.size());
    descriptor_.migration_struct_size = sizeof(aos_migration_migration);
    descriptor_.plugin_release = release_;
    descriptor_.expected_schemas =
        expected_schemas_.empty() ? nullptr : expected_schemas_.data();
    descriptor_.expected_schema_count = static_cast<uint32_t>(expected_schemas_.size());
    descriptor_.expected_schema_struct_size = sizeof(aos_migration_expected_schema);
    described_ = true;
    return &descriptor_;
  }

  // The C trampoline for code steps: no exception leaves it.
  static aos_migration_status RunCodeStep(const aos_migration_host_api* api,
                                          void* step_context) {
    try {
      reinterpret_cast<CodeStep>(step_context)(Host(api));
      return AOS_MIGRATION_OK;
    } catch (const HostError&) {
      return AOS_MIGRATION_ERROR;  // the host holds the database's error
    } catch (const std::exception& e) {
      api->callback_set_error(api->host_context, e.what());
      return AOS_MIGRATION_ERROR;
    } catch (...) {
      api->callback_set_error(api->host_context,
                              "code step threw a non-standard exception");
      return AOS_MIGRATION_ERROR;
    }
  }

 private:
  struct StepParts {
    uint32_t kind = AOS_MIGRATION_STEP_NONE;
    const char* sql = nullptr;
    std::vector<aos_migration_sql_variant> variants;
    CodeStep code = nullptr;
  };
  struct Pending {
    int64_t version;
    const char* description;
    StepParts up;
    StepParts down;
    uint32_t phase = AOS_MIGRATION_PHASE_UNSPECIFIED;
  };

  const char* Keep(const char* s) {
    if (s == nullptr) return nullptr;
    strings_.emplace_back(s);
    return strings_.back().c_str();
  }

  Pending& AddPending(int64_t version, const char* description) {
    pending_.push_back(Pending{version, Keep(description), {}, {},
                               AOS_MIGRATION_PHASE_UNSPECIFIED});
    return pending_.back();
  }

  StepParts SqlStep(const char* sql) {
    StepParts s;
    s.kind = AOS_MIGRATION_STEP_SQL;
    s.sql = Keep(sql);
    return s;
  }

  static StepParts CodeStepParts(CodeStep code) {
    StepParts s;
    s.kind = AOS_MIGRATION_STEP_CODE;
    s.code = code;
    return s;
  }

  const aos_migration_step* Build(StepParts& parts) {
    variant_lists_.push_back(parts.variants);
    aos_migration_step step{};
    step.struct_size = sizeof(aos_migration_step);
    step.kind = parts.kind;
    step.sql = parts.sql;
    step.variants = variant_lists_.back().data();
    step.variant_count = static_cast<uint32_t>(variant_lists_.back().size());
    if (parts.kind == AOS_MIGRATION_STEP_CODE) {
      step.on_run = &MigrationProvider::RunCodeStep;
      step.step_context = reinterpret_cast<void*>(parts.code);
    }
    steps_.push_back(step);
    return &steps_.back();
  }

  // Deques: stable addresses for everything the descriptor points into.
  std::deque<std::string> strings_;
  std::deque<Pending> pending_;
  std::deque<aos_migration_step> steps_;
  std::deque<std::vector<aos_migration_sql_variant>> variant_lists_;
  std::vector<aos_migration_migration> migrations_;
  std::vector<aos_migration_expected_schema> expected_schemas_;
  const char* module_id_ = nullptr;
  const char* display_name_ = nullptr;
  const char* repository_id_ = nullptr;
  const char* service_config_path_ = nullptr;
  const char* release_ = nullptr;
  aos_migration_descriptor descriptor_{};
  bool described_ = false;
};

}  // namespace sdk
}  // namespace aos

// Exports `ProviderClass` as the plugin's one entry symbol. The provider is
// built on first call; any exception yields NULL, which the host reports.
#define AOS_MIGRATION_PLUGIN(ProviderClass)                                  \
  extern "C" AOS_MIGRATION_EXPORT const aos_migration_descriptor*            \
  aos_migration_plugin_describe(void) {                                      \
    try {                                                                    \
      static ProviderClass provider;                                         \
      return provider.Describe();                                            \
    } catch (...) {                                                          \
      return nullptr;                                                        \
    }                                                                        \
  }

#endif  // AOS_CORE_SDK_MIGRATION_PROVIDER_H_
