// plugin_gen: writes the C++ source of a module plugin's provider from its
// migration files. Used by the aos_migration_plugin Bazel macro.
//
//   plugin_gen --module_id=dashboard --display_name=Dashboard
//              [--repository_id=ID] [--service_config=PATH]
//              [--max_version=N] [--release=R] [--code_steps] --out=FILE
//              FILE.sql...
//
// File names: NNN_description.up.sql, NNN_description.down.sql, and per
// dialect NNN_description.up.<mysql|sqlite|postgresql>.sql. A version with no
// down file is irreversible. A rolling-upgrade phase (ABI 1.2) is a part
// before the direction, NNN_description.<expand|migrate|contract>.up.sql, or
// --phase=NNN:<phase> (the macro's `phases`); the two must agree. --release sets the plugin's own release
// (descriptor field plugin_release, ABI 1.1; the package version's suffix).
// With --code_steps the generated provider calls
// aos_plugin_register_code_steps(provider), defined by the plugin's own C++.
// A FILE named <dialect>.schema holds the module's expected schema on that
// engine (ABI 1.3, drift): "-- version N" lines each opening the section of
// version N, its "object<TAB>definition" lines (FormatSchemaObjects text, as
// aos-plugin-check --write-expected-schemas writes them); other "--" lines
// are comments. A version without a section is built without (the kit's
// walk then fails the plugin: the files are stale; a new migration's plugin
// must build before aos-plugin-check can write its section).
//
// Plain C++ with no dependencies: it runs at build time on the host.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Script {
  std::string generic;
  std::map<std::string, std::string> by_dialect;
  bool present = false;
};

struct Version {
  std::string phase;  // "" (unspecified), "expand", "migrate", "contract"
  std::string description;
  Script up;
  Script down;
};

