// Fuzz target: the plugin descriptor reader (core/plugin/descriptor_reader.h),
// fed what a hostile or broken plugin could return from its entry function.
//
// The input drives a builder that lays out an aos_migration_descriptor, its
// migrations array and their steps and SQL variants in memory this target
// owns, exactly as large as each struct claims to be (struct_size,
// migration_struct_size, variant_count): so AddressSanitizer reports any read
// past what the plugin declared. Sizes, magic, ABI version, strings (or
// NULL), module ids, version numbers, step kinds, hooks and dialects all come
// from the input, mostly valid so that the deep checks are reached.
//
// ReadDescriptor must never crash, and:
//  - it either refuses (with a message) or returns a plugin whose versions
//    are positive and strictly increasing;
//  - it accepts exactly the descriptors that follow the ABI
//    (core/abi/aos_migration_abi.h), as modelled here while building;
//  - what it returns is what was built: identity, release (only from a
//    descriptor large enough to hold it), every migration's version,
//    description, steps, scripts, variants, hooks and reversibility.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/abi/aos_migration_abi.h"
#include "core/sql/session_control.h"
#include "core/sql/statement_splitter.h"
#include "core/plugin/descriptor_reader.h"
#include "core/plugin/module_plugin.h"
#include "fuzz/fuzz_check.h"

