#include "core/report/status_report.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/report/json_writer.h"
#include "core/report/module_result.h"
#include "core/report/archive_report.h"  // issue 27
#include "core/report/cost_json.h"
#include "core/report/drift_report.h"    // issue 29
#include "core/report/preflight_report.h"
#include "core/report/text_table.h"

namespace aos::report {
namespace {

constexpr size_t kNoteWidth = 52;

std::string Current(const ModuleStatus& m) {
  return m.current ? std::to_string(*m.current) : "?";
}

// The problem with a module, as the Result column would show it.
std::string Problem(const ModuleStatus& m, bool verbose) {
  if (!m.error.empty()) {
    return m.database_error && !verbose ? kUnknownDbError : m.error;
  }
  if (!m.interrupted.empty()) return "interrupted: " + m.interrupted;
  return "";
}

void WriteCommon(JsonWriter& j, const ModuleStatus& m) {
  j.Key("id");
  j.String(m.module_id);
  j.Key("name");
  j.String(m.display_name);
  j.Key("current");
  j.OptionalInt(m.current);
  j.Key("latest");
  j.Int(m.latest);
  j.Key("interrupted");
  j.StringOrNull(m.interrupted);
  j.Key("resume");
  if (m.resume) {
    j.BeginObject();
    j.Key("version");
    j.Int(m.resume->version);
    j.Key("direction");
    j.String(m.resume->upgrade ? "upgrade" : "downgrade");
    j.Key("failed");
    j.Bool(m.resume->failed);
    j.Key("applied");
    j.Int(m.resume->applied);
    j.Key("statements");
    j.Int(m.resume->statements);
    j.Key("error");
    j.StringOrNull(m.resume->error);
    j.EndObject();
  } else {
    j.Null();
  }
  j.Key("error");
  j.StringOrNull(m.error);
  j.Key("category");
  j.StringOrNull(m.error_category);
}

// " (blocks writes: events)", " (refused: blocks cluster: events)" for a
// step's entry in the status table, after " (batched: events ~3 chunks of
// id)" for its batched DML (issue 28); "" when nothing blocks or batches.
std::string BlockingNote(const PendingStep& p) {
  std::vector<std::string> blocking;
  std::vector<std::string> batched;  // issue 28
  bool refused = false;
  for (const StatementCost& c : p.ddl) {
    if (c.batch == "batched") {
      batched.push_back(absl::StrCat(
          c.table, c.chunks ? absl::StrCat(" ~", *c.chunks, " chunks") : " in chunks",
          " of ", c.key));
    }
    if (c.blocks.empty() || c.online) continue;
    blocking.push_back(c.Short());
    refused |= c.refused;
  }
  const std::string in_chunks =
      batched.empty()
          ? ""
          : absl::StrCat(" (batched: ", absl::StrJoin(batched, ", "), ")");
  if (blocking.empty()) return in_chunks;
  return absl::StrCat(in_chunks, " (", refused ? "refused: " : "", "blocks ",
                      absl::StrJoin(blocking, ", "), ")");
}

void WriteStep(JsonWriter& j, const PendingStep& p,
               bool with_statements) {
  j.BeginObject();
  j.Key("version");
  j.Int(p.version);
  j.Key("direction");
  j.String(p.upgrade ? "upgrade" : "downgrade");
  j.Key("from");
  j.Int(p.from_version);
  j.Key("to");
  j.Int(p.to_version);
  j.Key("description");
  j.String(p.description);
  j.Key("phase");
  j.String(p.phase);
  WriteCosts(j, p.ddl);
  WritePreflight(j, p.preflight);
  if (with_statements) {
    WriteArchived(j, p.archived);  // issue 27: --dry-run's
    WriteDriftedTables(j, p.drifted_tables);  // issue 29
    j.Key("code_step");
    j.Bool(p.code_step);
    j.Key("first_statement");
    j.Int(p.first_statement);
    j.Key("statements");
    j.BeginArray();
    for (const std::string& s : p.statements) j.String(s);
    j.EndArray();
  }
  j.EndObject();
}

template <typename Fn>
std::string JsonModules(const std::vector<ModuleStatus>& modules,
                        Fn&& extra) {
  JsonWriter j;
  j.BeginObject();
  j.Key("modules");
  j.BeginArray();
  for (size_t i = 0; i < modules.size(); ++i) {
    j.BeginObject();
    WriteCommon(j, modules[i]);
    extra(j, i);
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();
  return j.str() + "\n";
}

// A --dry-run's comment on a DDL statement.
std::string CostLine(const StatementCost& c) {
  std::string line = c.Describe();
  const bool say_note = !c.note.empty() && c.algorithm != "unknown";  // else Describe says it
  if (c.online) {  // issue 28: the note then says what the server's settings cost
    absl::StrAppend(&line, "; runs online through pt-online-schema-change",
                    say_note ? absl::StrCat("; warning: ", c.note) : "");
  } else if (c.refused && !c.batch.empty()) {  // issue 28: the DML gate
    line += "; refused: --allow-blocking in a maintenance window";
  } else if (c.refused) {
    absl::StrAppend(&line, say_note ? absl::StrCat(" (", c.note, ")") : "",
                    "; refused: add --online, or --allow-blocking in a maintenance window");
  }
  return line;
}

}  // namespace

std::string RenderStatusTable(const std::vector<ModuleStatus>& modules,
                              bool verbose) {
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < modules.size(); ++i) {
    const ModuleStatus& m = modules[i];
    std::vector<std::string> pending;
    for (const PendingStep& p : m.pending) {
      pending.push_back(absl::StrCat(p.from_version, "->", p.to_version,
                                     BlockingNote(p), PreflightNote(p)));
    }
    if (m.resume && !pending.empty()) {
      absl::StrAppend(&pending[0], " (resumes: ", m.resume->Describe(verbose),
                      ")");
    }
    rows.push_back({std::to_string(i + 1), m.display_name, Current(m),
                    std::to_string(m.latest),
                    m.error.empty() ? std::to_string(m.pending.size()) : "?",
                    Problem(m, verbose).empty()
                        ? WithDriftNote(pending.empty() ? "Up to date"  // 29
                                                        : absl::StrJoin(pending, " "),
                                        m.drift)
                        : Problem(m, verbose)});
  }
  std::string out =
      "DB status table\n" +
      RenderTextTable(
          {"N", "Module name", "Current", "Latest", "Pending", "Note"}, rows,
          kNoteWidth);
  // The controllers each module's registry knows (a rolling upgrade's).
  std::vector<std::vector<std::string>> controllers;
  for (const ModuleStatus& m : modules) {
    for (const ControllerInfo& c : m.controllers) {
      controllers.push_back(
          {std::to_string(controllers.size() + 1), m.display_name, c.host,
           c.machine_id.empty() ? "-" : c.machine_id,
           c.release.empty() ? std::to_string(c.latest)
                             : absl::StrCat(c.latest, ".", c.release),
           c.last_seen});
    }
  }
  if (!controllers.empty()) {
    absl::StrAppend(&out, "\nControllers table\n",
                    RenderTextTable({"N", "Module name", "Controller",
                                     "Machine id", "Release", "Last start"},
                                    controllers, kNoteWidth));
  }
  for (size_t i = 0; verbose && i < modules.size(); ++i) {  // issue 29
    std::string listing = DriftListing(modules[i].display_name, modules[i].drift);
    if (!listing.empty()) absl::StrAppend(&out, "\n", listing);
  }
  return out;
}

std::string RenderStatusJson(const std::vector<ModuleStatus>& modules) {
  return JsonModules(modules, [&](JsonWriter& j, size_t i) {
    j.Key("pending");
    j.BeginArray();
    for (const PendingStep& p : modules[i].pending) {
      WriteStep(j, p, /*with_statements=*/false);
    }
    j.EndArray();
    WriteArchives(j, modules[i].archives);  // issue 27
    WriteDriftJson(j, modules[i].drift);     // issue 29
    j.Key("controllers");
    j.BeginArray();
    for (const ControllerInfo& c : modules[i].controllers) {
      j.BeginObject();
      j.Key("host");
      j.String(c.host);
      j.Key("machine_id");
      j.StringOrNull(c.machine_id);
      j.Key("identity");
      j.String(c.identity);
      j.Key("latest");
      j.Int(c.latest);
      j.Key("release");
      j.String(c.release);
      j.Key("last_seen");
      j.String(c.last_seen);
      j.EndObject();
    }
    j.EndArray();
  });
}

std::string RenderMigrationsTable(
    const std::vector<const plugin::ModulePlugin*>& plugins,
    const std::vector<ModuleStatus>& modules, bool verbose) {
  std::string out;
  for (size_t i = 0; i < modules.size(); ++i) {
    const ModuleStatus& m = modules[i];
    absl::StrAppend(&out, i ? "\n" : "", "Migrations of ", m.module_id, " (",
                    m.display_name, "), current version ", Current(m), "\n");
    if (!Problem(m, verbose).empty()) {
      absl::StrAppend(&out, Problem(m, verbose), "\n");
    }
    std::vector<std::vector<std::string>> rows;
    for (const plugin::Migration& mig : plugins[i]->migrations) {
      bool applied = m.current && mig.version <= *m.current;
      rows.push_back({std::to_string(mig.version),
                      m.current ? (applied ? "yes" : "no") : "?",
                      mig.description});
    }
    absl::StrAppend(&out, RenderTextTable({"Version", "Applied", "Description"},
                                          rows, kNoteWidth));
  }
  return out;
}

std::string RenderMigrationsJson(
    const std::vector<const plugin::ModulePlugin*>& plugins,
    const std::vector<ModuleStatus>& modules) {
  return JsonModules(modules, [&](JsonWriter& j, size_t i) {
    const ModuleStatus& m = modules[i];
    j.Key("migrations");
    j.BeginArray();
    for (const plugin::Migration& mig : plugins[i]->migrations) {
      j.BeginObject();
      j.Key("version");
      j.Int(mig.version);
      j.Key("description");
      j.String(mig.description);
      j.Key("applied");
      if (m.current) {
        j.Bool(mig.version <= *m.current);
      } else {
        j.Null();
      }
      j.Key("reversible");
      j.Bool(mig.downgrade.has_value());
      j.EndObject();
    }
    j.EndArray();
  });
}

std::string RenderDryRun(const std::vector<ModuleStatus>& modules,
                         bool verbose) {
  std::string out;
  for (const ModuleStatus& m : modules) {
    if (!Problem(m, verbose).empty()) {
      absl::StrAppend(&out, "-- ", m.module_id, ": ", Problem(m, verbose),
                      "\n\n");
      continue;
    }
    if (m.pending.empty()) {
      absl::StrAppend(&out, "-- ", m.module_id, ": no changes (version ",
                      Current(m), ")\n\n");
      continue;
    }
    absl::StrAppend(&out, "-- ", m.module_id, ": ", Current(m), " -> ",
                    m.pending.back().to_version, "\n");
    if (!m.ddl_note.empty()) absl::StrAppend(&out, "-- ", m.ddl_note, "\n");
    for (const PendingStep& p : m.pending) {
      absl::StrAppend(&out, "-- ", p.upgrade ? "upgrade" : "downgrade", " ",
                      p.from_version, " -> ", p.to_version, " (",
                      p.description, ")\n");
      if (p.code_step) {
        absl::StrAppend(&out, "-- (a code step of the plugin)\n");
      }
      absl::StrAppend(&out, DriftedTablesComment(p.drifted_tables));  // 29
      if (m.resume && &p == &m.pending.front()) {
        absl::StrAppend(&out, "-- resumed at statement ", p.first_statement,
                        ": ", m.resume->Describe(verbose), "\n");
      }
      for (size_t k = p.first_statement - 1; k < p.statements.size(); ++k) {
        for (const ArchivedStatement& a : p.archived) {  // issue 27
          if (a.statement == static_cast<int64_t>(k) + 1) {
            absl::StrAppend(&out, "-- ", ArchivedLine(a), "\n");
          }
        }
        for (const StatementCost& c : p.ddl) {
          if (c.statement == static_cast<int64_t>(k) + 1) {
            absl::StrAppend(&out, "-- cost: ", CostLine(c), "\n");
          }
        }
        for (const PreflightFinding& f : p.preflight) {
          if (f.statement == static_cast<int64_t>(k) + 1 &&
              PreflightWorthALine(f)) {
            absl::StrAppend(&out, "-- ", PreflightLine(f), "\n");
          }
        }
        absl::StrAppend(&out, p.statements[k], ";\n");
      }
    }
    out += "\n";
  }
  return out;
}

std::string RenderDryRunJson(const std::vector<ModuleStatus>& modules) {
  return JsonModules(modules, [&](JsonWriter& j, size_t i) {
    WriteDriftJson(j, modules[i].drift);  // issue 29
    j.Key("steps");
    j.BeginArray();
    for (const PendingStep& p : modules[i].pending) {
      WriteStep(j, p, /*with_statements=*/true);
    }
    j.EndArray();
  });
}

}  // namespace aos::report
