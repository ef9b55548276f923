#include "core/engine/isolation/child_protocol.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/report/module_result.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::vector<ChildMessage> DecodeAll(const std::string& stream) {
  ChildStreamDecoder decoder;
  std::vector<ChildMessage> messages;
  EXPECT_TRUE(decoder.Feed(stream, &messages).ok());
  EXPECT_TRUE(decoder.Finish().ok());
  return messages;
}

void ExpectSameResult(const report::ModuleResult& got,
                      const report::ModuleResult& want) {
  EXPECT_EQ(got.module_id, want.module_id);
  EXPECT_EQ(got.display_name, want.display_name);
  EXPECT_EQ(got.ok, want.ok);
  EXPECT_EQ(got.from, want.from);
  EXPECT_EQ(got.to, want.to);
  EXPECT_EQ(got.error, want.error);
  EXPECT_EQ(got.database_error, want.database_error);
  EXPECT_EQ(got.error_category, want.error_category);
  EXPECT_EQ(got.marked, want.marked);
  ASSERT_EQ(got.resumed.has_value(), want.resumed.has_value());
  if (want.resumed) {
    EXPECT_EQ(got.resumed->version, want.resumed->version);
    EXPECT_EQ(got.resumed->statement, want.resumed->statement);
    EXPECT_EQ(got.resumed->statements, want.resumed->statements);
    EXPECT_EQ(got.resumed->only_step, want.resumed->only_step);
  }
}

std::vector<report::ModuleResult> SampleResults() {
  std::vector<report::ModuleResult> samples;
  report::ModuleResult empty;  // every string empty, no versions
  samples.push_back(empty);
  report::ModuleResult upgraded;
  upgraded.module_id = "dashboard";
  upgraded.display_name = "Dashboard";
  upgraded.ok = true;
  upgraded.from = 9;
  upgraded.to = 10;
  samples.push_back(upgraded);
  report::ModuleResult resumed = upgraded;
  resumed.resumed = report::ModuleResult::Resumed{10, 3, 4, true};
  samples.push_back(resumed);
  resumed.resumed = report::ModuleResult::Resumed{
      std::numeric_limits<int64_t>::max(), 1, 2, false};
  samples.push_back(resumed);
  report::ModuleResult marked = upgraded;
  marked.marked = true;
  samples.push_back(marked);
  report::ModuleResult failed;
  failed.module_id = "line\nbreak";
  failed.display_name = std::string("nul\0byte\xff\x80", 10);
  failed.from = -1;
  failed.to = std::numeric_limits<int64_t>::min();
  failed.error = "Error while applying migration 1 -> 2:\n(1146) Table\r\n";
  failed.database_error = true;
  failed.error_category = "deadlock";
  samples.push_back(failed);
  report::ModuleResult only_to;
  only_to.to = std::numeric_limits<int64_t>::max();
  only_to.error_category = std::string("R\0\0\0\1P", 6);  // looks like a frame
  samples.push_back(only_to);
  report::ModuleResult only_from;
  only_from.from = 0;
  samples.push_back(only_from);
  return samples;
}

TEST(ChildProtocolTest, ResultRoundTripKeepsEveryField) {
  for (const report::ModuleResult& want : SampleResults()) {
    std::vector<ChildMessage> got = DecodeAll(EncodeResult(want));
    ASSERT_THAT(got, SizeIs(1));
    EXPECT_EQ(got[0].kind, ChildMessage::Kind::kResult);
    ExpectSameResult(got[0].result, want);
  }
}

TEST(ChildProtocolTest, ALockWaitIsAProgressMessageOfItsOwnKind) {
  std::vector<ChildMessage> got;
  ChildStreamDecoder decoder;
  ASSERT_TRUE(decoder
                  .Feed(EncodeProgress("connecting") +
                            EncodeLockWait("waiting for the migration lock held by b"),
                        &got)
                  .ok());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].kind, ChildMessage::Kind::kProgress);
  EXPECT_FALSE(got[0].lock_wait);
  EXPECT_EQ(got[1].kind, ChildMessage::Kind::kProgress);
  EXPECT_TRUE(got[1].lock_wait);
  EXPECT_EQ(got[1].progress, "waiting for the migration lock held by b");
}

TEST(ChildProtocolTest, ProgressRoundTrip) {
  std::vector<std::string> texts = {"", "upgrading 1 -> 2 (backfill items)",
                                    "two\nlines", std::string("\0\xff\x01", 3)};
  std::string stream;
  for (const std::string& text : texts) stream += EncodeProgress(text);
  std::vector<ChildMessage> got = DecodeAll(stream);
  ASSERT_THAT(got, SizeIs(texts.size()));
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(got[i].kind, ChildMessage::Kind::kProgress);
    EXPECT_EQ(got[i].progress, texts[i]);
  }
}