namespace {

using aos::plugin::ModulePlugin;

aos_migration_status DummyStep(const aos_migration_host_api*, void*) {
  return AOS_MIGRATION_OK;
}
aos_migration_status OtherStep(const aos_migration_host_api*, void*) {
  return AOS_MIGRATION_ERROR;
}

// The model of one step, as built.
struct StepModel {
  bool valid = false;
  bool none = false;  // kind NONE (an irreversible downgrade)
  uint32_t kind = 0;
  std::string sql;
  std::map<std::string, std::string> variants;
  aos_migration_on_code_step on_run = nullptr;
  void* context = nullptr;
};

struct MigrationModel {
  int64_t version = 0;
  std::string description;
  StepModel upgrade;
  std::optional<StepModel> downgrade;  // nullopt: irreversible
};

// The model of the reader's session rule (session_control.h): the generic
// script (MySQL's) and each variant take no control of the transaction or
// session by their engine's rules.
bool SessionFree(const std::string& generic,
                 const std::map<std::string, std::string>& variants) {
  for (const char* dialect : {"mysql", "postgresql", "sqlite"}) {
    auto it = variants.find(dialect);
    bool is_generic = it == variants.end();
    if (is_generic && std::string(dialect) != "mysql") continue;
    auto split = aos::sql::SplitStatements(is_generic ? generic : it->second,
                                           dialect);
    if (!split.ok()) continue;
    for (const aos::sql::Statement& st : *split) {
      if (!aos::sql::SessionControlWords(st.text, dialect).empty()) {
        return false;
      }
    }
  }
  return true;
}

// Printable text on one line, at most `max` bytes (names, descriptions).
bool ShowableText(const std::string& text, size_t max) {
  if (text.empty() || text.size() > max) return false;
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

class Builder {
 public:
  Builder(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  ~Builder() {
    for (void* block : blocks_) std::free(block);
  }

  uint8_t Byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  uint32_t Word() {
    uint32_t w = 0;
    for (int i = 0; i < 4; ++i) w = w << 8 | Byte();
    return w;
  }

  // A block of exactly `size` bytes (at least 1), zeroed, freed at the end.
  char* Block(size_t size) {
    char* p = static_cast<char*>(std::calloc(size ? size : 1, 1));
    blocks_.push_back(p);
    return p;
  }

  // Copies a struct into a block as large as the plugin claims it is.
  template <typename T>
  const T* Place(const T& value, size_t claimed) {
    size_t size = std::max(claimed, sizeof(uint32_t));
    char* p = Block(size);
    std::memcpy(p, &value, std::min(size, sizeof(T)));
    return reinterpret_cast<const T*>(p);
  }

  // A NUL-terminated string, or NULL; `text` gets its value. One byte b
  // chooses: 0xFF NULL; b % 4 != 0 choices[(b / 4) % count]; else the next
  // (b / 4) % 32 input bytes (up to an embedded NUL).
  const char* String(std::string* text, const char* const* choices,
                     size_t choice_count) {
    uint8_t b = Byte();
    if (b == 0xFF) {
      text->clear();
      return nullptr;
    }
    if (b % 4 != 0) {
      *text = choices[(b / 4) % choice_count];
    } else {
      size_t n = std::min<size_t>((b / 4) % 32, size_ - pos_);
      text->assign(reinterpret_cast<const char*>(data_ + pos_), n);
      pos_ += n;
      text->resize(std::strlen(text->c_str()));  // up to an embedded NUL
    }
    char* p = Block(text->size() + 1);
    std::memcpy(p, text->c_str(), text->size() + 1);
    return p;
  }

  uint32_t Size(uint32_t usual, uint32_t other) {
    switch (Byte() % 16) {
      case 0: return Byte();
      case 1: return other;
      default: return usual;
    }
  }

  const aos_migration_step* Step(StepModel* model, bool* present) {
    *present = Byte() % 8 != 0;
    if (!*present) return nullptr;
    aos_migration_step s{};
    s.struct_size = Size(sizeof(aos_migration_step), AOS_MIGRATION_STEP_MIN_SIZE + 8);
    switch (Byte() % 8) {
      case 0: s.kind = AOS_MIGRATION_STEP_NONE; break;
      case 1: case 2: case 3: case 4: s.kind = AOS_MIGRATION_STEP_SQL; break;
      case 5: case 6: s.kind = AOS_MIGRATION_STEP_CODE; break;
      default: s.kind = Byte(); break;
    }
    static const char* const kScripts[] = {
        "CREATE TABLE t (id INT)", "DROP TABLE t", "",
        "ALTER TABLE t ADD COLUMN c INT; UPDATE t SET c = 1",
        "INSERT INTO t VALUES (1); COMMIT", "SET search_path TO x"};
    std::string sql;
    s.sql = String(&sql, kScripts, 6);
    s.variant_count = Byte() % 4;
    bool variants_null = s.variant_count > 0 && Byte() % 8 == 0;
    bool variants_ok = true;
    std::map<std::string, std::string> variants;
    if (s.variant_count > 0 && !variants_null) {
      auto* v = reinterpret_cast<aos_migration_sql_variant*>(
          Block(s.variant_count * sizeof(aos_migration_sql_variant)));
      static const char* const kDialects[] = {"mysql", "sqlite", "postgresql"};
      for (uint32_t i = 0; i < s.variant_count; ++i) {
        std::string dialect;
        std::string text;
        v[i].dialect = String(&dialect, kDialects, 3);
        v[i].sql = String(&text, kScripts, 6);
        if (v[i].dialect == nullptr || v[i].sql == nullptr ||
            (dialect != "mysql" && dialect != "sqlite" &&
             dialect != "postgresql")) {
          variants_ok = false;
        } else {
          variants[dialect] = text;
        }
      }
      s.variants = v;
    }
    uint8_t hook = Byte() % 4;
    s.on_run = hook == 0 ? nullptr : hook == 1 ? &OtherStep : &DummyStep;
    s.step_context = Byte() % 2 ? this : nullptr;

    model->kind = s.kind;
    model->none = s.kind == AOS_MIGRATION_STEP_NONE;
    model->sql = sql;
    model->variants = variants;
    model->on_run = s.on_run;
    model->context = s.step_context;
    bool size_ok = s.struct_size >= AOS_MIGRATION_STEP_MIN_SIZE;
    if (s.kind == AOS_MIGRATION_STEP_SQL) {
      model->valid = size_ok && s.sql != nullptr && !variants_null &&
                     variants_ok && SessionFree(sql, variants);
    } else if (s.kind == AOS_MIGRATION_STEP_CODE) {
      model->valid = size_ok && s.on_run != nullptr;
    } else {
      model->valid = false;
    }
    model->none = model->none && size_ok;
    return Place(s, s.struct_size);
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  std::vector<void*> blocks_;
};

bool ValidModuleId(const std::string& id) {
  if (id.empty() || id.size() > 64 || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

void CheckStep(const aos::plugin::Step& got, const StepModel& want,
               const char* what, int64_t version) {
  if (want.kind == AOS_MIGRATION_STEP_SQL) {
    FUZZ_CHECK(got.kind == aos::plugin::Step::Kind::kSql &&
               got.sql == want.sql && got.sql_by_dialect == want.variants)
        << "version " << version << " " << what << ": SQL step differs";
  } else {
    FUZZ_CHECK(got.kind == aos::plugin::Step::Kind::kCode &&
               got.on_run == want.on_run && got.step_context == want.context)
        << "version " << version << " " << what << ": code step differs";
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Builder b(data, size);
  aos_migration_descriptor d{};
  d.struct_size = b.Size(sizeof(aos_migration_descriptor),
                         AOS_MIGRATION_DESCRIPTOR_MIN_SIZE);
  d.magic = b.Byte() % 16 == 0 ? b.Word() : AOS_MIGRATION_MAGIC;
  d.abi_major = b.Byte() % 16 == 0 ? b.Byte() : AOS_MIGRATION_ABI_MAJOR;
  d.abi_minor = b.Byte() % 3;
  static const char* const kIds[] = {"dashboard", "cloud_manager", "x9_",
                                     "rs_server"};
  static const char* const kNames[] = {"Dashboard", "CloudManager", "X"};
  static const char* const kPaths[] = {"/etc/aos/dashboard/dashboard.conf",
                                       "", "2"};
  std::string module_id, display_name, repository_id, service_config, release;
  d.module_id = b.String(&module_id, kIds, 4);
  d.display_name = b.String(&display_name, kNames, 3);
  d.repository_id = b.String(&repository_id, kIds, 4);
  d.service_config_path = b.String(&service_config, kPaths, 3);
  d.plugin_release = b.String(&release, kPaths, 3);
  d.migration_count = b.Byte() % 32;
  d.migration_struct_size = b.Size(sizeof(aos_migration_migration),
                                   AOS_MIGRATION_MIGRATION_MIN_SIZE + 4);
  bool migrations_null = b.Byte() % 16 == 0;

  // The model: should the reader accept it, and what should it return?
  bool valid = d.struct_size >= AOS_MIGRATION_DESCRIPTOR_MIN_SIZE &&
               d.magic == AOS_MIGRATION_MAGIC &&
               d.abi_major == AOS_MIGRATION_ABI_MAJOR &&
               d.abi_minor <= AOS_MIGRATION_ABI_MINOR &&
               d.module_id != nullptr && ValidModuleId(module_id) &&
               ShowableText(display_name, 64) &&
               (repository_id.empty() ? module_id : repository_id).size() <=
                   250 &&
               d.migration_count > 0 && !migrations_null &&
               d.migration_struct_size >= AOS_MIGRATION_MIGRATION_MIN_SIZE &&
               d.migration_struct_size % alignof(aos_migration_migration) == 0;
  std::vector<MigrationModel> model;
  if (d.migration_count > 0 && !migrations_null) {
    const size_t stride = d.migration_struct_size;
    char* array = b.Block(d.migration_count * stride);
    int64_t previous = 0;
    for (uint32_t i = 0; i < d.migration_count; ++i) {
      aos_migration_migration m{};
      m.struct_size = b.Size(sizeof(aos_migration_migration),
                             AOS_MIGRATION_MIGRATION_MIN_SIZE - 8);
      switch (b.Byte() % 16) {
        case 0: m.version = -static_cast<int64_t>(b.Byte()); break;
        case 1: m.version = previous; break;
        case 2: m.version = static_cast<int64_t>(b.Word()) << 32 | b.Word(); break;
        default:  // the next versions, up to the largest there is
          m.version = previous > INT64_MAX - 3 ? previous
                                               : previous + 1 + b.Byte() % 3;
          break;
      }
      previous = m.version;
      MigrationModel mm;
      mm.version = m.version;
      static const char* const kDescriptions[] = {"initial schema",
                                                  "add sessions", "x"};
      m.description = b.String(&mm.description, kDescriptions, 3);
      bool up_present = false;
      bool down_present = false;
      m.upgrade = b.Step(&mm.upgrade, &up_present);
      StepModel down;
      m.downgrade = b.Step(&down, &down_present);
      bool down_ok = !down_present || down.none || down.valid;
      if (down_present && !down.none) mm.downgrade = down;
      bool ok = m.struct_size >= AOS_MIGRATION_MIGRATION_MIN_SIZE &&
                m.version > 0 && m.version <= 2147483647 &&
                (model.empty() || m.version > model.back().version) &&
                ShowableText(mm.description, 200) && up_present &&
                mm.upgrade.valid &&
                down_ok;
      valid = valid && ok;
      model.push_back(mm);
      std::memcpy(array + i * stride, &m, std::min(stride, sizeof(m)));
    }
    d.migrations = reinterpret_cast<const aos_migration_migration*>(array);
  }
  const aos_migration_descriptor* placed = b.Place(d, d.struct_size);

  absl::StatusOr<ModulePlugin> plugin =
      aos::plugin::ReadDescriptor(placed, "/fuzz/libfuzz.so");

  if (!plugin.ok()) {
    FUZZ_CHECK(!plugin.status().message().empty());
    FUZZ_CHECK(!valid) << "a descriptor that follows the ABI was refused: "
                       << plugin.status().message();
    return 0;
  }
  const ModulePlugin& p = *plugin;
  FUZZ_CHECK(!p.migrations.empty());
  for (size_t i = 0; i < p.migrations.size(); ++i) {
    FUZZ_CHECK(p.migrations[i].version > 0);
    if (i > 0) {
      FUZZ_CHECK(p.migrations[i].version > p.migrations[i - 1].version)
          << "versions not strictly increasing: " << p.migrations[i - 1].version
          << ", " << p.migrations[i].version;
    }
  }
  FUZZ_CHECK(valid) << "a descriptor breaking the ABI was accepted";
  FUZZ_CHECK(p.path == "/fuzz/libfuzz.so" && p.module_id == module_id &&
             p.display_name == display_name &&
             p.repository_id ==
                 (repository_id.empty() ? module_id : repository_id) &&
             p.service_config_path == service_config)
      << "identity differs";
  bool has_release = d.struct_size >= sizeof(aos_migration_descriptor);
  FUZZ_CHECK(p.release == (has_release ? release : ""))
      << "release " << aos::fuzz::Quoted(p.release);
  FUZZ_CHECK(p.migrations.size() == model.size());
  for (size_t i = 0; i < model.size(); ++i) {
    const aos::plugin::Migration& m = p.migrations[i];
    FUZZ_CHECK(m.version == model[i].version &&
               m.description == model[i].description)
        << "migration " << i + 1 << " differs";
    CheckStep(m.upgrade, model[i].upgrade, "upgrade", m.version);
    FUZZ_CHECK(m.downgrade.has_value() == model[i].downgrade.has_value())
        << "version " << m.version << ": reversibility differs";
    if (m.downgrade) {
      CheckStep(*m.downgrade, *model[i].downgrade, "downgrade", m.version);
    }
  }
  return 0;
}
