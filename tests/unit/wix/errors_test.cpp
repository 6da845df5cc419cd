#include "shelfnode/wix/errors.h"

#include <gtest/gtest.h>

#include <cctype>

#include "shelfnode/core/logger.h"

namespace shelfnode::wix {
namespace {

HttpResponse answer(long status, std::string body, std::string type = "application/json",
                    std::optional<int> retry_after = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(type);
  r.retry_after_seconds = retry_after;
  return r;
}

TEST(WixErrors, StandardApplicationErrorBody) {
  WixError e = parse_error(answer(404, R"({"message":"Product not found","details":{
      "applicationError":{"code":"PRODUCT_NOT_FOUND","description":"no product abc","data":{}}}})"));
  EXPECT_EQ(e.http_status, 404);
  EXPECT_EQ(e.code, "PRODUCT_NOT_FOUND");
  EXPECT_EQ(e.description, "no product abc");
  EXPECT_EQ(e.outcome, Outcome::kRejected);
  Status s = to_status(e);
  EXPECT_EQ(s.code(), Code::kBadData);
  EXPECT_NE(s.message().find("PRODUCT_NOT_FOUND"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("no product abc"), std::string::npos);
}

TEST(WixErrors, ValidationErrorListsEveryFieldViolation) {
  WixError e = parse_error(answer(400, R"({"message":"bad","details":{"validationError":{
      "fieldViolations":[{"field":"query.filter","description":"Field 'x' is not declared as filterable",
      "violatedRule":"OTHER","ruleName":"","data":{}},{"field":"paging.limit","description":"must be <= 100"}]}}})"));
  ASSERT_EQ(e.violations.size(), 2u);
  EXPECT_EQ(e.violations[0], "query.filter: Field 'x' is not declared as filterable");
  EXPECT_EQ(e.violations[1], "paging.limit: must be <= 100");
  EXPECT_EQ(e.description, "bad");
  Status s = to_status(e);
  EXPECT_EQ(s.code(), Code::kBadData);
  EXPECT_NE(s.message().find("paging.limit: must be <= 100"), std::string::npos) << s.message();
}

TEST(WixErrors, EmptySystemErrorIsUncertain) {
  WixError e = parse_error(answer(500, R"({"message":"","details":{}})"));
  EXPECT_EQ(e.outcome, Outcome::kUncertain);
  EXPECT_TRUE(e.code.empty());
  Status s = to_status(e);
  EXPECT_EQ(s.code(), Code::kTemporary);
  EXPECT_NE(s.message().find("may have been applied"), std::string::npos) << s.message();
}

TEST(WixErrors, Empty503IsNotSent) {
  WixError e = parse_error(answer(503, R"({"message":"","details":{}})"));
  EXPECT_EQ(e.outcome, Outcome::kNotSent);
  EXPECT_EQ(to_status(e).code(), Code::kUnavailable);
}

TEST(WixErrors, HtmlNotFoundPageGivesShortExcerpt) {
  std::string html =
      "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n<body>"
      "<h1>Not Found</h1><p>The requested URL was not found on this server.</p>" +
      std::string(2000, 'x') + "</body></html>";
  WixError e = parse_error(answer(404, html, "text/html; charset=utf-8"));
  EXPECT_EQ(e.outcome, Outcome::kRejected);
  EXPECT_EQ(e.description.find('<'), std::string::npos) << e.description;
  EXPECT_NE(e.description.find("404 Not Found Not Found"), std::string::npos) << e.description;
  EXPECT_LE(e.description.size(), 124u);
  EXPECT_EQ(to_status(e).code(), Code::kBadData);
}

TEST(WixErrors, ABodyWithTextAfterTheJsonIsNotReadAsWixsError) {
  WixError e = parse_error(answer(404, R"({"message":"Product not found","details":{
      "applicationError":{"code":"NOT_FOUND","description":"gone"}}} trailing)"));
  EXPECT_EQ(e.code, "") << "the fields of a body that is not one JSON value are not trusted";
  EXPECT_NE(e.description.find("trailing"), std::string::npos) << "shown as text instead";
}

TEST(WixErrors, MissingSiteIdIsAConfigError) {
  WixError e = parse_error(answer(428, R"({"message":"Could not extract metasite id","details":{
      "applicationError":{"code":"MISSING_METASITE_ID","description":"","data":{}}}})"));
  Status s = to_status(e);
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_NE(s.message().find("site ID"), std::string::npos) << s.message();
}

