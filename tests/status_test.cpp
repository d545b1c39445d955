#include <echotrace/status.h>
#include <gtest/gtest.h>

namespace echotrace {
namespace {

TEST(Status, OkAndErrorsCarryCodeAndMessage) {
  EXPECT_TRUE(Status::ok().is_ok());
  EXPECT_EQ(Status::ok().to_string(), "OK");
  const Status s = parse_error("a.jsonl:3: malformed JSON");
  EXPECT_FALSE(s.is_ok());
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_EQ(s.to_string(), "ParseError: a.jsonl:3: malformed JSON");
}

TEST(Result, HoldsValueOrStatus) {
  Result<int> v = 7;
  ASSERT_TRUE(v.is_ok());
  EXPECT_EQ(*v, 7);
  Result<int> e = not_found("x: no such file");
  ASSERT_FALSE(e.is_ok());
  EXPECT_EQ(e.status().code(), StatusCode::kNotFound);
  // An OK status cannot masquerade as a missing value.
  Result<int> bad = Status::ok();
  EXPECT_FALSE(bad.is_ok());
}

}  // namespace
}  // namespace echotrace
