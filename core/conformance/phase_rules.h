// phase_rules.h: what a migration of each rolling-upgrade phase (ABI 1.2)
// may do to the schema, judged on the real database: the schema read before
// the step and after it (schema_shape.h), never the step's SQL.
//  - expand: only adds. It may add tables, columns (nullable, or with a
//    default), indexes, triggers, functions; widen a column's type; make a
//    NOT NULL column nullable. It may not drop, rename or change anything
//    that exists: no table, view, column, index, constraint, trigger or
//    function dropped or renamed, no column type made smaller or changed,
//    no NOT NULL added to an existing column without a default, no default
//    dropped from a NOT NULL column, no new NOT NULL column without a
//    default, no new unique index, primary key, foreign key or check on a
//    column that existed before (each narrows what the previous release may
//    write, or breaks its inserts).
//  - migrate: no schema change at all (the schema snapshots before and after
//    are equal); data may change.
//  - contract and unspecified: no rule.
#ifndef AOS_CORE_CONFORMANCE_PHASE_RULES_H_
#define AOS_CORE_CONFORMANCE_PHASE_RULES_H_

#include <string>
#include <vector>

#include "core/conformance/schema_shape.h"

namespace aos::conformance {

struct Violation {
  std::string what;  // "drops column events.kind"
  std::string why;   // "an expand step may only add"
};

// What an expand step did that it may not, in a stable order; empty when it
// only added.
std::vector<Violation> ExpandViolations(const SchemaShape& before,
                                        const SchemaShape& after);

// Whether a column of type `to` holds every value a column of type `from`
// holds (int -> bigint, varchar(32) -> varchar(64), varchar -> text,
// decimal(8,2) -> decimal(10,2), float -> double, an enum given more
// values). Types as the engine spells them, any case.
bool TypeWidens(const std::string& from, const std::string& to);

}  // namespace aos::conformance

#endif  // AOS_CORE_CONFORMANCE_PHASE_RULES_H_