TEST(WixErrors, Other428IsBadData) {
  WixError e = parse_error(answer(428, R"({"message":"m","details":{"applicationError":{
      "code":"CATALOG_VERSION_MISMATCH","description":"V3 route on a V1 site"}}})"));
  EXPECT_EQ(to_status(e).code(), Code::kBadData);
}

TEST(WixErrors, PermissionDeniedWithEmptyDescriptionFallsBackToMessage) {
  WixError e = parse_error(answer(403, R"({"message":"Permission denied","details":{
      "applicationError":{"code":"PERMISSION_DENIED","description":"","data":{}}}})"));
  EXPECT_EQ(e.description, "Permission denied");
  Status s = to_status(e);
  EXPECT_EQ(s.code(), Code::kPermission);
  EXPECT_NE(s.message().find("PERMISSION_DENIED"), std::string::npos) << s.message();
}

TEST(WixErrors, PermissionDeniedWithNothingAtAllStillSaysSo) {
  WixError e = parse_error(answer(403, R"({"message":"","details":{"applicationError":{
      "code":"PERMISSION_DENIED","description":""}}})"));
  Status s = to_status(e);
  EXPECT_EQ(s.code(), Code::kPermission);
  EXPECT_NE(s.message().find("no description"), std::string::npos) << s.message();
}

// A 401 is its own code (exit 77 like a 403): its fix is a new key, not a permission.
TEST(WixErrors, UnauthenticatedIsItsOwnCodeAndExits77) {
  WixError e = parse_error(answer(401, R"({"message":"unknown key","details":{"applicationError":{
      "code":"UNAUTHENTICATED","description":"The API key is not valid"}}})"));
  EXPECT_EQ(e.outcome, Outcome::kRejected);
  const Status s = to_status(e);
  EXPECT_EQ(s.code(), Code::kUnauthenticated);
  EXPECT_EQ(s.exit_code(), 77);
  EXPECT_NE(s.message().find("the API key was refused (HTTP 401"), std::string::npos)
      << s.message();
}

TEST(WixErrors, RateLimitWithRetryAfter) {
  WixError e = parse_error(answer(429, R"({"message":"","details":{"applicationError":{
      "code":"TOO_MANY_REQUESTS","description":"slow down"}}})",
                                  "application/json", 7));
  EXPECT_EQ(e.outcome, Outcome::kNotSent);
  ASSERT_TRUE(e.retry_after_seconds.has_value());
  EXPECT_EQ(*e.retry_after_seconds, 7);
  Status s = to_status(e);
  EXPECT_EQ(s.code(), Code::kTemporary);
  EXPECT_NE(s.message().find("retry after 7 s"), std::string::npos) << s.message();
}

TEST(WixErrors, RateLimitWithoutRetryAfter) {
  WixError e = parse_error(answer(429, R"({"message":"","details":{}})"));
  EXPECT_FALSE(e.retry_after_seconds.has_value());
  EXPECT_EQ(to_status(e).code(), Code::kTemporary);
}

TEST(WixErrors, GarbageAndTruncatedBodiesNeverFail) {
  for (const char* body :
       {"{\"message\":\"cut", "not json at all", "[1,2", "\"just a string\"", "{\"details\":[]}",
        "{\"details\":{\"validationError\":{\"fieldViolations\":7}}}", "\x01\x02\xff"}) {
    WixError e = parse_error(answer(400, body));
    EXPECT_EQ(e.outcome, Outcome::kRejected) << body;
    EXPECT_EQ(to_status(e).code(), Code::kBadData) << body;
  }
  WixError empty = parse_error(answer(502, ""));
  EXPECT_EQ(empty.outcome, Outcome::kUncertain);
  EXPECT_TRUE(empty.description.empty());
}

TEST(WixErrors, ClassificationTableForEveryStatus) {
  for (long s = 100; s < 600; ++s) {
    Outcome want;
    if (s >= 200 && s < 300) {
      want = Outcome::kSuccess;
    } else if (s == 408 || s == 429 || s == 503) {
      want = Outcome::kNotSent;
    } else if (s >= 300 && s < 500) {
      want = Outcome::kRejected;
    } else {
      want = Outcome::kUncertain;
    }
    EXPECT_EQ(classify_status(s), want) << s;
  }
  EXPECT_EQ(classify_status(504), Outcome::kUncertain);
  EXPECT_EQ(classify_status(501), Outcome::kUncertain);
  EXPECT_EQ(classify_status(409), Outcome::kRejected);
  EXPECT_EQ(classify_status(0), Outcome::kUncertain);
}