TEST(ChildProtocolTest, LongTextRoundTrips) {
  report::ModuleResult want;
  want.error = std::string(kMaxTextBytes, 'e');
  want.display_name = std::string(100000, '\n');
  std::vector<ChildMessage> got = DecodeAll(EncodeResult(want));
  ASSERT_THAT(got, SizeIs(1));
  ExpectSameResult(got[0].result, want);
}

TEST(ChildProtocolTest, TooLongTextIsCutAtACharacterBoundary) {
  report::ModuleResult want;
  want.error = "x";
  for (size_t i = 0; i < kMaxTextBytes; i += 2) want.error += "\xc3\xa9";
  std::vector<ChildMessage> got = DecodeAll(
      EncodeResult(want) + EncodeProgress(std::string(kMaxTextBytes + 9, 'p')));
  ASSERT_THAT(got, SizeIs(2));
  const std::string& error = got[0].result.error;
  EXPECT_LE(error.size(), kMaxTextBytes);
  EXPECT_GE(error.size(), kMaxTextBytes - 2);
  EXPECT_EQ(error, want.error.substr(0, error.size()));
  EXPECT_EQ(error.size() % 2, 1u);  // "x" and whole two-byte characters
  EXPECT_EQ(got[1].progress.size(), kMaxTextBytes);
}

TEST(ChildProtocolTest, ByteAtATimeYieldsEachMessageWhenComplete) {
  report::ModuleResult result = SampleResults()[2];
  std::string first = EncodeProgress("step one");
  std::string second = EncodeProgress("");
  std::string stream = first + second + EncodeResult(result);
  ChildStreamDecoder decoder;
  std::vector<ChildMessage> got;
  for (size_t i = 0; i < stream.size(); ++i) {
    ASSERT_TRUE(decoder.Feed(stream.substr(i, 1), &got).ok()) << "byte " << i;
    size_t expected = i + 1 < first.size()                   ? 0
                      : i + 1 < first.size() + second.size() ? 1
                      : i + 1 < stream.size()                ? 2
                                                             : 3;
    ASSERT_THAT(got, SizeIs(expected)) << "after byte " << i;
    if (i + 1 < stream.size()) {
      EXPECT_EQ(decoder.Finish().ok(),
                i + 1 == first.size() || i + 1 == first.size() + second.size())
          << "after byte " << i;
    }
  }
  EXPECT_TRUE(decoder.Finish().ok());
  EXPECT_EQ(got[0].progress, "step one");
  EXPECT_EQ(got[1].progress, "");
  ExpectSameResult(got[2].result, result);
}

TEST(ChildProtocolTest, GarbageIsAnErrorThatSticks) {
  ChildStreamDecoder decoder;
  std::vector<ChildMessage> got;
  absl::Status status =
      decoder.Feed(EncodeProgress("fine") + "this is not a frame", &got);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_THAT(status.message(), HasSubstr("byte 0x74 at offset 9"));
  ASSERT_THAT(got, SizeIs(1));  // what came before the garbage still counts
  EXPECT_EQ(got[0].progress, "fine");

  got.clear();
  EXPECT_EQ(decoder.Feed(EncodeProgress("later"), &got), status);
  EXPECT_THAT(got, IsEmpty());
  EXPECT_EQ(decoder.Finish(), status);
}

TEST(ChildProtocolTest, GarbageIsSeenAtItsFirstByte) {
  ChildStreamDecoder decoder;
  std::vector<ChildMessage> got;
  EXPECT_FALSE(decoder.Feed("{", &got).ok());
}

TEST(ChildProtocolTest, OversizedFrameIsRefusedFromItsHeader) {
  ChildStreamDecoder decoder;
  std::vector<ChildMessage> got;
  absl::Status status = decoder.Feed(std::string("P\xff\xff\xff\xff", 5), &got);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_THAT(status.message(), HasSubstr("more than the limit"));
  EXPECT_THAT(got, IsEmpty());
}

TEST(ChildProtocolTest, MalformedResultBodiesAreErrors) {
  std::string valid = EncodeResult(SampleResults()[1]);
  std::string unknown_flag = valid;
  unknown_flag[5] = static_cast<char>(0x80);
  std::string short_body("R\0\0\0\3abc", 8);
  std::string trailing = valid + "!";
  trailing[4] = static_cast<char>(trailing[4] + 1);  // the body takes the "!"
  std::string cut_field = valid;
  cut_field[4] = static_cast<char>(cut_field[4] - 1);
  cut_field.pop_back();
  for (const std::string& stream :
       {unknown_flag, short_body, trailing, cut_field}) {
    ChildStreamDecoder decoder;
    std::vector<ChildMessage> got;
    absl::Status status = decoder.Feed(stream, &got);
    EXPECT_TRUE(absl::IsDataLoss(status)) << status;
    EXPECT_THAT(status.message(), HasSubstr("a result message"));
    EXPECT_THAT(got, IsEmpty());
  }
}

