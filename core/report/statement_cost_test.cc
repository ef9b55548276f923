// How a statement's cost reads (statement_cost.h): the DDL gate's, and the
// DML gate's batched and not batchable statements (issue 28).
#include "core/report/statement_cost.h"

#include "gtest/gtest.h"

namespace aos::report {
namespace {

StatementCost Dml(const std::string& batch) {
  StatementCost c;
  c.statement = 1;
  c.table = "events";
  c.rows = 2000000;
  c.bytes = int64_t{305} << 20;
  c.batch = batch;
  return c;
}

TEST(StatementCostTest, ABatchedStatementSaysItsChunksAndKey) {
  StatementCost c = Dml("batched");
  c.algorithm = "batched";
  c.key = "id";
  c.chunks = 2000;
  EXPECT_EQ(c.Describe(),
            "table events (~2000000 rows, 305 MiB): batched in ~2000 chunks "
            "of its key id, blocks nothing");
  c.chunks.reset();
  EXPECT_EQ(c.Describe(),
            "table events (~2000000 rows, 305 MiB): batched in its chunks of "
            "its key id, blocks nothing");
}

TEST(StatementCostTest, AStatementThatCannotBatchSaysWhy) {
  StatementCost c = Dml("not_batchable");
  c.algorithm = "one_transaction";
  c.blocks = "writes";
  c.note = "it has LIMIT";
  EXPECT_EQ(c.Describe(),
            "table events (~2000000 rows, 305 MiB): one transaction over the "
            "table (not batchable: it has LIMIT), blocks writes to events");
  EXPECT_EQ(c.Short(), "writes: events");
}

TEST(StatementCostTest, ADdlStatementReadsAsBefore) {
  StatementCost c;
  c.table = "events";
  c.rows = 2000000;
  c.bytes = int64_t{305} << 20;
  c.algorithm = "copy";
  c.blocks = "writes";
  c.note = "ignored unless unknown";
  EXPECT_EQ(c.Describe(),
            "table events (~2000000 rows, 305 MiB): copy (the table is "
            "rebuilt), blocks writes to events");
}

}  // namespace
}  // namespace aos::report