TEST(WixErrors, TransportFailuresMapToOutcomeAndCode) {
  WixError a = error_from_transport(not_sent("connection refused"));
  EXPECT_EQ(a.outcome, Outcome::kNotSent);
  EXPECT_EQ(to_status(a).code(), Code::kUnavailable);
  WixError b = error_from_transport(uncertain("timed out"));
  EXPECT_EQ(b.outcome, Outcome::kUncertain);
  EXPECT_EQ(to_status(b).code(), Code::kTemporary);
  WixError c = error_from_transport(config_error("bad CA file"));
  EXPECT_EQ(c.outcome, Outcome::kNotSent);
}

TEST(WixErrors, RegisteredKeyNeverAppearsInMessages) {
  logger().add_secret("IST.errors-test-key-9d1");
  WixError e = parse_error(answer(400, R"({"message":"bad header IST.errors-test-key-9d1",
      "details":{"applicationError":{"code":"X","description":"key IST.errors-test-key-9d1"}}})"));
  EXPECT_EQ(to_status(e).message().find("errors-test-key"), std::string::npos)
      << to_status(e).message();
}

TEST(WixErrors, ExcerptsAndFieldsCarryOnlyPrintableText) {
  WixError html = parse_error(answer(
      502, "<html><body><p>\x1B[2J boom \xC2\x9B" "31m \xFF Crème brûlée</p></body></html>",
      "text/html"));
  // Tags and C0 controls become one space each (one line); the rest is escaped.
  EXPECT_EQ(html.description, "[2J boom \\xC2\\x9B31m \\xFF Crème brûlée") << html.description;
  WixError json = parse_error(answer(400, R"({"message":"m","details":{"applicationError":{
      "code":"E\u001b[0m","description":"line1\r\nline2 \u001b[31mred \u0085"},
      "validationError":{"fieldViolations":[{"field":"f\u0007","description":"d\u007f"}]}}})"));
  EXPECT_EQ(json.code, "E\\x1B[0m");
  EXPECT_EQ(json.description, "line1\\x0D\\x0Aline2 \\x1B[31mred \\xC2\\x85");
  ASSERT_EQ(json.violations.size(), 1u);
  EXPECT_EQ(json.violations[0], "f\\x07: d\\x7F");
  const std::string m = to_status(json).message();
  for (char c : m) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_FALSE(u < 0x20 || u == 0x7F || u == 0x85) << m;
  }
}

// A key echoed by Wix is redacted before the excerpt is cut: cut first, its first characters
// would be on show, too few to be recognised as the key afterwards.
TEST(WixErrors, ExcerptIsRedactedBeforeItIsCut) {
  const std::string key = "IST.eyJraWQiOiJQb3pIX2FDMiIsImFsZyI6IlJTMjU2In0.eyJkYXRhIjoie1wiaWRc"
                          "IjpcIjU0ZDc5NmRkLWZiMTctNGU2NC1hNWM1LTM1MDdjMzI4NmFhMVwifSJ9";
  logger().add_secret(key);
  const std::string page = "<html><body><p>" + std::string(112, 'x') + " " + key +
                           " is not a valid token</p></body></html>";
  WixError e = parse_error(answer(401, page, "text/html"));
  EXPECT_EQ(e.description.find(key.substr(0, 7)), std::string::npos) << e.description;
  EXPECT_EQ(e.description, std::string(112, 'x') + " <redacted>...");
  // The kept body (what `wix call` shows) is cut at 64 KiB, also after redaction.
  const std::string big = std::string(WixError::kMaxKeptBody - 5, 'y') + key + " and more";
  WixError b = parse_error(answer(500, big, "text/plain"));
  EXPECT_TRUE(b.body_cut);
  EXPECT_EQ(b.body.find(key.substr(0, 5)), std::string::npos);
  EXPECT_EQ(b.body, std::string(WixError::kMaxKeptBody - 5, 'y') + "<redacted>");
  // A lower-cased copy in a JSON description is redacted too.
  std::string lower = key;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  WixError j = parse_error(answer(401, R"({"message":"bad token )" + lower + R"("})"));
  EXPECT_EQ(to_status(j).message().find(lower.substr(10, 8)), std::string::npos)
      << to_status(j).message();
}

}  // namespace
}  // namespace shelfnode::wix