TEST(ChildProtocolTest, TruncatedStreamIsAnErrorAtTheEnd) {
  std::string result = EncodeResult(SampleResults()[2]);
  for (size_t cut : {size_t{1}, size_t{4}, size_t{5}, result.size() - 1}) {
    ChildStreamDecoder decoder;
    std::vector<ChildMessage> got;
    ASSERT_TRUE(decoder.Feed(result.substr(0, cut), &got).ok());
    EXPECT_THAT(got, IsEmpty());
    absl::Status end = decoder.Finish();
    EXPECT_TRUE(absl::IsDataLoss(end)) << "cut at " << cut;
    EXPECT_THAT(end.message(), HasSubstr("the stream ended"));
  }
}

TEST(ChildProtocolTest, EmptyStreamEndsCleanly) {
  ChildStreamDecoder decoder;
  EXPECT_TRUE(decoder.Finish().ok());
}

// A fraction arrives with its numbers typed, never as text to parse.
TEST(ChildProtocolTest, AFractionIsAProgressMessageWithItsNumbers) {
  std::vector<ChildMessage> got =
      DecodeAll(EncodeProgress("copying") + EncodeFraction(1234567890123, 2000000000000, "rows") +
                EncodeFraction(-1, 100, "%"));
  ASSERT_THAT(got, SizeIs(3));
  EXPECT_FALSE(got[0].fraction);
  EXPECT_EQ(got[1].kind, ChildMessage::Kind::kProgress);
  EXPECT_TRUE(got[1].fraction);
  EXPECT_FALSE(got[1].lock_wait);
  EXPECT_EQ(got[1].done, 1234567890123);
  EXPECT_EQ(got[1].total, 2000000000000);
  EXPECT_EQ(got[1].progress, "rows");
  EXPECT_EQ(got[2].done, -1);
  EXPECT_EQ(got[2].progress, "%");
}

// A result's step times come in frames of their own before it and arrive
// as part of it; the next result starts with none.
TEST(ChildProtocolTest, StepTimesRoundTripWithTheirResult) {
  report::ModuleResult timed = SampleResults()[1];
  timed.steps = {{9, 10, 2500000, true}, {10, 11, 12, false}};
  std::vector<ChildMessage> got = DecodeAll(EncodeResult(timed) + EncodeResult(SampleResults()[1]));
  ASSERT_THAT(got, SizeIs(2));
  ExpectSameResult(got[0].result, timed);
  ASSERT_THAT(got[0].result.steps, SizeIs(2));
  EXPECT_EQ(got[0].result.steps[0].from, 9);
  EXPECT_EQ(got[0].result.steps[0].to, 10);
  EXPECT_EQ(got[0].result.steps[0].micros, 2500000);
  EXPECT_TRUE(got[0].result.steps[0].ok);
  EXPECT_EQ(got[0].result.steps[1].micros, 12);
  EXPECT_FALSE(got[0].result.steps[1].ok);
  EXPECT_THAT(got[1].result.steps, IsEmpty());
}

// Issue 29: the run's drift comes with its result, and only with it.
TEST(ChildProtocolTest, DriftRoundTripsWithItsResult) {
  report::ModuleResult drifted = SampleResults()[1];
  drifted.drift.known = true;
  drifted.drift.version = 9;
  drifted.drift.items = {{"column w.note", "extra", "", "text NULL", false},
                         {"index w.ix", "missing", "(a)", "", true}};
  report::ModuleResult unknown = SampleResults()[1];
  unknown.drift.not_known = "not checked: on_drift = ignore";
  std::vector<ChildMessage> got = DecodeAll(
      EncodeResult(drifted) + EncodeResult(unknown) + EncodeResult(SampleResults()[1]));
  ASSERT_THAT(got, SizeIs(3));
  ExpectSameResult(got[0].result, drifted);
  EXPECT_TRUE(got[0].result.drift.known);
  EXPECT_EQ(got[0].result.drift.version, 9);
  EXPECT_EQ(got[0].result.drift.items, drifted.drift.items);
  EXPECT_FALSE(got[1].result.drift.known);
  EXPECT_EQ(got[1].result.drift.not_known, "not checked: on_drift = ignore");
  EXPECT_FALSE(got[2].result.drift.known);
  EXPECT_THAT(got[2].result.drift.not_known, IsEmpty());
}

TEST(ChildProtocolTest, MalformedFractionsAndStepsAreErrors) {
  for (const std::string& stream : {std::string("F\0\0\0\3abc", 8), std::string("S\0\0\0\1x", 6),
                                    std::string("D\0\0\0\2\1x", 7)}) {
    ChildStreamDecoder decoder;
    std::vector<ChildMessage> got;
    absl::Status status = decoder.Feed(stream, &got);
    EXPECT_TRUE(absl::IsDataLoss(status)) << status;
    EXPECT_THAT(got, IsEmpty());
  }
}

}  // namespace
}  // namespace aos::engine