[[noreturn]] void Fail(const std::string& message) {
  std::cerr << "plugin_gen: " << message << "\n";
  std::exit(1);
}

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A C++ string literal holding `text` exactly (octal escapes are fixed-width,
// so a following digit can never extend them).
std::string Literal(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '\n') {
      out += "\\n\"\n    \"";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '?') {
      out += "\\?";  // no trigraphs, whatever the compiler's mode
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

bool IsPhase(const std::string& s) {
  return s == "expand" || s == "migrate" || s == "contract";
}

// Records `phase` ("" says nothing) for `v`, declared by `where`.
void SetPhase(const std::string& where, const std::string& phase, Version* v) {
  if (phase.empty()) return;
  if (!v->phase.empty() && v->phase != phase) {
    Fail(where + ": declares phase '" + phase + "', but the version is " +
         "already declared '" + v->phase + "'");
  }
  v->phase = phase;
}

bool IsDialect(const std::string& s) {
  return s == "mysql" || s == "sqlite" || s == "postgresql";
}

// Parses NNN_description.(up|down)[.dialect].sql into the version map.
void AddFile(const std::string& path, std::map<long, Version>* versions) {
  const std::string name = BaseName(path);
  const std::string why =
      name + ": expected NNN_description.up.sql or NNN_description.down.sql";
  if (name.size() < 5 || name.substr(name.size() - 4) != ".sql") Fail(why);
  std::vector<std::string> parts;
  std::stringstream ss(name.substr(0, name.size() - 4));
  for (std::string part; std::getline(ss, part, '.');) parts.push_back(part);
  std::string phase;
  if (parts.size() >= 3 && IsPhase(parts[1])) {
    phase = parts[1];
    parts.erase(parts.begin() + 1);
  }
  if (parts.size() != 2 && parts.size() != 3) Fail(why);
  const std::string& stem = parts[0];
  const std::string& direction = parts[1];
  std::string dialect = parts.size() == 3 ? parts[2] : "";
  if (direction != "up" && direction != "down") Fail(why);
  if (!dialect.empty() && !IsDialect(dialect)) {
    Fail(name + ": unknown dialect '" + dialect +
         "' (mysql, sqlite or postgresql)");
  }
  size_t underscore = stem.find('_');
  if (underscore == 0 || underscore == std::string::npos) Fail(why);
  std::string digits = stem.substr(0, underscore);
  for (char c : digits) {
    if (c < '0' || c > '9') Fail(why);
  }
  long version = std::strtol(digits.c_str(), nullptr, 10);
  if (version <= 0) Fail(name + ": versions start at 1");
  std::string description = stem.substr(underscore + 1);
  for (char& c : description) {
    if (c == '_') c = ' ';
  }
  Version& v = (*versions)[version];
  if (v.description.empty()) v.description = description;
  if (v.description != description) {
    Fail(name + ": version " + digits + " is also described as '" +
         v.description + "'");
  }
  SetPhase(name, phase, &v);
  Script& script = direction == "up" ? v.up : v.down;
  std::string text = ReadFile(path);
  if (dialect.empty()) {
    if (script.present) Fail(name + ": a second generic script for it");
    script.generic = text;
    script.present = true;
  } else {
    script.by_dialect[dialect] = text;
  }
}

using Schemas = std::map<std::string, std::map<long, std::string>>;

// Reads a <dialect>.schema file into `schemas`.
void AddSchemaFile(const std::string& path, Schemas* schemas) {
  const std::string name = BaseName(path);
  const std::string dialect = name.substr(0, name.size() - 7);
  if (!IsDialect(dialect)) {
    Fail(name + ": expected mysql.schema, sqlite.schema or postgresql.schema");
  }
  std::map<long, std::string>& sections = (*schemas)[dialect];
  std::stringstream in(ReadFile(path));
  std::string* section = nullptr;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const std::string where = name + ":" + std::to_string(number);
    if (line.rfind("-- version ", 0) == 0) {
      const long version = std::strtol(line.c_str() + 11, nullptr, 10);
      if (version <= 0 || sections.count(version)) {
        Fail(where + ": expected a new version number after '-- version '");
      }
      section = &sections[version];
    } else if (line.empty() || line.rfind("--", 0) == 0) {
      continue;
    } else if (section == nullptr || line.find('\t') == std::string::npos) {
      Fail(where + ": expected '-- version N' or an object<TAB>definition line");
    } else {
      *section += line + "\n";
    }
  }
}

bool IsSchemaFile(const std::string& path) {
  return path.size() > 7 && path.substr(path.size() - 7) == ".schema";
}

// The provider's calls that add the expected schemas of `versions`' SQL
// migrations (and of code steps' versions when `code_steps`); sections past
// --max_version are left out.
std::string SchemaCalls(const Schemas& schemas, const std::map<long, Version>& versions,
                        long max_version, bool code_steps) {
  std::ostringstream cc;
  for (const auto& [dialect, sections] : schemas) {
    for (const auto& [version, text] : sections) {
      if (max_version > 0 && version > max_version) continue;
      if (!versions.count(version) && !code_steps) {
        Fail(dialect + ".schema: version " + std::to_string(version) +
             " is no migration's");
      }
      cc << "    AddExpectedSchema(" << Literal(dialect) << ", " << version << ",\n    "
         << Literal(text) << ");\n";
    }
  }
  return cc.str();
}

std::string Flag(int argc, char** argv, const std::string& name) {
  std::string value;
  const std::string prefix = "--" + name + "=";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind(prefix, 0) == 0) value = arg.substr(prefix.size());
  }
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  std::vector<std::string> schema_files;
  bool code_steps = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--code_steps") {
      code_steps = true;
    } else if (arg.rfind("--", 0) != 0) {
      (IsSchemaFile(arg) ? schema_files : files).push_back(arg);
    }
  }
  const std::string module_id = Flag(argc, argv, "module_id");
  const std::string display_name = Flag(argc, argv, "display_name");
  const std::string repository_id = Flag(argc, argv, "repository_id");
  const std::string service_config = Flag(argc, argv, "service_config");
  const std::string max_version_flag = Flag(argc, argv, "max_version");
  const std::string release = Flag(argc, argv, "release");
  const std::string out_path = Flag(argc, argv, "out");
  if (module_id.empty() || display_name.empty() || out_path.empty()) {
    Fail("--module_id, --display_name and --out are required");
  }
  long max_version =
      max_version_flag.empty() ? 0 : std::strtol(max_version_flag.c_str(),
                                                 nullptr, 10);

  std::map<long, Version> versions;
  for (const std::string& f : files) AddFile(f, &versions);
  std::map<long, std::string> code_phases;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--phase=", 0) != 0) continue;
    std::string value = arg.substr(8);
    size_t colon = value.find(':');
    long version = colon == std::string::npos
                       ? 0
                       : std::strtol(value.substr(0, colon).c_str(), nullptr, 10);
    std::string phase = colon == std::string::npos ? "" : value.substr(colon + 1);
    if (version <= 0 || !IsPhase(phase)) {
      Fail(arg + ": expected --phase=NNN:<expand|migrate|contract>");
    }
    auto it = versions.find(version);
    if (it == versions.end()) {
      // A code step's, registered by the plugin's own code: set after it.
      if (!code_steps) {
        Fail(arg + ": there is no migration " + std::to_string(version));
      }
      code_phases[version] = phase;
      continue;
    }
    SetPhase("phases of the BUILD file", phase, &it->second);
  }
  if (max_version > 0) versions.erase(versions.upper_bound(max_version),
                                      versions.end());
  if (versions.empty() && !code_steps) Fail("no migrations for " + module_id);
  Schemas schemas;
  for (const std::string& f : schema_files) AddSchemaFile(f, &schemas);

  std::ostringstream cc;
  cc << "// Generated by //tools/plugin_gen for module " << module_id
     << ". Do not edit.\n"
     << "#include \"core/sdk/migration_provider.h\"\n\n";
  if (code_steps) {
    cc << "void aos_plugin_register_code_steps("
          "aos::sdk::MigrationProvider& provider);\n\n";
  }
  cc << "namespace {\n\n"
     << "class Provider : public aos::sdk::MigrationProvider {\n"
     << " public:\n"
     << "  Provider() : MigrationProvider(" << Literal(module_id) << ", "
     << Literal(display_name) << ") {\n";
  if (!repository_id.empty()) {
    cc << "    SetRepositoryId(" << Literal(repository_id) << ");\n";
  }
  if (!service_config.empty()) {
    cc << "    SetServiceConfigPath(" << Literal(service_config) << ");\n";
  }
  if (!release.empty()) {
    cc << "    SetRelease(" << Literal(release) << ");\n";
  }
  for (const auto& [version, v] : versions) {
    if (!v.up.present) {
      Fail("version " + std::to_string(version) + " has no generic up script");
    }
    cc << "    AddSqlMigration(" << version << ", " << Literal(v.description)
       << ",\n    " << Literal(v.up.generic) << ",\n    "
       << (v.down.present ? Literal(v.down.generic) : "nullptr") << ");\n";
    if (!v.phase.empty()) {
      std::string upper = v.phase;
      for (char& c : upper) c = static_cast<char>(std::toupper(c));
      cc << "    SetPhase(" << version << ", AOS_MIGRATION_PHASE_" << upper
         << ");\n";
    }
    for (const auto& [dialect, sql] : v.up.by_dialect) {
      cc << "    AddSqlVariant(" << version << ", true, " << Literal(dialect)
         << ",\n    " << Literal(sql) << ");\n";
    }
    for (const auto& [dialect, sql] : v.down.by_dialect) {
      cc << "    AddSqlVariant(" << version << ", false, " << Literal(dialect)
         << ",\n    " << Literal(sql) << ");\n";
    }
  }
  cc << SchemaCalls(schemas, versions, max_version, code_steps);
  if (code_steps) cc << "    aos_plugin_register_code_steps(*this);\n";
  for (const auto& [version, phase] : code_phases) {
    std::string upper = phase;
    for (char& c : upper) c = static_cast<char>(std::toupper(c));
    cc << "    SetPhase(" << version << ", AOS_MIGRATION_PHASE_" << upper
       << ");\n";
  }
  cc << "  }\n};\n\n}  // namespace\n\nAOS_MIGRATION_PLUGIN(Provider)\n";

  std::ofstream out(out_path, std::ios::binary);
  out << cc.str();
  if (!out) Fail("cannot write " + out_path);
  return 0;
}
